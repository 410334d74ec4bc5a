import { campaignGoals, sourceKinds } from '@persona-ops/domain/core';
import { fieldErrors, type ComparisonReportQuery } from '#lib/api/client.ts';
import { oneOf, reader } from '#lib/params.ts';
import { apiFor, attempt } from '#lib/server/api.ts';
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
  const [lookups, report] = await Promise.all([
    loadLookups(event, api),
    Object.keys(errors).length ? Promise.resolve({ data: null, problem: null }) : attempt(event, () => api.GET('/v1/reports/comparison', { params: { query } })),
  ]);
  return {
    filters,
    goals: [...campaignGoals],
    sourceKinds: [...sourceKinds],
    lookups,
    report: report.data,
    problem: report.problem,
    filterErrors: { ...errors, ...fieldErrors(report.problem) },
  };
};
