import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoBrandApp, type Client } from '../support/api-harness.ts';

// The demo brand's production KPIs, each worked out by hand from demo-brand.data.ts.
const now = new Date('2026-11-21T12:00:00Z');
let demo: Awaited<ReturnType<typeof startDemoBrandApp>>;
let client: Client;

beforeAll(async () => {
  demo = await startDemoBrandApp(now);
  client = demo.client;
});
afterAll(() => demo.close());

describe('GET /v1/reports/production on the demo brand', () => {
  it('returns every layer-1 KPI with the hand-checked values', async () => {
    const { status, body } = await client.get('/v1/reports/production');
    expect(status).toBe(200);
    const k = body.kpis;
    // 18 assets: 7 + 6 + 5 across the three campaigns.
    expect(k.assets_in_scope).toBe(18);
    // Approved or published: 6 (launch) + 4 (summer) + 2 (challenge); rejected: close-up, lookbook.
    expect(k.approved_assets).toBe(12);
    expect(k.rejected_assets).toBe(2);
    expect(k.approval_rate.value).toBeCloseTo((12 / 14) * 100, 10);
    // Five approved assets went through one "changes requested" round each.
    expect(k.revisions_per_approved).toEqual({ value: expect.closeTo(5 / 12, 10), rounds: 5, n: 12 });
    expect(k.first_pass_approval_rate.value).toBeCloseTo((7 / 12) * 100, 10);
    // Hours from brief to approval, sorted: 9 10 18 20 48 50 52 58 60 64 70 220.
    expect(k.brief_to_approval_hours.median).toBe(51);
    expect(k.brief_to_approval_hours.p90).toBeCloseTo(64 + 0.9 * 6, 10);
    // Distinct channels of the approved assets: 2+1+1+2+1+1+1+2+1+1+2+0 = 15 over 12.
    expect(k.channel_reuse.value).toBe(1.25);
    // Paid placements: unboxing, morning reel, packshot, hero video.
    expect(k.paid_reuse_rate).toEqual({ value: expect.closeTo((4 / 12) * 100, 10), paidReused: 4, n: 12 });
    // Generation 8,000 + 7,700 + 5,600; other 321,000; people: Léa 27.5 h and studio 56 h and ads 4 h at
    // the workspace's 60.00, Maya 16 h at 90.00, Jon 8 h at 75.00.
    expect(k.production_cost.generation.amountMinor).toBe(21_300);
    expect(k.production_cost.other.amountMinor).toBe(321_000);
    expect(k.production_cost.people.amountMinor).toBe(165_000 + 336_000 + 24_000 + 144_000 + 60_000);
    expect(k.production_cost.hours).toBe(111.5);
    expect(k.production_cost.total).toEqual({ amountMinor: 1_071_300, currency: 'USD' });
    // Rejected work is part of the cost of approved work: 1,071,300 / 12.
    expect(k.cost_per_approved_asset).toEqual({ amountMinor: 89_275, currency: 'USD' });
    expect(k.content_velocity.approved).toBe(12);
    expect(k.content_velocity.series.reduce((sum: number, week: { approved: number }) => sum + week.approved, 0)).toBe(12);
    expect(k.review_queue.n).toBe(1);
    // Léa's 11 placements; the before/after image went out without the AI label.
    expect(body.aiDisclosure).toEqual({ aiCharacterPosts: 11, missingLabel: 1 });
  });

  it('filters by campaign, source kind and period', async () => {
    const campaigns = await client.get('/v1/campaigns?sort=name&order=asc');
    const challenge = campaigns.body.items.find((c: { name: string }) => c.name === 'Community challenge');
    const byCampaign = await client.get(`/v1/reports/production?campaignId=${challenge.id}`);
    expect(byCampaign.body.kpis.assets_in_scope).toBe(5);
    expect(byCampaign.body.kpis.approved_assets).toBe(2);

    const byKind = await client.get('/v1/reports/production?sourceKind=studio');
    expect(byKind.body.kpis.assets_in_scope).toBe(2);
    expect(byKind.body.kpis.approval_rate.value).toBe(50);

    // Briefs opened in the last 20 days: only the challenge campaign's (opened 14 and 12 days ago).
    const from = new Date(now.getTime() - 20 * 86_400_000).toISOString();
    const recent = await client.get(`/v1/reports/production?from=${from}`);
    expect(recent.body.kpis.assets_in_scope).toBe(5);
  });

  it('says "not enough data" (null) for an empty scope instead of 0', async () => {
    const { body } = await client.get('/v1/reports/production?from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z');
    expect(body.kpis.approved_assets).toBe(0);
    expect(body.kpis.approval_rate.value).toBeNull();
    expect(body.kpis.cost_per_approved_asset).toBeNull();
    expect(body.kpis.brief_to_approval_hours.median).toBeNull();
  });
});
