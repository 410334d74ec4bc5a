import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client } from '../support/api-harness.ts';

/*
 * One campaign, "Spring" (traffic, USD, 2026-03-01 → 03-31, Max's creator fee 1,000.00), one source of each
 * kind; the workspace's hourly rate is 30.00. Worked out by hand, per source kind:
 *
 * Production (assets whose brief opened in scope; every brief opened 2026-02-01):
 *   ai_character   Léa: A1 approved + posted (100.00 generation + 1 h) = 130.00; A2 rejected (50.00 + 1 h) = 80.00
 *                  → 2 assets, 1 approved, approval rate 50 %, cost per approved asset 210.00
 *   human_creator  Max: M1 approved (500.00 other + 2 h) = 560.00 → approval 100 %, 560.00 per approved asset
 *   studio         Studio X: one draft asset costed in EUR (70.00), in the EUR campaign "Euro" → approval
 *                  rate null (nothing decided), cost per approved asset null
 *   product_ad     nothing
 * Audience (each post's latest snapshot; followers on the post's day, growth first → latest count):
 *   ai_character   reach 10,000; engagement (400 + 50 + 30 + 20) / 10,000 = 5 % strong; growth 10,000 → 11,000 = 10 % strong
 *   human_creator  reach 30,000; engagement (600 + 100 + 50 + 50) / 40,000 = 2 % average (on the boundary); growth 5 % average
 * Commerce (each kind's own cost lines, paid spend and AI production):
 *   ai_character   cost = production of Léa's posted asset 130.00; 20,000 impressions; 400 clicks, 20 actions, revenue 520.00
 *                  CPM 6.50 · CTR 2 % strong · CPA 6.50 exceptional · ROI 300 % strong
 *   human_creator  cost = fee 1,000.00 + paid spend 200.00; 40,000 impressions; 200 clicks, 4 actions, revenue 100.00
 *                  CPM 30.00 · CTR 0.5 % average · CPA 300.00 weak · ROI (100 − 1,200) / 1,200 = −91.67 % weak
 *   studio         (Spring alone) a brief but no cost recorded → cost unknown, CPM null, with the prompt
 *   studio         works on Spring (USD) and Euro (EUR): answered in the reporting currency (nothing to convert), cost unknown
 */

let harness: Awaited<ReturnType<typeof startTestApp>>;
let client: Client;
let spring: string;

async function asset(campaignId: string, sourceId: string, currency: string, costs: { generationCostMinor: number; otherCostMinor: number; productionHours: number }, decision: 'approve' | 'reject' | null) {
  const brief = await client.post('/v1/briefs', { campaignId, sourceId, title: 'brief', openedAt: '2026-02-01T00:00:00Z' });
  const decidedAt = '2026-02-01T00:00:00Z';
  const created = await client.post('/v1/assets', { briefId: brief.body.id, title: 'asset', kind: 'image', tool: 'gen', currency, ...costs, draftedAt: decidedAt });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  if (decision) {
    await client.post(`/v1/assets/${created.body.id}/submit`, { submittedAt: decidedAt });
    await client.post(`/v1/assets/${created.body.id}/reviews`, decision === 'reject' ? { decision, reason: 'off brand', decidedAt } : { decision, decidedAt });
  }
  return created.body.id as string;
}

beforeAll(async () => {
  harness = await startTestApp();
  client = harness.admin;
  await client.patch('/v1/workspace', { hourlyRateMinor: 3_000 });
  const lea = (await client.post('/v1/sources', { kind: 'ai_character', name: 'Léa Nova' })).body.id;
  const max = (await client.post('/v1/sources', { kind: 'human_creator', name: 'Max Rivera' })).body.id;
  const studio = (await client.post('/v1/sources', { kind: 'studio', name: 'Studio X' })).body.id;
  await client.post('/v1/sources', { kind: 'product_ad', name: 'Plain ad' });
  spring = (await client.post('/v1/campaigns', { name: 'Spring', goal: 'traffic', startsOn: '2026-03-01', endsOn: '2026-03-31', currency: 'USD', targetAction: 'visit' })).body.id;
  await client.post('/v1/cost-lines', { campaignId: spring, sourceId: max, kind: 'creator_fee', amountMinor: 100_000, currency: 'USD', incurredOn: '2026-03-01' });
  const euro = (await client.post('/v1/campaigns', { name: 'Euro', goal: 'traffic', startsOn: '2026-03-01', endsOn: '2026-03-31', currency: 'EUR', targetAction: 'visit' })).body.id;

  const a1 = await asset(spring, lea, 'USD', { generationCostMinor: 10_000, otherCostMinor: 0, productionHours: 1 }, 'approve');
  const rejected = await asset(spring, lea, 'USD', { generationCostMinor: 5_000, otherCostMinor: 0, productionHours: 1 }, 'reject');
  expect((await client.get(`/v1/assets/${rejected}`)).body.state).toBe('rejected');
  const m1 = await asset(spring, max, 'USD', { generationCostMinor: 0, otherCostMinor: 50_000, productionHours: 2 }, 'approve');
  await client.post('/v1/briefs', { campaignId: spring, sourceId: studio, title: 'studio brief', openedAt: '2026-02-01T00:00:00Z' });
  await asset(euro, studio, 'EUR', { generationCostMinor: 7_000, otherCostMinor: 0, productionHours: 0 }, null);

  const leaPost = (await client.post(`/v1/assets/${a1}/publish`, { channel: 'instagram', url: 'https://i.example/lea', aiLabelApplied: true, publishedAt: '2026-03-05T10:00:00Z' })).body.post.id;
  const maxPost = (await client.post(`/v1/assets/${m1}/paid-reuse`, { channel: 'youtube', url: 'https://y.example/max', aiLabelApplied: true, publishedAt: '2026-03-06T10:00:00Z', spendMinor: 20_000 })).body.post.id;
  expect(maxPost).toBeTypeOf('string');
  await client.post('/v1/metric-snapshots/bulk', {
    snapshots: [
      { postId: leaPost, capturedAt: '2026-03-20T00:00:00Z', reach: 10_000, impressions: 20_000, likes: 400, comments: 50, shares: 30, saves: 20 },
      { postId: maxPost, capturedAt: '2026-03-20T00:00:00Z', reach: 30_000, impressions: 40_000, views: 30_000, likes: 600, comments: 100, shares: 50, saves: 50 },
    ],
  });
  await client.post('/v1/follower-snapshots/bulk', {
    snapshots: [
      { sourceId: lea, date: '2026-03-01', followers: 10_000 },
      { sourceId: lea, date: '2026-03-31', followers: 11_000 },
      { sourceId: max, date: '2026-03-01', followers: 40_000 },
      { sourceId: max, date: '2026-03-31', followers: 42_000 },
    ],
  });
  const leaLink = (await client.post('/v1/tracking-links', { campaignId: spring, sourceId: lea, postId: leaPost, landingUrl: 'https://shop.example/' })).body.id;
  const maxLink = (await client.post('/v1/tracking-links', { campaignId: spring, sourceId: max, postId: maxPost, landingUrl: 'https://shop.example/' })).body.id;
  const counts = await client.post('/v1/conversions/bulk', {
    counts: [
      { linkId: leaLink, day: '2026-03-10', clicks: 400, targetActions: 20, sales: 10, revenueMinor: 52_000, currency: 'USD' },
      { linkId: maxLink, day: '2026-03-10', clicks: 200, targetActions: 4, sales: 2, revenueMinor: 10_000, currency: 'USD' },
    ],
  });
  expect(counts.body).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
});
afterAll(() => harness.close());

const overview = async (query = '') => {
  const response = await client.get(`/v1/reports/overview${query}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return Object.fromEntries(response.body.kinds.map((kind: { sourceKind: string }) => [kind.sourceKind, kind]));
};

describe('GET /v1/reports/overview', () => {
  it('lists the four source kinds in order', async () => {
    const response = await client.get('/v1/reports/overview');
    expect(response.body.kinds.map((k: { sourceKind: string }) => k.sourceKind)).toEqual(['ai_character', 'human_creator', 'studio', 'product_ad']);
  });

  it('puts the production headline KPIs of each kind side by side', async () => {
    const kinds = await overview();
    expect(kinds.ai_character.production).toEqual({ currency: 'USD', assets_in_scope: 2, approved_assets: 1, approval_rate: { value: 50, decided: 2 }, cost_per_approved_asset: { amountMinor: 21_000, currency: 'USD' } });
    expect(kinds.human_creator.production).toEqual({ currency: 'USD', assets_in_scope: 1, approved_assets: 1, approval_rate: { value: 100, decided: 1 }, cost_per_approved_asset: { amountMinor: 56_000, currency: 'USD' } });
    expect(kinds.studio.production).toEqual({ currency: 'EUR', assets_in_scope: 1, approved_assets: 0, approval_rate: { value: null, decided: 0 }, cost_per_approved_asset: null });
    expect(kinds.product_ad.production).toMatchObject({ assets_in_scope: 0, approved_assets: 0, approval_rate: { value: null, decided: 0 }, cost_per_approved_asset: null });
    expect(kinds.ai_character.productionUnavailable).toBeNull();
  });

  it('puts reach, engagement rate and growth of each kind side by side, with tiers', async () => {
    const kinds = await overview();
    expect(kinds.ai_character.audience).toMatchObject({ posts: 1, reach: { value: 10_000, posts: 1 } });
    expect(kinds.ai_character.audience.engagement_rate).toMatchObject({ value: 5, tier: 'strong', posts: 1 });
    expect(kinds.ai_character.audience.audience_growth_rate).toMatchObject({ value: 10, tier: 'strong', followersBefore: 10_000, followersAfter: 11_000 });
    expect(kinds.human_creator.audience.engagement_rate).toMatchObject({ value: 2, tier: 'average' });
    expect(kinds.human_creator.audience.audience_growth_rate).toMatchObject({ value: 5, tier: 'average' });
    expect(kinds.studio.audience).toMatchObject({ posts: 0, reach: { value: null, posts: 0 }, engagement_rate: { value: null, tier: null } });
  });

  it('puts CPM, CTR, CPA and ROI of each kind side by side, with tiers', async () => {
    const kinds = await overview();
    const ai = kinds.ai_character.commerce;
    expect(ai.currency).toBe('USD');
    expect(ai.cost.total).toEqual({ amountMinor: 13_000, currency: 'USD' });
    expect(ai.cpm).toEqual({ value: 6.5, currency: 'USD' });
    expect(ai.ctr).toMatchObject({ value: 2, tier: 'strong', base: 'impressions' });
    expect(ai.cpa).toMatchObject({ value: 6.5, tier: 'exceptional', currency: 'USD' });
    expect(ai.roi).toMatchObject({ value: 300, tier: 'strong' });
    const human = kinds.human_creator.commerce;
    expect(human.cost.total).toEqual({ amountMinor: 120_000, currency: 'USD' });
    expect(human.cpm).toEqual({ value: 30, currency: 'USD' });
    expect(human.ctr).toMatchObject({ value: 0.5, tier: 'average' });
    expect(human.cpa).toMatchObject({ value: 300, tier: 'weak' });
    expect(human.roi.value).toBeCloseTo(-91.6667, 3);
    expect(human.roi.tier).toBe('weak');
    expect(kinds.product_ad.commerce).toMatchObject({ posts: 0, cost: null, cpm: { value: null }, ctr: { value: null, tier: null }, roi: { value: null } });
  });

  it('answers every kind in the reporting currency: a kind with campaigns in two currencies but no amount to convert needs no rate', async () => {
    const kinds = await overview();
    expect(kinds.studio.commerce).toMatchObject({ currency: 'USD', cost: { total: null } });
    expect(kinds.studio.commerceUnavailable).toBeNull();
    expect(kinds.studio.production).not.toBeNull();
  });

  it('gives the same figures as each layer report asked with that source kind', async () => {
    const kinds = await overview();
    const audience = (await client.get('/v1/reports/audience?sourceKind=human_creator')).body;
    expect(kinds.human_creator.audience.reach).toEqual(audience.kpis.reach);
    const commercial = (await client.get('/v1/reports/commercial?sourceKind=ai_character')).body;
    expect(kinds.ai_character.commerce.roi).toEqual(commercial.kpis.roi);
    const production = (await client.get('/v1/reports/production?sourceKind=ai_character')).body;
    expect(kinds.ai_character.production.cost_per_approved_asset).toEqual(production.kpis.cost_per_approved_asset);
  });

  it('narrows every layer with the campaign and period filters', async () => {
    const kinds = await overview(`?campaignId=${spring}`);
    // The studio works on Spring with nothing recorded: its cost is unknown, not 0.
    expect(kinds.studio.commerce).toMatchObject({ currency: 'USD', posts: 0, cost: { total: null }, cpm: { value: null } });
    expect(kinds.studio.commerce.cost.missing.map((m: { prompt: string }) => m.prompt)).toEqual([expect.stringMatching(/^No cost recorded for Studio X on Spring/)]);
    expect(kinds.studio.production.assets_in_scope).toBe(0);
    const april = await overview('?from=2026-04-01T00:00:00Z&to=2026-05-01T00:00:00Z');
    expect(april.ai_character.audience.posts).toBe(0);
    expect(april.ai_character.production.assets_in_scope).toBe(0);
  });

  it('answers 404 for another workspace\'s campaign', async () => {
    const other = await harness.newWorkspace('Brand B');
    const theirs = (await other.admin.post('/v1/campaigns', { name: 'Theirs', goal: 'sales', startsOn: '2026-03-01', endsOn: '2026-03-31', currency: 'USD', targetAction: 'buy' })).body.id;
    expect((await client.get(`/v1/reports/overview?campaignId=${theirs}`)).status).toBe(404);
    // Their overview holds none of this workspace's figures.
    const theirOverview = (await other.admin.get('/v1/reports/overview')).body;
    expect(theirOverview.kinds.every((k: { audience: { posts: number }; production: { assets_in_scope: number } }) => k.audience.posts === 0 && k.production.assets_in_scope === 0)).toBe(true);
  });
});
