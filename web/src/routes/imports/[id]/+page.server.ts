import { apiFor, attempt, load as call } from '#lib/server/api.ts';
import { loadTargets } from '#lib/server/imports.ts';
import { unlinkedActions } from '#lib/server/unlinked.ts';
import type { Actions, PageServerLoad } from './$types';

const MAX_ROWS = 200;

// One import: its progress (the page reads it again every second while it runs), its counts,
// every rejected row, and the rows still waiting to be linked with what they can be linked to.
export const load: PageServerLoad = async (event) => {
  event.depends('app:import');
  const api = apiFor(event);
  const id = event.params.id;
  const [job, unlinked] = await Promise.all([
    call(event, () => api.GET('/v1/imports/{id}', { params: { path: { id } } })),
    attempt(event, () => api.GET('/v1/imports/unlinked', { params: { query: { importId: id, state: 'open', sort: 'line', order: 'asc', limit: MAX_ROWS } } })),
  ]);
  const rows = unlinked.data?.items ?? [];
  const { problem: targetsProblem, ...targets } = await loadTargets(event, api, rows);
  return { job, rows, moreRows: Boolean(unlinked.data?.nextCursor), targets, problem: unlinked.problem ?? targetsProblem };
};

export const actions: Actions = unlinkedActions;
