import { fieldErrors } from '#lib/api/client.ts';
import { readSafetyFilters, toCommentQuery, toSafetyQuery } from '#lib/brand-safety.ts';
import { lastDays } from '#lib/filters.ts';
import { apiFor, attempt } from '#lib/server/api.ts';
import { loadCommentPage } from '#lib/server/comments.ts';
import { loadCharacters, loadLookups } from '#lib/server/lookups.ts';
import type { PageServerLoad } from './$types';

const LATEST_FLAGGED = 5;

export const load: PageServerLoad = async (event) => {
  const api = apiFor(event);
  const filters = readSafetyFilters(event.url.searchParams);
  const { query, errors } = toSafetyQuery(filters);
  const valid = Object.keys(errors).length === 0;
  const now = new Date();
  const presets = [
    { label: 'Last 7 days', ...lastDays(7, now) },
    { label: 'Last 4 weeks', ...lastDays(28, now) },
    { label: 'Last 12 weeks', ...lastDays(84, now) },
  ];

  const [lookups, characters, report] = await Promise.all([
    loadLookups(event, api),
    loadCharacters(event, api),
    valid ? attempt(event, () => api.GET('/v1/reports/brand-safety', { params: { query: { ...query, compare: 'previous' } } })) : Promise.resolve({ data: null, problem: null }),
  ]);
  // The latest flagged comments of the same scope, once the report says there are any.
  const latest = report.data && report.data.totals.flagged > 0
    ? await loadCommentPage(event, api, toCommentQuery({ ...filters, category: '', sentiment: '', show: 'flagged' }, { limit: LATEST_FLAGGED }).query, lookups)
    : { items: [], nextCursor: null, problem: null };

  return {
    filters,
    presets,
    lookups,
    characters,
    report: report.data,
    problem: report.problem,
    filterErrors: { ...errors, ...fieldErrors(report.problem) },
    latestFlagged: latest.items,
  };
};
