import { fieldErrors } from '#lib/api/client.ts';
import { readReportFilters, reportPresets, toPeriodQuery } from '#lib/filters.ts';
import { apiFor, attempt } from '#lib/server/api.ts';
import { loadExecutiveAnswer } from '#lib/server/executive-answer.ts';
import { loadLookups } from '#lib/server/lookups.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const api = apiFor(event);
  const { campaignId, from, to } = readReportFilters(event.url.searchParams);
  const filters = { campaignId, from, to };
  const { query, errors } = toPeriodQuery(filters);
  const now = new Date();
  // The executive's answer has a goal of its own here (?goal=; the page's campaign's, else sales).
  const answerGoal = (event.url.searchParams.get('goal') ?? '').trim();
  const lookupsLoaded = loadLookups(event, api);
  const [lookups, report, executive] = await Promise.all([
    lookupsLoaded,
    Object.keys(errors).length
      ? Promise.resolve({ data: null, problem: null })
      : attempt(event, () => api.GET('/v1/reports/overview', { params: { query: { ...query, ...(campaignId ? { campaignId } : {}) } } })),
    loadExecutiveAnswer(event, api, { goal: answerGoal, ...(campaignId ? { campaignId } : {}), lookups: lookupsLoaded }),
  ]);
  return {
    filters,
    presets: reportPresets(now),
    lookups,
    executive,
    report: report.data,
    problem: report.problem,
    filterErrors: { ...errors, ...fieldErrors(report.problem) },
  };
};
