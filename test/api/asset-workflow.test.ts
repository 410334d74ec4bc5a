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

describe('steps dated for history entered later', () => {
  const opened = '2026-03-01T00:00:00.000Z';
  const drafted = '2026-03-02T09:00:00.000Z';
  const submitted = '2026-03-03T09:00:00.000Z';
  const approved = '2026-03-04T09:00:00.000Z';
  const future = () => new Date(Date.now() + 86_400_000).toISOString();
  let briefId: string;
  let dated: string;

  beforeAll(async () => {
    const source = await studio.post('/v1/sources', { kind: 'ai_character', name: 'Max Nova' });
    const campaign = await studio.post('/v1/campaigns', { name: 'Back catalogue', goal: 'awareness', startsOn: '2026-03-01', endsOn: '2026-03-31', currency: 'USD', targetAction: 'follow' });
    const brief = await studio.post('/v1/briefs', { campaignId: campaign.body.id, sourceId: source.body.id, title: 'March looks', openedAt: opened });
    expect(brief.status).toBe(201);
    briefId = brief.body.id;
  });

  const newAsset = (extra: Record<string, unknown> = {}) =>
    studio.post('/v1/assets', { briefId, title: 'Look', kind: 'image', tool: 'midjourney', currency: 'USD', productionHours: 1, ...extra });

  it('refuses a draft dated before its brief opened (422, naming body.draftedAt and the opening)', async () => {
    const response = await newAsset({ draftedAt: '2026-02-28T12:00:00Z' });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('rule_violation');
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'body.draftedAt' })]);
    expect(response.body.detail).toContain(opened);
  });

  it('records a draft and a submission at the times given', async () => {
    const created = await newAsset({ draftedAt: drafted });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    dated = created.body.id;
    const submittedResponse = await studio.post(`/v1/assets/${dated}/submit`, { submittedAt: submitted });
    expect(submittedResponse.status, JSON.stringify(submittedResponse.body)).toBe(200);
    expect(submittedResponse.body.state).toBe('in_review');
  });

  it('refuses a review dated before the submission (422, naming body.decidedAt and the submission time)', async () => {
    const response = await approver.request('POST', `/v1/assets/${dated}/reviews`, { decision: 'approve', decidedAt: '2026-03-03T08:00:00Z' });
    expect(response.status).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.code).toBe('rule_violation');
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'body.decidedAt' })]);
    expect(response.body.detail).toContain(`date it at or after ${submitted}`);
    expect((await studio.get(`/v1/assets/${dated}`)).body.state).toBe('in_review');
  });

  it('refuses a review or a submission dated in the future (400, naming the field)', async () => {
    const review = await approver.post(`/v1/assets/${dated}/reviews`, { decision: 'approve', decidedAt: future() });
    expect(review.status).toBe(400);
    expect(review.body.errors).toEqual([expect.objectContaining({ field: 'body.decidedAt' })]);
    expect(review.body.detail).toContain('leave decidedAt out');
    const other = await newAsset({ draftedAt: drafted });
    const submit = await studio.post(`/v1/assets/${other.body.id}/submit`, { submittedAt: future() });
    expect(submit.status).toBe(400);
    expect(submit.body.errors).toEqual([expect.objectContaining({ field: 'body.submittedAt' })]);
    expect((await studio.get(`/v1/assets/${other.body.id}`)).body.state).toBe('draft');
  });

  it('refuses a submission dated before the draft and an unreadable time', async () => {
    const other = await newAsset({ draftedAt: drafted });
    const early = await studio.post(`/v1/assets/${other.body.id}/submit`, { submittedAt: '2026-03-02T08:00:00Z' });
    expect(early.status).toBe(422);
    expect(early.body.errors).toEqual([expect.objectContaining({ field: 'body.submittedAt' })]);
    const unreadable = await studio.post(`/v1/assets/${other.body.id}/submit`, { submittedAt: 'yesterday' });
    expect(unreadable.status).toBe(400);
    expect(unreadable.body.errors).toEqual([expect.objectContaining({ field: 'body.submittedAt' })]);
  });

  it('refuses a post (organic or paid) before the approval: 422 naming body.publishedAt and the approval time', async () => {
    expect((await approver.post(`/v1/assets/${dated}/reviews`, { decision: 'approve', decidedAt: approved })).status).toBe(200);
    const placement = { channel: 'instagram', url: 'https://instagram.com/p/dated', aiLabelApplied: true, publishedAt: '2026-03-04T08:59:59Z' };
    for (const [path, body] of [['publish', placement], ['paid-reuse', { ...placement, spendMinor: 5_000 }]] as const) {
      const response = await studio.post(`/v1/assets/${dated}/${path}`, body);
      expect(response.status, path).toBe(422);
      expect(response.body.code).toBe('rule_violation');
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'body.publishedAt' })]);
      expect(response.body.detail).toContain(approved);
    }
    const asset = await studio.get(`/v1/assets/${dated}`);
    expect(asset.body.state).toBe('approved');
  });

  it('publishes at or after the approval (201), and keeps the history in the order it happened', async () => {
    const atApproval = await studio.post(`/v1/assets/${dated}/publish`, { channel: 'instagram', url: 'https://instagram.com/p/dated', aiLabelApplied: true, publishedAt: approved });
    expect(atApproval.status, JSON.stringify(atApproval.body)).toBe(201);
    const paid = await studio.post(`/v1/assets/${dated}/paid-reuse`, { channel: 'tiktok', url: 'https://tiktok.com/@max/video/1', aiLabelApplied: true, publishedAt: '2026-03-06T10:00:00Z', spendMinor: 5_000 });
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    const history = await studio.get(`/v1/assets/${dated}`);
    expect(history.body.transitions.map((t: { action: string; at: string }) => `${t.action}@${t.at}`)).toEqual([
      `create@${drafted}`, `submit@${submitted}`, `approve@${approved}`, `publish@${approved}`, 'publish@2026-03-06T10:00:00.000Z',
    ]);
  });

  it('still takes a submission with an empty body and a review without a time (now)', async () => {
    const other = await newAsset();
    expect((await studio.post(`/v1/assets/${other.body.id}/submit`, {})).status).toBe(200);
    const review = await approver.post(`/v1/assets/${other.body.id}/reviews`, { decision: 'approve' });
    expect(review.status).toBe(200);
    const history = await studio.get(`/v1/assets/${other.body.id}`);
    expect(Date.now() - Date.parse(history.body.transitions.at(-1).at)).toBeLessThan(60_000);
  });
});
