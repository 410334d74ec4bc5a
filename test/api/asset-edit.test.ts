// PATCH /v1/assets/{id}: the studio corrects what it logged while the asset is a draft or sent back;
// what was reviewed stays as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client } from '../support/api-harness.ts';

describe('editing an asset', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let studio: Client;
  let approver: Client;
  let assetId: string;

  beforeAll(async () => {
    app = await startTestApp();
    studio = await app.userWithRole('studio');
    approver = await app.userWithRole('approver');
    const source = await studio.post('/v1/sources', { kind: 'ai_character', name: 'Léa' });
    const campaign = await studio.post('/v1/campaigns', { name: 'Spring', goal: 'sales', startsOn: '2026-03-01', endsOn: '2026-03-31', currency: 'USD', targetAction: 'purchase' });
    const brief = await studio.post('/v1/briefs', { campaignId: campaign.body.id, sourceId: source.body.id, title: 'Look' });
    const asset = await studio.post('/v1/assets', { briefId: brief.body.id, title: 'Look 1', kind: 'image', tool: 'midjourney', toolVersion: '6', promptRef: 'p1', currency: 'USD', generationCostMinor: 100, productionHours: 1 });
    assetId = asset.body.id;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('changes only the fields sent; null resets a field to its default', async () => {
    const changed = await studio.patch(`/v1/assets/${assetId}`, { toolVersion: '7', productionHours: 2.5, promptRef: null });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ title: 'Look 1', tool: 'midjourney', toolVersion: '7', promptRef: '', generationCostMinor: 100, productionHours: 2.5 });
  });

  it('refuses unknown fields, a bad value and fields fixed at creation, naming them', async () => {
    expect((await studio.patch(`/v1/assets/${assetId}`, { currency: 'EUR' })).body.errors[0].field).toBe('body.currency');
    expect((await studio.patch(`/v1/assets/${assetId}`, { productionHours: -1 })).body.errors[0]).toEqual({ field: 'body.productionHours', message: 'cannot be negative' });
    expect((await studio.patch(`/v1/assets/${assetId}`, { title: null })).status).toBe(400);
    expect((await approver.patch(`/v1/assets/${assetId}`, { title: 'x' })).status).toBe(403);
  });

  it('keeps a reviewed asset as it was reviewed, and lets a sent-back one change again', async () => {
    expect((await studio.post(`/v1/assets/${assetId}/submit`)).status).toBe(200);
    const refused = await studio.patch(`/v1/assets/${assetId}`, { title: 'Look 1b' });
    expect(refused.status).toBe(409);
    expect(refused.body.legalActions).toEqual(['approve', 'request_changes', 'reject']);
    expect((await approver.post(`/v1/assets/${assetId}/reviews`, { decision: 'request_changes', reason: 'Warmer' })).status).toBe(200);
    expect((await studio.patch(`/v1/assets/${assetId}`, { title: 'Look 1b' })).body.title).toBe('Look 1b');
  });

  it("answers another workspace's asset as unknown", async () => {
    const other = await app.newWorkspace('Brand B');
    expect((await other.admin.patch(`/v1/assets/${assetId}`, { title: 'mine' })).status).toBe(404);
  });
});
