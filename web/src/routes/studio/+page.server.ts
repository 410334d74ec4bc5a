import { apiFor, load as call } from '#lib/server/api.ts';
import { loadLookups, nameOf } from '#lib/server/lookups.ts';
import type { PageServerLoad } from './$types';

// What the studio works from: its assets waiting for it (drafts, changes requested, approved and
// not yet posted), the briefs to make assets for, and the campaigns and sources to edit.
export const load: PageServerLoad = async (event) => {
  const api = apiFor(event);
  const assetsIn = (state: 'draft' | 'changes_requested' | 'approved') =>
    call(event, () => api.GET('/v1/assets', { params: { query: { state, limit: 50, sort: 'updatedAt', order: 'desc' } } }));
  const [lookups, briefs, drafts, changes, approved] = await Promise.all([
    loadLookups(event, api),
    call(event, () => api.GET('/v1/briefs', { params: { query: { limit: 20, sort: 'openedAt', order: 'desc' } } })),
    assetsIn('draft'),
    assetsIn('changes_requested'),
    assetsIn('approved'),
  ]);
  const named = <T extends { campaignId: string; sourceId: string }>(item: T) => ({ ...item, campaign: nameOf(lookups.campaigns, item.campaignId), source: nameOf(lookups.sources, item.sourceId) });
  return {
    todo: [...changes.items, ...drafts.items, ...approved.items].map(named),
    briefs: briefs.items.map(named),
    campaigns: lookups.campaigns,
    sources: lookups.sources,
  };
};
