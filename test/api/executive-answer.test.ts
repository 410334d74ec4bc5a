import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoBrand } from '@persona-ops/api/seed';
import { clientFor, startTestApp, type Client } from '../support/api-harness.ts';

/*
 * "Is the AI character worth it?" for lead generation, as of 2026-06-15, 90-day windows, worked by hand.
 * Campaign "Always on" (lead generation, USD).
 *
 *   Léa Nova (AI, launched 2026-01-01): 3 paid posts in February, 100.00 spend each (her assets
 *     cost nothing to make), 10,000 impressions each; 900 clicks, 30 target actions
 *     → cost 300.00 · target actions 30 · conversions 30 · CTR 3 % · CPA 10.00
 *   Max Rivera (human, launched 2025-06-01): a 600.00 creator fee, 3 organic posts, 20,000
 *     impressions each; 600 clicks, 20 target actions → CTR 1 % · CPA 30.00
 *   Jon Park (human, launched 2025-03-01): 3 organic posts, 10,000 impressions each, 600 clicks,
 *     40 target actions, and NO fee recorded → CTR 2 %, CPA unknown (never free)
 *   Glow ad (product ad, launched 2026-05-01): 45 days old, too new to compare.
 *
 * Human side (medians of Max and Jon; CPA of Max alone): target actions 30, conversions 30,
 * CTR 1.5 %, CPA 30.00. Léa ties on target actions and conversions, beats them on CTR (+1.5 points,
 * 100 % higher) and CPA (−20.00, 67 % lower): better on 2 of 4 → worth it against human creators,
 * with Jon's missing cost named. Studio: none; product ads: too new → open.
 */
let harness: Awaited<ReturnType<typeof startTestApp>>;
let client: Client;

async function post(campaignId: string, sourceId: string, publishedAt: string, spendMinor: number) {
  const brief = await client.post('/v1/briefs', { campaignId, sourceId, title: 'brief', openedAt: '2025-01-01T00:00:00Z' });
  const approvedAt = '2025-01-01T00:00:00Z';
  const asset = await client.post('/v1/assets', { briefId: brief.body.id, title: 'asset', kind: 'image', tool: 'gen', currency: 'USD', productionHours: 0, draftedAt: approvedAt });
  await client.post(`/v1/assets/${asset.body.id}/submit`, { submittedAt: approvedAt });
  await client.post(`/v1/assets/${asset.body.id}/reviews`, { decision: 'approve', decidedAt: approvedAt });
  const body = { channel: 'instagram', url: `https://i.example/${Math.random()}`, aiLabelApplied: true, publishedAt };
  const published = spendMinor > 0 ? await client.post(`/v1/assets/${asset.body.id}/paid-reuse`, { ...body, spendMinor }) : await client.post(`/v1/assets/${asset.body.id}/publish`, body);
  expect(published.status, JSON.stringify(published.body)).toBe(201);
  return published.body.post.id as string;
}

async function source(kind: string, name: string, launchedOn: string, campaignId: string, days: string[], impressions: number, spendMinor: number, clicks: number, targetActions: number) {
  const id = (await client.post('/v1/sources', { kind, name, launchedOn })).body.id as string;
  const posts: string[] = [];
  for (const day of days) posts.push(await post(campaignId, id, `${day}T10:00:00Z`, spendMinor));
  await client.post('/v1/metric-snapshots/bulk', { snapshots: posts.map((postId, i) => ({ postId, capturedAt: `${days[i]}T20:00:00Z`, impressions })) });
  const link = (await client.post('/v1/tracking-links', { campaignId, sourceId: id, postId: posts[0], landingUrl: 'https://shop.example/' })).body.id;
  await client.post('/v1/conversions/bulk', { counts: [{ linkId: link, day: days[0], clicks, targetActions, currency: 'USD' }] });
  return id;
}

beforeAll(async () => {
  harness = await startTestApp();
  client = harness.admin;
  const campaign = (await client.post('/v1/campaigns', { name: 'Always on', goal: 'lead_generation', startsOn: '2025-01-01', endsOn: '2026-12-31', currency: 'USD', targetAction: 'sign_up' })).body.id as string;
  await source('ai_character', 'Léa Nova', '2026-01-01', campaign, ['2026-02-02', '2026-02-09', '2026-02-16'], 10_000, 10_000, 900, 30);
  const max = await source('human_creator', 'Max Rivera', '2025-06-01', campaign, ['2025-07-01', '2025-07-08', '2025-07-15'], 20_000, 0, 600, 20);
  await source('human_creator', 'Jon Park', '2025-03-01', campaign, ['2025-04-01', '2025-04-08', '2025-04-15'], 10_000, 0, 600, 40);
  await source('product_ad', 'Glow ad', '2026-05-01', campaign, ['2026-05-10'], 1_000, 5_000, 10, 1);
  const fee = await client.post('/v1/cost-lines', { campaignId: campaign, sourceId: max, kind: 'creator_fee', amountMinor: 60_000, currency: 'USD', incurredOn: '2025-06-15' });
  expect(fee.status, JSON.stringify(fee.body)).toBe(201);
});
afterAll(() => harness.close());

const answer = async (query: string) => {
  const response = await client.get(`/v1/reports/executive-answer?${query}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
};

describe('GET /v1/reports/executive-answer', () => {
  it('answers against human creators on the deciding KPIs, leaving out a cost never recorded', async () => {
    const body = await answer('goal=lead_generation&windowDays=90&asOf=2026-06-15T00:00:00Z');
    expect(body.headline).toBe("For lead generation, over each source's first 90 days: Léa Nova beats human creators, cannot be judged against studio content yet and cannot be judged against product ads yet.");
    const humans = body.kinds.find((k: { kind: string }) => k.kind === 'human_creator');
    expect(humans).toMatchObject({ answer: 'ai_better', rule: 'wins', compared: { ai: ['Léa Nova'], other: ['Jon Park', 'Max Rivera'] }, samples: { aiPosts: 3, otherPosts: 6 } });
    expect(humans.deciding.map((f: { kpiId: string; ai: number; other: number; better: string }) => [f.kpiId, f.ai, f.other, f.better])).toEqual([
      ['target_actions', 30, 30, 'tie'],
      ['conversions', 30, 30, 'tie'],
      ['ctr', 3, 1.5, 'ai'],
      ['cpa', 10, 30, 'ai'],
    ]);
    expect(humans.costPerResult).toMatchObject({ kpiId: 'cpa', ai: 10, other: 30, difference: -20 });
    expect(humans.open).toEqual(['Cost not recorded for Jon Park: their CPA and ROI are left out until it is.']);
    expect(humans.sentence).toBe('Against human creators (Jon Park and Max Rivera): worth it for lead generation (better on 2 of 4 deciding KPIs). Better on CTR (3 % vs 1.5 %, 100 % higher) and CPA (USD 10.00 vs USD 30.00, 67 % lower).');
    const ads = body.kinds.find((k: { kind: string }) => k.kind === 'product_ad');
    expect(ads).toMatchObject({ answer: 'open', rule: 'no_other', open: ['Too new to compare (younger than 90 days): Glow ad (45 days).'] });
    expect(body.kinds.find((k: { kind: string }) => k.kind === 'studio')).toMatchObject({ answer: 'open', rule: 'no_other', compared: { other: [] } });
  });

  it('never ranks a source whose cost is not recorded on a cost KPI: the comparison says why', async () => {
    const comparison = (await client.get('/v1/reports/comparison?goal=lead_generation&windowDays=90&asOf=2026-06-15T00:00:00Z')).body;
    const cpa = comparison.rankings.find((r: { kpiId: string }) => r.kpiId === 'cpa').entries.map((e: { name: string; status: string; rank: number | null }) => [e.name, e.status, e.rank]);
    expect(cpa).toEqual([['Léa Nova', 'ranked', 1], ['Max Rivera', 'ranked', 2], ['Jon Park', 'cost_not_recorded', null], ['Glow ad', 'too_new_to_compare', null]]);
    const jon = comparison.sources.find((s: { name: string }) => s.name === 'Jon Park');
    expect(jon.cost).toEqual({ known: false, missing: ['No cost recorded for Jon Park on Always on: record the creator fee (flat or per deliverable) with POST /v1/cost-lines.'] });
    // Not a cost KPI: Jon is ranked on CTR.
    expect(comparison.rankings.find((r: { kpiId: string }) => r.kpiId === 'ctr').entries.find((e: { name: string }) => e.name === 'Jon Park').status).toBe('ranked');
  });

  it('keeps the answer open when the windows are too long for the character', async () => {
    const body = await answer('goal=lead_generation&windowDays=365&asOf=2026-06-15T00:00:00Z');
    expect(body.headline).toBe("For lead generation, over each source's first 365 days: no AI character is old enough to compare yet.");
    expect(body.kinds.every((k: { answer: string }) => k.answer === 'open')).toBe(true);
  });

  it('needs a goal, naming the field', async () => {
    const response = await client.get('/v1/reports/executive-answer');
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('querystring.goal');
  });
});

describe("the demo brand's answer", () => {
  it('reads its recorded costs: no human creator is free, and the youngest creator is too new', async () => {
    const demo = await seedDemoBrand(harness.orm.em.fork(), new Date());
    const admin = clientFor(harness.app, demo.key);
    const response = await admin.get('/v1/reports/executive-answer?goal=sales&windowDays=90');
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const humans = response.body.kinds.find((k: { kind: string }) => k.kind === 'human_creator');
    // Maya's fees are recorded, so her CPA and ROI are known; Jon (40 days old) is too new for 90-day windows.
    expect(humans).toMatchObject({ answer: 'ai_better', compared: { ai: ['Léa Nova'], other: ['Maya Brooks'] } });
    expect(humans.open).toEqual(['Too new to compare (younger than 90 days): Jon Rivera (40 days).']);
    expect(humans.costPerResult.other).toBeGreaterThan(0);
    expect(response.body.headline).toBe("For sales, over each source's first 90 days: Léa Nova beats human creators, cannot be judged against studio content yet and cannot be judged against product ads yet.");
  });
});
