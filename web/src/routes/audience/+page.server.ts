import { lastDays } from '#lib/filters.ts';
import { loadFollowerSeries } from '#lib/server/followers.ts';
import { loadReportPage } from '#lib/server/report-page.ts';
import type { PageServerLoad } from './$types';

// Follower lines for at most this many sources, so the chart stays readable.
const MAX_LINES = 6;
const DAY_MS = 86_400_000;

export const load: PageServerLoad = async (event) => {
  const { api, query, now, page } = await loadReportPage(event, (api, query) => api.GET('/v1/reports/audience', { params: { query: { ...query, compare: 'previous' } } }));
  const { filters, lookups } = page;
  // Product ads have no account, so no followers; without a period the chart shows the last 120 days.
  const inScope = lookups.sources
    .filter((s) => s.kind !== 'product_ad' && (!filters.sourceId || s.id === filters.sourceId) && (!filters.sourceKind || s.kind === filters.sourceKind))
    .slice(0, MAX_LINES);
  const chartPeriod = {
    from: query.from?.slice(0, 10) ?? lastDays(120, now).from,
    to: query.to?.slice(0, 10) ?? new Date(now.getTime() + DAY_MS).toISOString().slice(0, 10),
  };
  const followers = page.report ? await loadFollowerSeries(event, api, inScope, chartPeriod) : [];
  return { ...page, followers };
};
