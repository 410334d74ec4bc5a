import type { Client } from './api-harness.ts';

/** A character's asset taken through brief, review and approval to one published Instagram post; its id. */
export async function publishedPost(client: Client): Promise<string> {
  const source = await client.post('/v1/sources', { kind: 'ai_character', name: 'Léa Nova', handles: { instagram: '@lea.nova' } });
  const campaign = await client.post('/v1/campaigns', { name: 'Launch', goal: 'awareness', startsOn: '2026-01-01', endsOn: '2026-12-31', currency: 'USD', targetAction: 'follow' });
  const brief = await client.post('/v1/briefs', { campaignId: campaign.body.id, sourceId: source.body.id, title: 'Teaser', openedAt: '2026-11-01T00:00:00Z' });
  const asset = await client.post('/v1/assets', { briefId: brief.body.id, title: 'asset', kind: 'image', tool: 'mj', currency: 'USD', productionHours: 1, draftedAt: '2026-11-01T00:00:00Z' });
  await client.post(`/v1/assets/${asset.body.id}/submit`, { submittedAt: '2026-11-01T00:00:00Z' });
  await client.post(`/v1/assets/${asset.body.id}/reviews`, { decision: 'approve', decidedAt: '2026-11-01T00:00:00Z' });
  const published = await client.post(`/v1/assets/${asset.body.id}/publish`, { channel: 'instagram', url: 'https://i.example/p/1', aiLabelApplied: true, publishedAt: '2026-11-02T00:00:00Z' });
  return published.body.post.id as string;
}
