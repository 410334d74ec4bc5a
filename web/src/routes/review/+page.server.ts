import { fieldErrors } from '#lib/api/client.ts';
import { hoursBetween } from '#lib/format.ts';
import { apiFor, attempt, load as call } from '#lib/server/api.ts';
import { reviewRound, submittedAt } from '#lib/server/assets.ts';
import { loadLookups, nameOf } from '#lib/server/lookups.ts';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 25;

// Assets in review, oldest first. The list endpoint carries no history, so each asset's own
// history is read to tell how long it has waited since it was (last) submitted.
export const load: PageServerLoad = async (event) => {
  const api = apiFor(event);
  const cursor = event.url.searchParams.get('cursor') || undefined;
  const [lookups, page] = await Promise.all([
    loadLookups(event, api),
    attempt(event, () =>
      api.GET('/v1/assets', { params: { query: { state: 'in_review', sort: 'createdAt', order: 'asc', limit: PAGE_SIZE, cursor } } }),
    ),
  ]);
  const now = new Date();
  const items = page.data
    ? await Promise.all(
        page.data.items.map(async (asset) => {
          const full = await call(event, () => api.GET('/v1/assets/{id}', { params: { path: { id: asset.id } } }));
          const since = submittedAt(full) ?? asset.updatedAt;
          return {
            id: asset.id,
            title: asset.title,
            kind: asset.kind,
            tool: asset.tool,
            campaign: nameOf(lookups.campaigns, asset.campaignId),
            source: nameOf(lookups.sources, asset.sourceId),
            submittedAt: since,
            waitingHours: hoursBetween(since, now),
            round: Math.max(1, reviewRound(full)),
          };
        }),
      )
    : [];
  const reviewed = event.url.searchParams.get('reviewed');
  const decision = event.url.searchParams.get('decision');
  return {
    items,
    cursor: cursor ?? null,
    nextCursor: page.data?.nextCursor ?? null,
    problem: page.problem,
    problemFields: fieldErrors(page.problem),
    notice: reviewed && decision ? { title: reviewed.slice(0, 200), decision } : null,
  };
};
