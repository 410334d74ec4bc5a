import { campaignGoals, sourceKinds } from '@persona-ops/domain/core';
import { fieldErrors, type ComparisonReportQuery } from '#lib/api/client.ts';
import { oneOf, reader } from '#lib/params.ts';
import { apiFor, attempt } from '#lib/server/api.ts';
import { loadExecutiveAnswer } from '#lib/server/executive-answer.ts';
import { loadLookups } from '#lib/server/lookups.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const api = apiFor(event);
  const get = reader(event.url.searchParams);
  const filters = { goal: get('goal'), campaignId: get('campaignId'), sourceKind: get('sourceKind'), windowDays: get('windowDays') };
  const query: ComparisonReportQuery = {};
  const errors: Record<string, string> = {};
  const goal = oneOf(campaignGoals, filters.goal, errors, 'goal');
  if (goal) query.goal = goal;
  const sourceKind = oneOf(sourceKinds, filters.sourceKind, errors, 'sourceKind');
  if (sourceKind) query.sourceKind = sourceKind;
  if (filters.campaignId) query.campaignId = filters.campaignId;
  if (filters.windowDays) {
    const days = Number(filters.windowDays);
    if (Number.isInteger(days) && days >= 1 && days <= 3650) query.windowDays = days;
    else errors.windowDays = 'must be a whole number of days, 1–3650';
  }
  const lookupsLoaded = loadLookups(event, api);
  // The executive's answer, on the page's goal, campaign and window, beside the comparison itself.
  const [lookups, report, executive] = await Promise.all([
    lookupsLoaded,
    Object.keys(errors).length ? Promise.resolve({ data: null, problem: null }) : attempt(event, () => api.GET('/v1/reports/comparison', { params: { query } })),
    loadExecutiveAnswer(event, api, { goal: filters.goal, campaignId: query.campaignId, windowDays: query.windowDays, lookups: lookupsLoaded }),
  ]);
  return {
    filters,
    goals: [...campaignGoals],
    sourceKinds: [...sourceKinds],
    lookups,
    executive,
    report: report.data,
    problem: report.problem,
    filterErrors: { ...errors, ...fieldErrors(report.problem) },
  };
};
