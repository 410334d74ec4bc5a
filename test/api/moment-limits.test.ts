import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../support/api-harness.ts';

// A date or a date-time in year 0 (0000-06-01, or 0001-01-01T00:00:00+14:00, which is year 0 in
// UTC) is a 400 naming the field: PostgreSQL has no year 0, and storing one was a 500 ("date/time
// field value out of range"). Found by the fuzzer (test/api/fuzz.test.ts).

let harness: Awaited<ReturnType<typeof startTestApp>>;
let postId: string;

beforeAll(async () => {
  harness = await startTestApp();
  const source = await harness.admin.post('/v1/sources', { kind: 'studio', name: 'S' });
  const campaign = await harness.admin.post('/v1/campaigns', { name: 'C', goal: 'sales', startsOn: '2026-01-01', endsOn: '2026-12-31', currency: 'USD', targetAction: 'buy' });
  const brief = await harness.admin.post('/v1/briefs', { campaignId: campaign.body.id, sourceId: source.body.id, title: 'B' });
  const asset = await harness.admin.post('/v1/assets', { briefId: brief.body.id, title: 'A', kind: 'image', tool: 'x', currency: 'USD', productionHours: 1 });
  await harness.admin.post(`/v1/assets/${asset.body.id}/submit`);
  await harness.admin.post(`/v1/assets/${asset.body.id}/reviews`, { decision: 'approve' });
  const published = await harness.admin.post(`/v1/assets/${asset.body.id}/publish`, { channel: 'tiktok', url: 'https://t.example/v', aiLabelApplied: true });
  postId = published.body.post.id;
});
afterAll(() => harness.close());

describe('moments in year 0', () => {
  it('refuses a metric snapshot captured in year 0, naming the field (was a 500)', async () => {
    for (const capturedAt of ['0001-01-01T00:00:00+14:00', '0000-06-01T00:00:00Z']) {
      const response = await harness.admin.post('/v1/metric-snapshots/bulk', { snapshots: [{ postId, capturedAt, likes: 1 }] });
      expect(response.status, capturedAt).toBe(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.snapshots.0.capturedAt']);
    }
  });

  it('refuses a day in year 0, naming the field', async () => {
    const response = await harness.admin.post('/v1/campaigns', { name: 'Zero', goal: 'sales', startsOn: '0000-06-01', endsOn: '2026-12-31', currency: 'USD', targetAction: 'buy' });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.startsOn']);
  });

  it('still takes the first moment of year 1', async () => {
    const response = await harness.admin.post('/v1/metric-snapshots/bulk', { snapshots: [{ postId, capturedAt: '0001-01-01T00:00:00Z', likes: 1 }] });
    expect(response.status, JSON.stringify(response.body)).toBeLessThan(500);
  });
});
