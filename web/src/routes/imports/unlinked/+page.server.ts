import { fieldErrors } from '#lib/api/client.ts';
import { hrefWith } from '#lib/brand-safety.ts';
import { importKinds } from '#lib/imports.ts';
import { oneOf, pageSize, reader } from '#lib/params.ts';
import { apiFor, attempt } from '#lib/server/api.ts';
import { loadTargets } from '#lib/server/imports.ts';
import { unlinkedActions } from '#lib/server/unlinked.ts';
import type { Actions, PageServerLoad } from './$types';

const states = ['open', 'resolved', 'dismissed'] as const;

// Every import's rows naming no known post, link or code; open ones first by default, as they
// are the ones waiting for a producer. `state=` (empty) shows every state.
export const load: PageServerLoad = async (event) => {
  const api = apiFor(event);
  const search = event.url.searchParams;
  const get = reader(search);
  const errors: Record<string, string> = {};
  const kind = oneOf(importKinds, get('kind'), errors, 'kind');
  const state = search.has('state') ? oneOf(states, get('state'), errors, 'state') : 'open';
  const importId = /^[0-9a-f-]{36}$/i.test(get('importId')) ? get('importId') : '';
  const matchKey = get('matchKey');
  const cursor = get('cursor');
  const filters = { importId, kind: kind ?? '', state: state ?? '', matchKey, limit: get('limit') };
  const query = {
    limit: pageSize(get('limit')),
    ...(importId ? { importId } : {}),
    ...(kind ? { kind } : {}),
    ...(state ? { state } : {}),
    ...(matchKey ? { matchKey } : {}),
    ...(cursor ? { cursor } : {}),
  };
  const page = await attempt(event, () => api.GET('/v1/imports/unlinked', { params: { query } }));
  const rows = page.data?.items ?? [];
  const { problem: targetsProblem, ...targets } = await loadTargets(event, api, rows.filter((r) => r.state === 'open'));
  // "state" must stay in the address even when empty (every state), else the default (open) returns.
  const keep = { ...filters, state: state ?? '' };
  const href = (changes: Record<string, string | null> = {}) => {
    const base = hrefWith('/imports/unlinked', keep, changes);
    return state ? base : `${base}${base.includes('?') ? '&' : '?'}state=`;
  };
  return {
    filters,
    kinds: importKinds,
    states,
    rows,
    targets,
    problem: page.problem ?? targetsProblem,
    filterErrors: { ...errors, ...fieldErrors(page.problem) },
    firstPageHref: cursor ? href() : null,
    nextPageHref: page.data?.nextCursor ? href({ cursor: page.data.nextCursor }) : null,
  };
};

export const actions: Actions = unlinkedActions;
