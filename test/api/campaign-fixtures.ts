import { expect } from 'vitest';
import type { Client } from '../support/api-harness.ts';

export type AssetCosts = { generationCostMinor: number; otherCostMinor: number; productionHours: number };

/**
 * An asset taken through the studio's path (brief, create, submit, approve), as the reports see it.
 * Each step is dated at the brief's opening, so any publication from then on comes after the approval.
 */
export async function approvedAsset(client: Client, campaignId: string, sourceId: string, currency: string, costs: AssetCosts, openedAt = '2026-02-01T00:00:00Z') {
  const brief = await client.post('/v1/briefs', { campaignId, sourceId, title: 'brief', openedAt });
  const created = await client.post('/v1/assets', { briefId: brief.body.id, title: 'asset', kind: 'video', tool: 'gen', currency, ...costs, draftedAt: openedAt });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect((await client.post(`/v1/assets/${created.body.id}/submit`, { submittedAt: openedAt })).status).toBe(200);
  expect((await client.post(`/v1/assets/${created.body.id}/reviews`, { decision: 'approve', decidedAt: openedAt })).status).toBe(200);
  return created.body.id as string;
}

/** Posts an approved asset: organic, or reused in paid media when it has a spend. */
export async function publishAsset(client: Client, assetId: string, channel: string, publishedAt: string, spendMinor = 0) {
  const body = { channel, url: `https://social.example/${channel}/${Math.random()}`, aiLabelApplied: true, publishedAt };
  const response = spendMinor > 0
    ? await client.post(`/v1/assets/${assetId}/paid-reuse`, { ...body, spendMinor })
    : await client.post(`/v1/assets/${assetId}/publish`, body);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.post.id as string;
}
