import { sourceKinds } from '@persona-ops/domain/core';
import { fieldErrors } from '#lib/api/client.ts';
import { lastDays, readReportFilters, toReportQuery } from '#lib/filters.ts';
import { apiFor, attempt } from '#lib/server/api.ts';
import { loadFollowerSeries } from '#lib/server/followers.ts';
import { loadLookups } from '#lib/server/lookups.ts';
import type { PageServerLoad } from './$types';

// Follower lines for at most this many sources, so the chart stays readable.
const MAX_LINES = 6;
const DAY_MS = 86_400_000;

export const load: PageServerLoad = async (event) => {
  const api = apiFor(event);
  const filters = readReportFilters(event.url.searchParams);
  const { query, errors } = toReportQuery(filters);
  const valid = Object.keys(errors).length === 0;
  const now = new Date();
  const [lookups, report] = await Promise.all([
    loadLookups(event, api),
    valid ? attempt(event, () => api.GET('/v1/reports/audience', { params: { query } })) : Promise.resolve({ data: null, problem: null }),
  ]);
  // Product ads have no account, so no followers; without a period the chart shows the last 120 days.
  const inScope = lookups.sources
    .filter((s) => s.kind !== 'product_ad' && (!filters.sourceId || s.id === filters.sourceId) && (!filters.sourceKind || s.kind === filters.sourceKind))
    .slice(0, MAX_LINES);
  const chartPeriod = {
    from: query.from?.slice(0, 10) ?? lastDays(120, now).from,
    to: query.to?.slice(0, 10) ?? new Date(now.getTime() + DAY_MS).toISOString().slice(0, 10),
  };
  const followers = valid && report.data ? await loadFollowerSeries(event, api, inScope, chartPeriod) : [];
  return {
    filters,
    presets: [{ label: 'Last 4 weeks', ...lastDays(28, now) }, { label: 'Last 12 weeks', ...lastDays(84, now) }],
    sourceKinds: [...sourceKinds],
    lookups,
    report: report.data,
    problem: report.problem,
    filterErrors: { ...errors, ...fieldErrors(report.problem) },
    followers,
  };
};
