import { fieldErrors } from '#lib/api/client.ts';
import { readReportFilters, reportPresets, toPeriodQuery } from '#lib/filters.ts';
import { apiFor, attempt } from '#lib/server/api.ts';
import { loadLookups } from '#lib/server/lookups.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const api = apiFor(event);
  const { campaignId, from, to } = readReportFilters(event.url.searchParams);
  const filters = { campaignId, from, to };
  const { query, errors } = toPeriodQuery(filters);
  const now = new Date();
  const [lookups, report] = await Promise.all([
    loadLookups(event, api),
    Object.keys(errors).length
      ? Promise.resolve({ data: null, problem: null })
      : attempt(event, () => api.GET('/v1/reports/overview', { params: { query: { ...query, ...(campaignId ? { campaignId } : {}) } } })),
  ]);
  return {
    filters,
    presets: reportPresets(now),
    lookups,
    report: report.data,
    problem: report.problem,
    filterErrors: { ...errors, ...fieldErrors(report.problem) },
  };
};
