import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client } from '../support/api-harness.ts';

/*
 * Sources compared on the job of "Always on" (lead generation, USD, 2025-01-01 → 2026-12-31, no
 * fees) as of 2026-06-15 with 90-day windows. Each source is measured over [launch, launch + 90 days):
 *
 *   Léa Nova (AI, launched 2026-01-01)        window 2026-01-01 → 04-01, 165 days old
 *     paid post 02-10 (spend 800.00) of an asset costing 200.00 → cost 1,000.00
 *     latest snapshot in the window 02-20: 50,000 impressions (the 04-10 one, 90,000, is after it)
 *     conversions 02-15: 1,000 clicks, 40 target actions (the 04-15 day, 5,000 / 500, is after it)
 *     its 05-01 post (an asset costing 9,999.99) is after the window: neither its cost nor its figures count
 *     → target actions 40 · CTR 2 % · CPA 25.00
 *   Max Rivera (human, launched 2025-06-01)   window 2025-06-01 → 08-30, 379 days old
 *     paid post 2025-07-01 (spend 150.00; a human's production is not a campaign cost), 100,000 impressions,
 *     1,500 clicks, 20 target actions → target actions 20 · CTR 1.5 % · CPA 7.50
 *   Studio X (studio, no launch date: its first post 2026-02-01 12:00 → window 2026-02-01 → 05-02, 134 days)
 *     paid post (spend 500.00), 25,000 impressions, 250 clicks, 10 target actions → 10 · 1 % · 50.00
 *   Nova (AI, launched 2026-05-20)            26 days old: too new to compare, never ranked
 *
 * Rankings: target actions Léa 1, Max 2, Studio 3; CTR Léa 1, Max 2, Studio 3;
 * CPA (lower is better) Max 1, Léa 2, Studio 3.
 * Outside the campaign, "Euro creator" (human, launched 2025-01-01) spends 100.00 EUR: compared in
 * the reporting currency (USD) once the EUR/USD rate of its day is recorded, a 422 naming it before.
 */

let harness: Awaited<ReturnType<typeof startTestApp>>;
let client: Client;
let alwaysOn: string;
const source: Record<string, string> = {};
const AS_OF = 'asOf=2026-06-15T00:00:00Z';

async function asset(campaignId: string, sourceId: string, currency: string, generationCostMinor: number) {
  const brief = await client.post('/v1/briefs', { campaignId, sourceId, title: 'brief', openedAt: '2025-01-01T00:00:00Z' });
  const approvedAt = '2025-01-01T00:00:00Z';
  const created = await client.post('/v1/assets', { briefId: brief.body.id, title: 'asset', kind: 'image', tool: 'gen', currency, generationCostMinor, productionHours: 0, draftedAt: approvedAt });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  await client.post(`/v1/assets/${created.body.id}/submit`, { submittedAt: approvedAt });
  await client.post(`/v1/assets/${created.body.id}/reviews`, { decision: 'approve', decidedAt: approvedAt });
  return created.body.id as string;
}

async function paidPost(assetId: string, publishedAt: string, spendMinor: number) {
  const response = await client.post(`/v1/assets/${assetId}/paid-reuse`, { channel: 'instagram', url: `https://i.example/${Math.random()}`, aiLabelApplied: true, publishedAt, spendMinor });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.post.id as string;
}

async function conversions(campaignId: string, sourceId: string, postId: string, currency: string, days: Array<[string, number, number]>) {
  const link = (await client.post('/v1/tracking-links', { campaignId, sourceId, postId, landingUrl: 'https://shop.example/' })).body.id;
  const response = await client.post('/v1/conversions/bulk', { counts: days.map(([day, clicks, targetActions]) => ({ linkId: link, day, clicks, targetActions, currency })) });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

beforeAll(async () => {
  harness = await startTestApp();
  client = harness.admin;
  const create = async (key: string, kind: string, name: string, launchedOn: string | null) => {
    source[key] = (await client.post('/v1/sources', { kind, name, launchedOn })).body.id;
  };
  await create('lea', 'ai_character', 'Léa Nova', '2026-01-01');
  await create('max', 'human_creator', 'Max Rivera', '2025-06-01');
  await create('studio', 'studio', 'Studio X', null);
  await create('nova', 'ai_character', 'Nova', '2026-05-20');
  await create('euro', 'human_creator', 'Euro creator', '2025-01-01');
  await create('quiet', 'product_ad', 'Quiet ad', null);
  alwaysOn = (await client.post('/v1/campaigns', { name: 'Always on', goal: 'lead_generation', startsOn: '2025-01-01', endsOn: '2026-12-31', currency: 'USD', targetAction: 'sign_up' })).body.id;
  const euro = (await client.post('/v1/campaigns', { name: 'Euro', goal: 'lead_generation', startsOn: '2025-01-01', endsOn: '2025-12-31', currency: 'EUR', targetAction: 'sign_up' })).body.id;

  const snap = (postId: string, capturedAt: string, counters: Record<string, number>) => ({ postId, capturedAt, ...counters });
  const lea1 = await paidPost(await asset(alwaysOn, source.lea!, 'USD', 20_000), '2026-02-10T10:00:00Z', 80_000);
  const lea2 = (await client.post(`/v1/assets/${await asset(alwaysOn, source.lea!, 'USD', 999_999)}/publish`, { channel: 'tiktok', url: 'https://t.example/late', aiLabelApplied: true, publishedAt: '2026-05-01T10:00:00Z' })).body.post.id;
  const max1 = await paidPost(await asset(alwaysOn, source.max!, 'USD', 10_000), '2025-07-01T10:00:00Z', 15_000);
  const studio1 = await paidPost(await asset(alwaysOn, source.studio!, 'USD', 0), '2026-02-01T12:00:00Z', 50_000);
  const nova1 = await paidPost(await asset(alwaysOn, source.nova!, 'USD', 0), '2026-05-25T10:00:00Z', 1_000);
  const euro1 = await paidPost(await asset(euro, source.euro!, 'EUR', 0), '2025-02-01T10:00:00Z', 10_000);
  const snapshots = await client.post('/v1/metric-snapshots/bulk', {
    snapshots: [
      snap(lea1, '2026-02-20T00:00:00Z', { impressions: 50_000, likes: 500, comments: 40, shares: 10, saves: 10 }),
      snap(lea1, '2026-04-10T00:00:00Z', { impressions: 90_000, likes: 5_000, comments: 400, shares: 100, saves: 100 }),
      snap(lea2, '2026-05-02T00:00:00Z', { impressions: 1_000_000, likes: 90_000 }),
      snap(max1, '2025-07-10T00:00:00Z', { impressions: 100_000, likes: 800, comments: 20, shares: 5, saves: 5 }),
      snap(studio1, '2026-02-10T00:00:00Z', { impressions: 25_000, likes: 100 }),
      snap(nova1, '2026-05-26T00:00:00Z', { impressions: 1_000, likes: 900 }),
    ],
  });
  expect(snapshots.body).toMatchObject({ inserted: 6 });
  await conversions(alwaysOn, source.lea!, lea1, 'USD', [['2026-02-15', 1_000, 40], ['2026-04-15', 5_000, 500]]);
  await conversions(alwaysOn, source.max!, max1, 'USD', [['2025-07-05', 1_500, 20]]);
  await conversions(alwaysOn, source.studio!, studio1, 'USD', [['2026-02-05', 250, 10]]);
  await conversions(alwaysOn, source.nova!, nova1, 'USD', [['2026-05-26', 100, 50]]);
  await conversions(euro, source.euro!, euro1, 'EUR', [['2025-02-05', 100, 5]]);
});
afterAll(() => harness.close());

const compare = async (query: string) => {
  const response = await client.get(`/v1/reports/comparison?${query}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
};
type Entry = { sourceId: string; name: string; status: string; rank: number | null; value: number | null };
type Ranking = { kpiId: string; direction: string; currency: string | null; entries: Entry[] };
const ranks = (body: { rankings: Ranking[] }, kpiId: string) =>
  body.rankings.find((r) => r.kpiId === kpiId)!.entries.map((e) => [e.name, e.status, e.rank, e.value]);

describe('GET /v1/reports/comparison', () => {
  it("compares a campaign's sources on its goal's deciding KPIs, each over its own window since launch", async () => {
    const body = await compare(`campaignId=${alwaysOn}&${AS_OF}`);
    expect(body.scope).toMatchObject({ goal: 'lead_generation', goalFrom: 'campaign', windowDays: 90, asOf: '2026-06-15T00:00:00.000Z', campaignId: alwaysOn });
    expect(body.currency).toBe('USD');
    expect(body.decisiveKpis).toEqual([
      { kpiId: 'target_actions', direction: 'higher_is_better', money: false, goals: ['lead_generation'] },
      { kpiId: 'conversions', direction: 'higher_is_better', money: false, goals: ['lead_generation'] },
      { kpiId: 'ctr', direction: 'higher_is_better', money: false, goals: ['traffic', 'lead_generation'] },
      { kpiId: 'cpa', direction: 'lower_is_better', money: true, goals: ['lead_generation', 'sales'] },
    ]);
    const bySource = Object.fromEntries(body.sources.map((s: { name: string }) => [s.name, s]));
    expect(body.sources.map((s: { name: string }) => s.name)).toEqual(['Léa Nova', 'Max Rivera', 'Nova', 'Studio X']);
    expect(bySource['Léa Nova']).toMatchObject({
      kind: 'ai_character',
      launch: { on: '2026-01-01', basis: 'launched_on' },
      status: 'aligned',
      daysSinceLaunch: 165,
      window: { from: '2026-01-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' },
      currency: 'USD',
      sample: { posts: 1, postsWithSnapshot: 1, snapshots: 1, clicks: 1_000, classifiedComments: null },
    });
    expect(bySource['Léa Nova'].kpis).toEqual([
      { kpiId: 'target_actions', value: 40, currency: null, sample: { clicks: 1_000 } },
      { kpiId: 'conversions', value: 40, currency: null, sample: { clicks: 1_000 } },
      { kpiId: 'ctr', value: 2, currency: null, sample: { clicks: 1_000, impressions: 50_000 } },
      { kpiId: 'cpa', value: 25, currency: 'USD', sample: { costMinor: 100_000, targetActions: 40 } },
    ]);
    expect(bySource['Max Rivera']).toMatchObject({ daysSinceLaunch: 379, window: { from: '2025-06-01T00:00:00.000Z', to: '2025-08-30T00:00:00.000Z' } });
    expect(bySource['Max Rivera'].kpis.find((k: { kpiId: string }) => k.kpiId === 'cpa')).toEqual({ kpiId: 'cpa', value: 7.5, currency: 'USD', sample: { costMinor: 15_000, targetActions: 20 } });
    expect(bySource['Studio X']).toMatchObject({ launch: { on: '2026-02-01', basis: 'first_post' }, daysSinceLaunch: 134, window: { from: '2026-02-01T00:00:00.000Z', to: '2026-05-02T00:00:00.000Z' } });
  });

  it('ranks each KPI best first, costs lower-is-better, ties and too-new sources apart', async () => {
    const body = await compare(`campaignId=${alwaysOn}&${AS_OF}`);
    expect(ranks(body, 'target_actions')).toEqual([['Léa Nova', 'ranked', 1, 40], ['Max Rivera', 'ranked', 2, 20], ['Studio X', 'ranked', 3, 10], ['Nova', 'too_new_to_compare', null, null]]);
    expect(ranks(body, 'ctr')).toEqual([['Léa Nova', 'ranked', 1, 2], ['Max Rivera', 'ranked', 2, 1.5], ['Studio X', 'ranked', 3, 1], ['Nova', 'too_new_to_compare', null, null]]);
    const cpa = body.rankings.find((r: Ranking) => r.kpiId === 'cpa');
    expect(cpa).toMatchObject({ direction: 'lower_is_better', currency: 'USD' });
    expect(ranks(body, 'cpa')).toEqual([['Max Rivera', 'ranked', 1, 7.5], ['Léa Nova', 'ranked', 2, 25], ['Studio X', 'ranked', 3, 50], ['Nova', 'too_new_to_compare', null, null]]);
  });

  it('shows a source younger than the window as too new to compare, not as a loser', async () => {
    const body = await compare(`campaignId=${alwaysOn}&${AS_OF}`);
    const nova = body.sources.find((s: { name: string }) => s.name === 'Nova');
    expect(nova).toMatchObject({ status: 'too_new_to_compare', daysSinceLaunch: 26, window: null, sample: null, kpis: [] });
    expect(body.notes.join(' ')).toContain('Too new to compare (younger than 90 days on 2026-06-15): Nova (26 days)');
    expect(body.notes.join(' ')).toContain('Aligned on their first post because no launch date is recorded: Studio X');

    // With 20-day windows Nova is old enough; every window is 20 days since launch, so Léa's and
    // Max's first 20 days hold no result and they have no data.
    const short = await compare(`campaignId=${alwaysOn}&asOf=2026-06-15&windowDays=20`);
    expect(ranks(short, 'target_actions')).toEqual([['Nova', 'ranked', 1, 50], ['Studio X', 'ranked', 2, 10], ['Léa Nova', 'no_data', null, null], ['Max Rivera', 'no_data', null, null]]);
  });

  it('ranks a source spending in EUR in the reporting currency once the rate of its day is recorded, and names the missing rate before', async () => {
    const response = await client.get(`/v1/reports/comparison?goal=lead_generation&${AS_OF}`);
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('fx_rate_missing');
    expect(response.body.detail).toMatch(/^No exchange rate from EUR to USD for 2025-02-01/);

    // 1 EUR = 1.05 USD on Friday 31 January 2025, used for Saturday 1 February: 100.00 EUR → 105.00 USD.
    expect((await client.post('/v1/fx-rates/bulk', { rates: [{ day: '2025-01-31', base: 'EUR', quote: 'USD', rate: '1.05' }] })).status).toBe(200);
    const body = await compare(`goal=lead_generation&${AS_OF}`);
    expect(body.currency).toBe('USD');
    // Euro creator: 105.00 / 5 target actions = 21.00.
    expect(ranks(body, 'cpa').slice(0, 4)).toEqual([
      ['Max Rivera', 'ranked', 1, 7.5],
      ['Euro creator', 'ranked', 2, 21],
      ['Léa Nova', 'ranked', 3, 25],
      ['Studio X', 'ranked', 4, 50],
    ]);
  });

  it('compares on a goal without money KPIs across currencies, with raw counters from the window', async () => {
    const body = await compare(`goal=engagement&${AS_OF}`);
    expect(body.currency).toBeNull();
    expect(ranks(body, 'likes')).toEqual([
      ['Max Rivera', 'ranked', 1, 800],
      ['Léa Nova', 'ranked', 2, 500],
      ['Studio X', 'ranked', 3, 100],
      ['Euro creator', 'no_data', null, null],
      ['Nova', 'too_new_to_compare', null, null],
    ]);
    expect(ranks(body, 'save_rate').slice(0, 2)).toEqual([['Léa Nova', 'ranked', 1, 0.02], ['Max Rivera', 'ranked', 2, 0.005]]);
    const quiet = body.sources.find((s: { name: string }) => s.name === 'Quiet ad');
    expect(quiet).toMatchObject({ status: 'no_launch_date', launch: { on: null, basis: null }, window: null });
    expect(body.rankings[0].entries.map((e: Entry) => e.name)).not.toContain('Quiet ad');
    const lea = body.sources.find((s: { name: string }) => s.name === 'Léa Nova');
    expect(lea.sample).toEqual({ posts: 1, postsWithSnapshot: 1, snapshots: 1, clicks: null, classifiedComments: 0 });
    expect(lea.kpis.find((k: { kpiId: string }) => k.kpiId === 'likes')).toEqual({ kpiId: 'likes', value: 500, currency: null, sample: { posts: 1 } });
  });

  it('narrows to one source kind and takes an explicit goal over the campaign\'s', async () => {
    const body = await compare(`campaignId=${alwaysOn}&goal=traffic&sourceKind=ai_character&${AS_OF}`);
    expect(body.scope).toMatchObject({ goal: 'traffic', goalFrom: 'query', sourceKind: 'ai_character' });
    expect(body.sources.map((s: { name: string }) => s.name)).toEqual(['Léa Nova', 'Nova']);
    expect(ranks(body, 'cpc')).toEqual([['Léa Nova', 'ranked', 1, 1], ['Nova', 'too_new_to_compare', null, null]]);
  });

  it("compares on every goal's deciding KPIs without a goal or a campaign", async () => {
    const body = await compare(`sourceKind=ai_character&${AS_OF}`);
    expect(body.scope).toMatchObject({ goal: null, goalFrom: 'every_goal' });
    expect(body.decisiveKpis.map((k: { kpiId: string }) => k.kpiId)).toEqual([
      'reach', 'impressions', 'cpm', 'brand_mentions_per_post', 'sentiment', 'ctr', 'clicks', 'cpc', 'likes', 'comments', 'shares', 'saves',
      'engagement_rate', 'save_rate', 'share_rate', 'target_actions', 'conversions', 'cpa', 'sales', 'revenue', 'roi', 'conversion_rate',
    ]);
    expect(ranks(body, 'impressions')).toEqual([['Léa Nova', 'ranked', 1, 50_000], ['Nova', 'too_new_to_compare', null, null]]);
    // CPM: 1,000.00 of cost over 50,000 impressions × 1000 = 20.00.
    expect(ranks(body, 'cpm')).toEqual([['Léa Nova', 'ranked', 1, 20], ['Nova', 'too_new_to_compare', null, null]]);
    // Across every source, the EUR creator's spend converted at its day's rate (recorded above).
    expect((await client.get(`/v1/reports/comparison?${AS_OF}`)).status).toBe(200);
    expect((await client.get('/v1/reports/comparison?goal=sales&windowDays=0')).status).toBe(400);
  });

  it("answers 404 for another workspace's campaign", async () => {
    const other = await harness.newWorkspace('Brand B');
    const theirs = (await other.admin.post('/v1/campaigns', { name: 'Theirs', goal: 'sales', startsOn: '2026-03-01', endsOn: '2026-03-31', currency: 'USD', targetAction: 'buy' })).body.id;
    expect((await client.get(`/v1/reports/comparison?campaignId=${theirs}`)).status).toBe(404);
    expect((await other.admin.get(`/v1/reports/comparison?goal=engagement&${AS_OF}`)).body.sources).toEqual([]);
  });
});
