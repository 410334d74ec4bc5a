import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client } from '../support/api-harness.ts';

let harness: Awaited<ReturnType<typeof startTestApp>>;
let studio: Client;
let approver: Client;
let assetId: string;

beforeAll(async () => {
  harness = await startTestApp();
  studio = await harness.userWithRole('studio');
  approver = await harness.userWithRole('approver');
  const source = await studio.post('/v1/sources', { kind: 'ai_character', name: 'Léa Nova', handles: { instagram: '@lea.nova' }, aliases: ['Lea'], launchedOn: '2026-01-05' });
  expect(source.status).toBe(201);
  const campaign = await studio.post('/v1/campaigns', { name: 'Spring drop', goal: 'sales', startsOn: '2026-03-01', endsOn: '2026-03-31', currency: 'USD', targetAction: 'purchase', budgetMinor: 500_000 });
  expect(campaign.status).toBe(201);
  const brief = await studio.post('/v1/briefs', { campaignId: campaign.body.id, sourceId: source.body.id, title: 'Launch look' });
  expect(brief.status).toBe(201);
  const asset = await studio.post('/v1/assets', { briefId: brief.body.id, title: 'Look 1', kind: 'image', tool: 'midjourney', toolVersion: '7', currency: 'USD', generationCostMinor: 1200, productionHours: 1.5 });
  expect(asset.status).toBe(201);
  assetId = asset.body.id;
});
afterAll(() => harness.close());

describe('the asset pipeline', () => {
  it('starts as a draft that may only be submitted', async () => {
    const asset = await studio.get(`/v1/assets/${assetId}`);
    expect(asset.body.state).toBe('draft');
    expect(asset.body.legalActions).toEqual(['submit']);
  });

  it('answers 409 with the legal actions for an illegal transition', async () => {
    const response = await approver.post(`/v1/assets/${assetId}/reviews`, { decision: 'approve' });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('illegal_transition');
    expect(response.body.legalActions).toEqual(['submit']);
  });

  it('refuses a change request without a reason (422, naming the field)', async () => {
    await studio.post(`/v1/assets/${assetId}/submit`);
    const response = await approver.post(`/v1/assets/${assetId}/reviews`, { decision: 'request_changes' });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
  });

  it('keeps every transition with its time, reason and reviewer', async () => {
    expect((await approver.post(`/v1/assets/${assetId}/reviews`, { decision: 'request_changes', reason: 'Logo too small' })).status).toBe(200);
    expect((await studio.post(`/v1/assets/${assetId}/submit`)).status).toBe(200);
    const approved = await approver.post(`/v1/assets/${assetId}/reviews`, { decision: 'approve' });
    expect(approved.body.state).toBe('approved');
    const published = await studio.post(`/v1/assets/${assetId}/publish`, { channel: 'instagram', url: 'https://instagram.com/p/abc', aiLabelApplied: true });
    expect(published.status).toBe(201);
    expect(published.body.post.placement).toBe('organic');
    const history = await studio.get(`/v1/assets/${assetId}`);
    expect(history.body.transitions.map((t: { action: string; toState: string }) => `${t.action}->${t.toState}`)).toEqual([
      'create->draft', 'submit->in_review', 'request_changes->changes_requested', 'submit->in_review', 'approve->approved', 'publish->published',
    ]);
    expect(history.body.transitions[2].reason).toBe('Logo too small');
    expect(history.body.transitions[2].actorId).toEqual(expect.any(String));
  });

  it('lets only approvers (and admins) review', async () => {
    const response = await studio.request('POST', `/v1/assets/${assetId}/reviews`, { decision: 'approve' });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('role_not_allowed');
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('rejects bad input with a 400 problem naming the field', async () => {
    const response = await studio.post('/v1/assets', { briefId: 'nope', title: '', kind: 'hologram', tool: 'x', currency: 'usd' });
    expect(response.status).toBe(400);
    const fields = response.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body.briefId', 'body.title', 'body.kind', 'body.currency', 'body.productionHours']));
  });
});
