import type { RequestEvent } from '@sveltejs/kit';
import type { ApiClient } from '#lib/api/client.ts';
import { hoursBetween } from '#lib/format.ts';
import { load } from './api.ts';
import { reviewRound, submittedAt } from './assets.ts';

/** One asset with its history, campaign and source, as the detail pages show it. */
export async function loadAssetDetail(event: Pick<RequestEvent, 'cookies' | 'url'>, api: ApiClient, id: string) {
  const asset = await load(event, () => api.GET('/v1/assets/{id}', { params: { path: { id } } }));
  const [campaign, source] = await Promise.all([
    load(event, () => api.GET('/v1/campaigns/{id}', { params: { path: { id: asset.campaignId } } })),
    load(event, () => api.GET('/v1/sources/{id}', { params: { path: { id: asset.sourceId } } })),
  ]);
  const since = asset.state === 'in_review' ? submittedAt(asset) : null;
  return {
    asset,
    campaign: { id: campaign.id, name: campaign.name },
    source: { id: source.id, name: source.name, kind: source.kind },
    review: since ? { submittedAt: since, waitingHours: hoursBetween(since, new Date()), round: reviewRound(asset) } : null,
  };
}
