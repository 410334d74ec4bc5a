import { BRAND_SAFETY_CATEGORIES, SENTIMENT_LABELS } from '@persona-ops/domain/core';
import { fieldErrors } from '#lib/api/client.ts';
import { hrefWith, readCommentFilters, toCommentQuery } from '#lib/brand-safety.ts';
import { lastDays } from '#lib/filters.ts';
import { pageSize } from '#lib/params.ts';
import { apiFor } from '#lib/server/api.ts';
import { loadCommentPage } from '#lib/server/comments.ts';
import { loadCharacters, loadLookups } from '#lib/server/lookups.ts';
import type { PageServerLoad } from './$types';

// The comments of the brand-safety scope, newest first: flagged ones by default, filterable by
// category and sentiment, paged with the API's cursor.
export const load: PageServerLoad = async (event) => {
  const api = apiFor(event);
  const params = event.url.searchParams;
  const filters = readCommentFilters(params);
  const limit = params.get('limit') ? String(pageSize(params.get('limit'))) : '';
  const cursor = params.get('cursor') || undefined;
  const { query, errors } = toCommentQuery(filters, { limit: pageSize(limit), cursor });
  const now = new Date();

  const [lookups, characters] = await Promise.all([loadLookups(event, api), loadCharacters(event, api)]);
  const page = Object.keys(errors).length ? { items: [], nextCursor: null, problem: null } : await loadCommentPage(event, api, query, lookups);

  const kept = { ...filters, limit };
  return {
    filters,
    limit,
    presets: [
      { label: 'Last 7 days', ...lastDays(7, now) },
      { label: 'Last 4 weeks', ...lastDays(28, now) },
    ],
    categories: [...BRAND_SAFETY_CATEGORIES],
    sentiments: [...SENTIMENT_LABELS],
    lookups,
    characters,
    items: page.items,
    firstPageHref: cursor ? hrefWith('/brand-safety/comments', kept) : null,
    nextPageHref: page.nextCursor ? hrefWith('/brand-safety/comments', kept, { cursor: page.nextCursor }) : null,
    reportHref: hrefWith('/brand-safety', { sourceId: filters.sourceId, campaignId: filters.campaignId, from: filters.from, to: filters.to }),
    problem: page.problem,
    filterErrors: { ...errors, ...fieldErrors(page.problem) },
  };
};
