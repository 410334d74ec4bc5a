import { assetStates } from '@persona-ops/domain/core';
import { fieldErrors, type AssetListQuery } from '#lib/api/client.ts';
import { oneOf, pageSize } from '#lib/params.ts';
import { apiFor, attempt } from '#lib/server/api.ts';
import { loadLookups, nameOf } from '#lib/server/lookups.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const api = apiFor(event);
  const params = event.url.searchParams;
  const filters = {
    state: params.get('state') ?? '',
    campaignId: params.get('campaignId') ?? '',
    sourceId: params.get('sourceId') ?? '',
    // From a bar of the content-velocity chart: the assets first approved in that ISO week.
    approvedWeek: params.get('approvedWeek') ?? '',
    limit: params.get('limit') ? String(pageSize(params.get('limit'))) : '',
  };
  const cursor = params.get('cursor') || undefined;
  const errors: Record<string, string> = {};
  const query: AssetListQuery = { limit: pageSize(filters.limit), sort: 'createdAt', order: 'desc', cursor };
  const state = oneOf(assetStates, filters.state, errors, 'state');
  if (state) query.state = state;
  if (filters.campaignId) query.campaignId = filters.campaignId;
  if (filters.sourceId) query.sourceId = filters.sourceId;
  if (filters.approvedWeek) query.approvedWeek = filters.approvedWeek;

  const [lookups, page] = await Promise.all([
    loadLookups(event, api),
    Object.keys(errors).length ? Promise.resolve({ data: null, problem: null }) : attempt(event, () => api.GET('/v1/assets', { params: { query } })),
  ]);

  const items = (page.data?.items ?? []).map((asset) => ({
    ...asset,
    campaign: nameOf(lookups.campaigns, asset.campaignId),
    source: nameOf(lookups.sources, asset.sourceId),
  }));

  // Links keep the filters; "next" adds the API's cursor.
  const base = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) base.set(key, value);
  const next = page.data?.nextCursor ? new URLSearchParams([...base, ['cursor', page.data.nextCursor]]) : null;

  return {
    filters,
    states: [...assetStates],
    lookups,
    items,
    firstPageHref: cursor ? `?${base}` : null,
    nextPageHref: next ? `?${next}` : null,
    problem: page.problem,
    filterErrors: { ...errors, ...fieldErrors(page.problem) },
  };
};
