import type { RequestEvent } from '@sveltejs/kit';
import type { ApiClient, Problem } from '#lib/api/client.ts';
import { targetValue, type Targets, type UploadQuery } from '#lib/imports.ts';
import { attempt } from './api.ts';

type Event = Pick<RequestEvent, 'cookies' | 'url'>;

// The API checks the file's encoding itself (and says how to fix it), so the bytes go on exactly
// as uploaded: decoding them here would hide a UTF-16 or Latin-1 export behind replacement marks.
const rawCsv = { headers: { 'content-type': 'text/csv' }, bodySerializer: (body: unknown) => body as string };

/** Sends one export to the API as a job; answers the job or the API's problem. */
export async function sendImport(event: Event, api: ApiClient, upload: UploadQuery, bytes: Uint8Array) {
  const body = bytes as unknown as string;
  if (upload.kind === 'conversions') return attempt(event, () => api.POST('/v1/imports/conversions', { params: { query: upload.query }, body, ...rawCsv }));
  return attempt(event, () => api.POST('/v1/imports/post-metrics', { params: { query: upload.query }, body, ...rawCsv }));
}


const MAX = 200;

/**
 * What the open rows can be linked to: each named platform's posts (the post list filters by
 * channel) for post-metrics rows; the workspace's tracking links and offer codes for conversions
 * rows. Only the first page of each (newest first) is offered, which covers a producer's recent work.
 */
export async function loadTargets(event: Event, api: ApiClient, rows: { kind: string; platform: string }[]): Promise<Targets & { problem: Problem | null }> {
  const channels = [...new Set(rows.filter((r) => r.kind === 'post-metrics').map((r) => r.platform))].filter(
    (p): p is 'instagram' | 'tiktok' | 'youtube' => p === 'instagram' || p === 'tiktok' || p === 'youtube',
  );
  const conversions = rows.some((r) => r.kind === 'conversions');
  const [posts, links, codes] = await Promise.all([
    Promise.all(channels.map(async (channel) => [channel, await attempt(event, () => api.GET('/v1/posts', { params: { query: { channel, limit: MAX, sort: 'publishedAt', order: 'desc' } } }))] as const)),
    conversions ? attempt(event, () => api.GET('/v1/tracking-links', { params: { query: { limit: MAX } } })) : null,
    conversions ? attempt(event, () => api.GET('/v1/offer-codes', { params: { query: { limit: MAX, sort: 'code', order: 'asc' } } })) : null,
  ]);
  const day = (iso: string) => iso.slice(0, 10);
  return {
    posts: Object.fromEntries(posts.map(([channel, page]) => [channel, (page.data?.items ?? []).map((p) => ({ value: targetValue('postId', p.id), label: `${day(p.publishedAt)} · ${p.url}${p.placement === 'paid' ? ' (paid)' : ''}` }))])),
    trackingLinks: (links?.data?.items ?? []).map((l) => ({ value: targetValue('trackingLinkId', l.id), label: `${l.utmCampaign} / ${l.utmContent} (${l.utmSource}, ${l.utmMedium})` })),
    offerCodes: (codes?.data?.items ?? []).map((c) => ({ value: targetValue('offerCodeId', c.id), label: c.code })),
    problem: [...posts.map(([, page]) => page.problem), links?.problem, codes?.problem].find(Boolean) ?? null,
  };
}
