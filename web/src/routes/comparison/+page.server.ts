import { campaignGoals, sourceKinds } from '@persona-ops/domain/core';
import { fieldErrors, type ComparisonReportQuery } from '#lib/api/client.ts';
import { apiFor, attempt } from '#lib/server/api.ts';
import { loadLookups } from '#lib/server/lookups.ts';
import type { PageServerLoad } from './$types';

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

export const load: PageServerLoad = async (event) => {
  const api = apiFor(event);
  const get = (name: string) => (event.url.searchParams.get(name) ?? '').trim();
  const filters = { goal: get('goal'), campaignId: get('campaignId'), sourceKind: get('sourceKind'), windowDays: get('windowDays') };
  const query: ComparisonReportQuery = {};
  const errors: Record<string, string> = {};
  if (filters.goal) {
    if (isOneOf(campaignGoals, filters.goal)) query.goal = filters.goal;
    else errors.goal = `must be one of ${campaignGoals.join(', ')}`;
  }
  if (filters.sourceKind) {
    if (isOneOf(sourceKinds, filters.sourceKind)) query.sourceKind = filters.sourceKind;
    else errors.sourceKind = `must be one of ${sourceKinds.join(', ')}`;
  }
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
