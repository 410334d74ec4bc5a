import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client } from '../support/api-harness.ts';

/*
 * Worked examples, by hand (95 % confidence: z* = Φ⁻¹(0.975) = 1.95996; normal approximation).
 *
 * Creative A/B "Hero vs studio" (campaign Spring, USD): the AI arm "ai" (Léa's hero video) against
 * the control "studio" (Maya's vlog), each USD 600.00 of spend.
 *                impressions  clicks  conversions
 *   ai              10,000      300        30
 *   studio          10,000      200        10
 *
 * CTR: 300 / 10,000 = 3 % against 200 / 10,000 = 2 %: difference 1 point, lift (3 − 2) / 2 × 100 = 50 %.
 *   pooled p = 500 / 20,000 = 0.025; SE₀ = √(0.025 × 0.975 × (1/10,000 + 1/10,000)) = √4.875e-6 = 0.0022079
 *   z = 0.01 / 0.0022079 = 4.5291; p-value = 2 × (1 − Φ(4.5291)) = 5.92e-6 < 0.05: significant
 *   CI of the difference (Wald): SE = √(0.03 × 0.97 / 10,000 + 0.02 × 0.98 / 10,000) = √4.87e-6 = 0.0022068
 *     1 ± 1.95996 × 0.22068 = 1 ± 0.43253 → [0.5675, 1.4325] points
 *   CI of the lift (Katz, on ln of the rate ratio): SE = √(1/300 − 1/10,000 + 1/200 − 1/10,000) = √0.0081333 = 0.090185
 *     ln 1.5 = 0.405465 ± 1.95996 × 0.090185 (0.176759) → e^0.228706 = 1.256972, e^0.582224 = 1.790016 → [25.6972 %, 79.0016 %]
 *
 * Conversion rate: 30 / 300 = 10 % against 10 / 200 = 5 %: difference 5 points, lift 100 %.
 *   pooled p = 40 / 500 = 0.08; SE₀ = √(0.08 × 0.92 × (1/300 + 1/200)) = √0.00061333 = 0.024766
 *   z = 0.05 / 0.024766 = 2.0189; p-value = 2 × (1 − Φ(2.0189)) = 0.0435 < 0.05: significant
 *   Wald SE = √(0.1 × 0.9 / 300 + 0.05 × 0.95 / 200) = √0.0005375 = 0.023184; 5 ± 1.95996 × 2.3184 = 5 ± 4.5440 → [0.4560, 9.5440]
 *   Katz SE = √(1/30 − 1/300 + 1/10 − 1/200) = √0.125 = 0.353553; ln 2 = 0.693147 ± 1.95996 × 0.353553 (0.692952)
 *     → e^0.000195 = 1.000195, e^1.386098 = 3.999219 → [0.0195 %, 299.9219 %]
 *
 * CPA: 60,000 / 30 = 2,000 cents = 20.00 (exceptional: on the 20 boundary, the better tier) against
 *   60,000 / 10 = 6,000 cents = 60.00 (average, 50–100): difference −40.00, change (20 − 60) / 60 × 100 = −66.67 %.
 *   No two-proportion test: a cost per conversion is not a proportion.
 *
 * Holdout "Lift study" (Spring): 20,000 people exposed, 500 converted; 5,000 held out, 100 converted.
 *   2.5 % against 2 %: difference 0.5 point, incremental lift (2.5 − 2) / 2 × 100 = 25 %.
 *   pooled p = 600 / 25,000 = 0.024; SE₀ = √(0.024 × 0.976 × (1/20,000 + 1/5,000)) = √5.856e-6 = 0.0024199
 *   z = 0.005 / 0.0024199 = 2.0662; p-value = 2 × (1 − Φ(2.0662)) = 0.0388 < 0.05: significant
 *   Wald SE = √(0.025 × 0.975 / 20,000 + 0.02 × 0.98 / 5,000) = √5.13875e-6 = 0.0022669
 *     0.5 ± 1.95996 × 0.22669 = 0.5 ± 0.44430 → [0.0557, 0.9443] points
 *   Katz SE = √(1/500 − 1/20,000 + 1/100 − 1/5,000) = √0.01175 = 0.108397; ln 1.25 = 0.223144 ± 1.95996 × 0.108397 (0.212454)
 *     → e^0.010690 = 1.010746, e^0.435598 = 1.545888 → [1.0746 %, 54.5888 %]
 */

let harness: Awaited<ReturnType<typeof startTestApp>>;
let studio: Client;
let spring: { id: string };
let summer: { id: string };
let quiet: { id: string };
let hero: string; // Léa's (AI character) asset of Spring
let tryOn: string; // another of Léa's assets of Spring
let vlog: string; // Maya's (human creator) asset of Spring
let summerAsset: string; // Léa's asset of another campaign
// The two tests of Spring as created (response bodies).
type Arm = { name: string; role: string; aiGenerated: boolean; spendMinor: number };
let creative: { id: string };
let holdout: { id: string; arms: Arm[]; result: { incremental_lift: { reason: string | null } } };

const missing = '00000000-0000-4000-8000-000000000000';

async function asset(campaignId: string, sourceId: string) {
  const brief = await studio.post('/v1/briefs', { campaignId, sourceId, title: 'brief' });
  const created = await studio.post('/v1/assets', { briefId: brief.body.id, title: 'asset', kind: 'video', tool: 'gen', currency: 'USD', productionHours: 1 });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id as string;
}

const aiArm = () => ({ name: 'ai', role: 'treatment', assetId: hero, spendMinor: 60_000, currency: 'USD', impressions: 10_000, clicks: 300, conversions: 30 });
const studioArm = () => ({ name: 'studio', role: 'control', assetId: vlog, spendMinor: 60_000, currency: 'USD', impressions: 10_000, clicks: 200, conversions: 10 });
const creativeBody = (arms: unknown[] = [aiArm(), studioArm()]) => ({ campaignId: spring.id, name: 'Hero vs studio', kind: 'creative_ab', startsOn: '2026-03-05', endsOn: '2026-03-19', arms });
const exposedArm = () => ({ name: 'exposed', role: 'treatment', assetId: hero, spendMinor: 250_000, currency: 'USD', audience: 20_000, impressions: 45_000, clicks: 900, conversions: 500 });
const heldOutArm = () => ({ name: 'held out', role: 'holdout', spendMinor: 0, currency: 'USD', audience: 5_000 });
const holdoutBody = (arms: unknown[] = [exposedArm(), heldOutArm()]) => ({ campaignId: spring.id, name: 'Lift study', kind: 'holdout', startsOn: '2026-03-01', endsOn: '2026-03-31', arms });

const put = (testId: string, arm: string, body: unknown) => studio.request('PUT', `/v1/paid-tests/${testId}/arms/${encodeURIComponent(arm)}`, body);

type Stats = { value: number | null; difference: number | null; differenceInterval: { low: number; high: number } | null; liftInterval: { low: number; high: number } | null; z: number | null; pValue: number | null; significant: boolean | null };

type Expected = { value: number; difference: number; differenceInterval: [number, number]; liftInterval: [number, number]; z: number; pValue: number; significant: boolean };

function expectStats(actual: Stats, expected: Expected) {
  expect(actual.value).toBeCloseTo(expected.value, 9);
  expect(actual.difference).toBeCloseTo(expected.difference, 9);
  expect(actual.differenceInterval?.low).toBeCloseTo(expected.differenceInterval[0], 4);
  expect(actual.differenceInterval?.high).toBeCloseTo(expected.differenceInterval[1], 4);
  expect(actual.liftInterval?.low).toBeCloseTo(expected.liftInterval[0], 3);
  expect(actual.liftInterval?.high).toBeCloseTo(expected.liftInterval[1], 3);
  expect(actual.z).toBeCloseTo(expected.z, 4);
  expect(actual.pValue).toBeCloseTo(expected.pValue, expected.pValue < 0.001 ? 8 : 4);
  expect(actual.significant).toBe(expected.significant);
}

const CTR_STATS: Expected = { value: 50, difference: 1, differenceInterval: [0.5675, 1.4325], liftInterval: [25.6972, 79.0016], z: 4.5291, pValue: 0.000005923, significant: true };
const CONVERSION_STATS: Expected = { value: 100, difference: 5, differenceInterval: [0.456, 9.544], liftInterval: [0.0195, 299.9219], z: 2.0189, pValue: 0.0435, significant: true };
const HOLDOUT_STATS: Expected = { value: 25, difference: 0.5, differenceInterval: [0.0557, 0.9443], liftInterval: [1.0746, 54.5888], z: 2.0662, pValue: 0.0388, significant: true };

async function refused(body: unknown, status: number, code: string, field: string) {
  const response = await studio.request('POST', '/v1/paid-tests', body);
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.body.code).toBe(code);
  expect(String(response.headers['content-type'])).toContain('application/problem+json');
  expect(response.body.errors?.map((e: { field: string }) => e.field), JSON.stringify(response.body)).toContain(field);
  return response.body;
}

beforeAll(async () => {
  harness = await startTestApp();
  studio = await harness.userWithRole('studio');
  const lea = (await studio.post('/v1/sources', { kind: 'ai_character', name: 'Léa Nova' })).body;
  const maya = (await studio.post('/v1/sources', { kind: 'human_creator', name: 'Maya Ortiz' })).body;
  spring = (await studio.post('/v1/campaigns', { name: 'Spring', goal: 'sales', startsOn: '2026-03-01', endsOn: '2026-03-31', currency: 'USD', targetAction: 'purchase' })).body;
  summer = (await studio.post('/v1/campaigns', { name: 'Summer', goal: 'sales', startsOn: '2026-06-01', endsOn: '2026-06-30', currency: 'USD', targetAction: 'purchase' })).body;
  quiet = (await studio.post('/v1/campaigns', { name: 'Quiet', goal: 'traffic', startsOn: '2026-09-01', endsOn: '2026-09-30', currency: 'USD', targetAction: 'visit' })).body;
  hero = await asset(spring.id, lea.id);
  tryOn = await asset(spring.id, lea.id);
  vlog = await asset(spring.id, maya.id);
  summerAsset = await asset(summer.id, lea.id);

  const createdCreative = await studio.post('/v1/paid-tests', creativeBody());
  expect(createdCreative.status, JSON.stringify(createdCreative.body)).toBe(201);
  creative = createdCreative.body;
  const createdHoldout = await studio.post('/v1/paid-tests', holdoutBody());
  expect(createdHoldout.status, JSON.stringify(createdHoldout.body)).toBe(201);
  holdout = createdHoldout.body;
});
afterAll(() => harness.close());

describe('POST /v1/paid-tests: creative A/B', () => {
  it('stores the test and its arms; aiGenerated defaults to whether the asset is an AI character\'s', async () => {
    const body = (await studio.get(`/v1/paid-tests/${creative.id}`)).body;
    expect(body).toMatchObject({ id: creative.id, campaignId: spring.id, name: 'Hero vs studio', kind: 'creative_ab', startsOn: '2026-03-05', endsOn: '2026-03-19' });
    expect(body.arms.map(({ updatedAt: _, ...arm }: { updatedAt: string }) => arm)).toEqual([
      { name: 'ai', role: 'treatment', assetId: hero, aiGenerated: true, spendMinor: 60_000, currency: 'USD', audience: null, impressions: 10_000, clicks: 300, conversions: 30 },
      { name: 'studio', role: 'control', assetId: vlog, aiGenerated: false, spendMinor: 60_000, currency: 'USD', audience: null, impressions: 10_000, clicks: 200, conversions: 10 },
    ]);
    expect(body.result.incremental_lift).toBeNull();
  });

  it('gives paid_media_lift of the AI arm against the control: CTR and conversion rate with the two-proportion test', async () => {
    const { result } = (await studio.get(`/v1/paid-tests/${creative.id}`)).body;
    expect(result.paid_media_lift.aiArm).toBe('ai');
    const [comparison] = result.paid_media_lift.comparisons;
    expect(result.paid_media_lift.comparisons).toHaveLength(1);
    expect(comparison.controlArm).toBe('studio');

    // The sample sizes, named: CTR is clicks over impressions, conversion rate conversions over clicks.
    expect(comparison.ctr).toMatchObject({
      metric: 'ctr',
      aiAsset: { arm: 'ai', successes: 300, successesAre: 'clicks', trials: 10_000, trialsAre: 'impressions', rate: 3 },
      control: { arm: 'studio', successes: 200, successesAre: 'clicks', trials: 10_000, trialsAre: 'impressions', rate: 2 },
      confidence: 0.95,
      reason: null,
    });
    expectStats(comparison.ctr, CTR_STATS);

    expect(comparison.conversion_rate).toMatchObject({
      metric: 'conversion_rate',
      aiAsset: { arm: 'ai', successes: 30, successesAre: 'conversions', trials: 300, trialsAre: 'clicks', rate: 10 },
      control: { arm: 'studio', successes: 10, successesAre: 'conversions', trials: 200, trialsAre: 'clicks', rate: 5 },
      reason: null,
    });
    expectStats(comparison.conversion_rate, CONVERSION_STATS);
  });

  it('gives the CPA of each arm and the change, lower being better, without a proportion test', async () => {
    const { cpa } = (await studio.get(`/v1/paid-tests/${creative.id}`)).body.result.paid_media_lift.comparisons[0];
    expect(cpa).toMatchObject({
      metric: 'cpa',
      aiAsset: { arm: 'ai', spend: { amountMinor: 60_000, currency: 'USD' }, conversions: 30, value: 20, tier: 'exceptional' },
      control: { arm: 'studio', spend: { amountMinor: 60_000, currency: 'USD' }, conversions: 10, value: 60, tier: 'average' },
      difference: -40,
      lowerIsBetter: true,
      pValue: null,
      significant: null,
      liftInterval: null,
    });
    expect(cpa.value).toBeCloseTo(-66.6667, 4);
    expect(cpa.reason).toContain('not a proportion');
  });

  it('compares the AI arm with each control when there are several', async () => {
    const response = await studio.post('/v1/paid-tests', creativeBody([
      aiArm(),
      studioArm(),
      { name: 'product ad', role: 'control', spendMinor: 60_000, currency: 'USD', impressions: 10_000, clicks: 100, conversions: 0 },
    ]));
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const { comparisons } = response.body.result.paid_media_lift;
    expect(comparisons.map((c: { controlArm: string }) => c.controlArm)).toEqual(['product ad', 'studio']);
    // CTR 3 % against 1 %: lift (3 − 1) / 1 × 100 = 200 %. The product ad converted nobody: no lift over 0, no CPA.
    expect(comparisons[0].ctr.value).toBeCloseTo(200, 9);
    expect(comparisons[0].conversion_rate).toMatchObject({ value: null, liftInterval: null });
    expect(comparisons[0].conversion_rate.difference).toBeCloseTo(10, 9);
    expect(comparisons[0].conversion_rate.reason).toBe('product ad has 0 conversions: a lift relative to 0 is undefined; read the difference in points.');
    expect(comparisons[0].cpa).toMatchObject({ value: null, difference: null, control: { value: null, conversions: 0 } });
    expect(comparisons[0].cpa.reason).toContain('product ad has 0 conversions');
    // Tidy up: this test would otherwise be a second creative A/B test of Spring in the report tests.
    await harness.orm.em.getConnection().execute(`delete from paid_test_arm where test_id = ?`, [response.body.id]);
    await harness.orm.em.getConnection().execute(`delete from paid_test where id = ?`, [response.body.id]);
  });

  it('lets counts come later: the result says what is missing', async () => {
    const response = await studio.post('/v1/paid-tests', { ...creativeBody([
      { name: 'ai', role: 'treatment', assetId: tryOn, spendMinor: 0, currency: 'USD' },
      { name: 'control', role: 'control', spendMinor: 0, currency: 'USD' },
    ]), campaignId: summer.id, startsOn: '2026-06-01', endsOn: '2026-06-10' });
    // tryOn is one of Spring's assets, not Summer's.
    expect(response.status).toBe(422);
    const created = await studio.post('/v1/paid-tests', { ...creativeBody([
      { name: 'ai', role: 'treatment', assetId: summerAsset, spendMinor: 0, currency: 'USD' },
      { name: 'control', role: 'control', spendMinor: 0, currency: 'USD' },
    ]), name: 'Summer creative', campaignId: summer.id, startsOn: '2026-06-01', endsOn: '2026-06-10' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { ctr, cpa } = created.body.result.paid_media_lift.comparisons[0];
    expect(ctr).toMatchObject({ value: null, difference: null, pValue: null, significant: null, aiAsset: { trials: null, rate: null } });
    expect(ctr.reason).toBe('Not enough data: ai has no impressions yet; ai has no clicks yet; control has no impressions yet; control has no clicks yet. Update the arm when the counts come in.');
    expect(cpa.reason).toContain('ai has no conversions yet');
  });
});

describe('POST /v1/paid-tests: holdout', () => {
  it('gives incremental_lift = (treatment rate − holdout rate) / holdout rate × 100, unknown until the holdout\'s conversions are in', async () => {
    expect(holdout).toMatchObject({ kind: 'holdout', result: { paid_media_lift: null } });
    expect(holdout.arms.map((a) => [a.name, a.role, a.aiGenerated, a.spendMinor])).toEqual([['exposed', 'treatment', true, 250_000], ['held out', 'holdout', false, 0]]);
    const lift = holdout.result.incremental_lift;
    expect(lift).toMatchObject({
      value: null,
      treatment: { arm: 'exposed', successes: 500, successesAre: 'conversions', trials: 20_000, trialsAre: 'audience', rate: 2.5 },
      holdout: { arm: 'held out', successes: null, successesAre: 'conversions', trials: 5_000, trialsAre: 'audience', rate: null },
    });
    expect(lift.reason).toBe('Not enough data: held out has no conversions yet. Update the arm when the counts come in.');
  });
});

describe('PUT /v1/paid-tests/{id}/arms/{name}', () => {
  it('replaces the arm\'s counts, answers the new result, and changes nothing when sent again', async () => {
    const response = await put(holdout.id, 'held out', { spendMinor: 0, currency: 'USD', audience: 5_000, conversions: 100 });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const lift = response.body.result.incremental_lift;
    expect(lift).toMatchObject({
      treatment: { arm: 'exposed', successes: 500, trials: 20_000, rate: 2.5 },
      holdout: { arm: 'held out', successes: 100, trials: 5_000, rate: 2 },
      confidence: 0.95,
      reason: null,
    });
    expectStats(lift, HOLDOUT_STATS);

    const again = await put(holdout.id, 'held out', { spendMinor: 0, currency: 'USD', audience: 5_000, conversions: 100 });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(response.body);
    expect((await studio.get(`/v1/paid-tests/${holdout.id}`)).body).toEqual(response.body);
  });

  it('makes an omitted count unknown (a PUT replaces), and keeps name, role and asset', async () => {
    const created = await studio.post('/v1/paid-tests', { ...holdoutBody(), campaignId: summer.id, name: 'Summer lift A', startsOn: '2026-06-01', endsOn: '2026-06-30', arms: [{ ...exposedArm(), assetId: summerAsset }, { ...heldOutArm(), conversions: 80 }] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const response = await put(created.body.id, 'exposed', { spendMinor: 300_000, currency: 'USD', audience: 20_000, conversions: 600 });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.arms[0]).toMatchObject({ name: 'exposed', role: 'treatment', assetId: summerAsset, aiGenerated: true, spendMinor: 300_000, audience: 20_000, impressions: null, clicks: null, conversions: 600 });
    // 600 / 20,000 = 3 % against 80 / 5,000 = 1.6 %: (3 − 1.6) / 1.6 × 100 = 87.5 %.
    expect(response.body.result.incremental_lift.value).toBeCloseTo(87.5, 9);
  });

  it('refuses an unknown arm (404), another currency and contradictory counts (422), negative counts (400)', async () => {
    const unknownArm = await put(creative.id, 'nobody', { spendMinor: 0, currency: 'USD' });
    expect(unknownArm.status).toBe(404);
    expect(unknownArm.body.detail).toContain('"ai", "studio"');
    expect((await studio.request('PUT', `/v1/paid-tests/${missing}/arms/ai`, { spendMinor: 0, currency: 'USD' })).status).toBe(404);

    const currency = await put(creative.id, 'ai', { spendMinor: 60_000, currency: 'EUR', impressions: 10_000, clicks: 300, conversions: 30 });
    expect([currency.status, currency.body.code]).toEqual([422, 'currency_mismatch']);

    const clicks = await put(creative.id, 'ai', { spendMinor: 60_000, currency: 'USD', impressions: 100, clicks: 300, conversions: 30 });
    expect([clicks.status, clicks.body.code]).toEqual([422, 'rule_violation']);
    expect(clicks.body.errors).toEqual([{ field: 'body.clicks', message: '300 clicks exceed the 100 impressions' }]);
    const conversions = await put(creative.id, 'ai', { spendMinor: 60_000, currency: 'USD', impressions: 10_000, clicks: 300, conversions: 301 });
    expect(conversions.body.errors).toEqual([{ field: 'body.conversions', message: '301 conversions exceed the 300 clicks' }]);
    const audience = await put(holdout.id, 'held out', { spendMinor: 0, currency: 'USD', conversions: 100 });
    expect([audience.status, audience.body.errors[0].field]).toEqual([422, 'body.audience']);
    const aboveAudience = await put(holdout.id, 'held out', { spendMinor: 0, currency: 'USD', audience: 5_000, conversions: 5_001 });
    expect([aboveAudience.status, aboveAudience.body.errors[0].field]).toEqual([422, 'body.conversions']);
    const spend = await put(holdout.id, 'held out', { spendMinor: 1, currency: 'USD', audience: 5_000, conversions: 100 });
    expect([spend.status, spend.body.errors[0].field]).toEqual([422, 'body.spendMinor']);

    const negative = await put(creative.id, 'ai', { spendMinor: 60_000, currency: 'USD', clicks: -1 });
    expect([negative.status, negative.body.code]).toEqual([400, 'invalid_input']);
    expect(negative.body.errors[0].field).toBe('body.clicks');

    // Nothing of it was stored.
    const stored = (await studio.get(`/v1/paid-tests/${creative.id}`)).body.arms;
    expect(stored[0]).toMatchObject({ impressions: 10_000, clicks: 300, conversions: 30, currency: 'USD' });
  });

  it('is for writers: an approver may read but not change', async () => {
    const approver = await harness.userWithRole('approver');
    expect((await approver.get(`/v1/paid-tests/${creative.id}`)).status).toBe(200);
    expect((await approver.request('PUT', `/v1/paid-tests/${creative.id}/arms/ai`, { spendMinor: 0, currency: 'USD' })).status).toBe(403);
    expect((await approver.post('/v1/paid-tests', creativeBody())).status).toBe(403);
  });
});

describe('refusals of POST /v1/paid-tests (nothing is stored)', () => {
  it('400: fewer than 2 arms, negative or fractional counts, repeated arm names, an end before the start', async () => {
    await refused(creativeBody([aiArm()]), 400, 'invalid_input', 'body.arms');
    await refused(creativeBody([{ ...aiArm(), clicks: -1 }, studioArm()]), 400, 'invalid_input', 'body.arms.0.clicks');
    await refused(creativeBody([aiArm(), { ...studioArm(), impressions: 10.5 }]), 400, 'invalid_input', 'body.arms.1.impressions');
    await refused(creativeBody([aiArm(), { ...studioArm(), spendMinor: -5 }]), 400, 'invalid_input', 'body.arms.1.spendMinor');
    await refused(holdoutBody([exposedArm(), { ...heldOutArm(), audience: -1 }]), 400, 'invalid_input', 'body.arms.1.audience');
    await refused(creativeBody([aiArm(), { ...studioArm(), name: 'ai' }]), 400, 'invalid_input', 'body.arms.1.name');
    await refused({ ...creativeBody(), startsOn: '2026-03-20', endsOn: '2026-03-19' }, 400, 'invalid_input', 'body.endsOn');
  });

  it('404: a campaign or an asset that is not this workspace\'s', async () => {
    await refused({ ...creativeBody(), campaignId: missing }, 404, 'not_found', 'body.campaignId');
    await refused(creativeBody([aiArm(), { ...studioArm(), assetId: missing }]), 404, 'not_found', 'body.arms.1.assetId');
    const other = await harness.newWorkspace('Brand Other');
    const theirCampaign = (await other.admin.post('/v1/campaigns', { name: 'Theirs', goal: 'sales', startsOn: '2026-03-01', endsOn: '2026-03-31', currency: 'USD', targetAction: 'buy' })).body;
    const theirSource = (await other.admin.post('/v1/sources', { kind: 'ai_character', name: 'Theirs' })).body;
    const theirBrief = (await other.admin.post('/v1/briefs', { campaignId: theirCampaign.id, sourceId: theirSource.id, title: 'b' })).body;
    const theirAsset = (await other.admin.post('/v1/assets', { briefId: theirBrief.id, title: 'a', kind: 'image', tool: 'x', currency: 'USD', productionHours: 1 })).body;
    await refused({ ...creativeBody(), campaignId: theirCampaign.id }, 404, 'not_found', 'body.campaignId');
    await refused(creativeBody([{ ...aiArm(), assetId: theirAsset.id }, studioArm()]), 404, 'not_found', 'body.arms.0.assetId');
  });

  it("422 currency_mismatch: an arm not in the campaign's currency", async () => {
    const problem = await refused(creativeBody([aiArm(), { ...studioArm(), currency: 'EUR' }]), 422, 'currency_mismatch', 'body.arms.1.currency');
    expect(problem.errors).toEqual([{ field: 'body.arms.1.currency', message: "must be USD, the campaign's currency" }]);
  });

  it("422 rule_violation: an asset of another campaign", async () => {
    const problem = await refused(creativeBody([{ ...aiArm(), assetId: summerAsset }, studioArm()]), 422, 'rule_violation', 'body.arms.0.assetId');
    expect(problem.errors).toEqual([{ field: 'body.arms.0.assetId', message: 'is an asset of another campaign, not of Spring' }]);
  });

  it('422 rule_violation: creative_ab needs exactly one AI treatment arm and at least one non-AI control, no holdout', async () => {
    await refused(creativeBody([aiArm(), { ...aiArm(), name: 'ai 2' }, studioArm()]), 422, 'rule_violation', 'body.arms');
    await refused(creativeBody([aiArm(), { ...aiArm(), name: 'ai 2', assetId: tryOn }]), 422, 'rule_violation', 'body.arms');
    // Maya's vlog is not an AI character's, so the treatment is not the AI asset unless marked.
    await refused(creativeBody([{ ...aiArm(), assetId: vlog }, { ...studioArm(), assetId: undefined }]), 422, 'rule_violation', 'body.arms.0.aiGenerated');
    await refused(creativeBody([aiArm(), { ...studioArm(), aiGenerated: true }]), 422, 'rule_violation', 'body.arms.1.aiGenerated');
    // Léa's try-on as the control defaults to aiGenerated, which a control is not.
    await refused(creativeBody([aiArm(), { ...studioArm(), assetId: tryOn }]), 422, 'rule_violation', 'body.arms.1.aiGenerated');
    await refused(creativeBody([aiArm(), studioArm(), heldOutArm()]), 422, 'rule_violation', 'body.arms.2.role');
    // Marked explicitly, a treatment without an AI character's asset is accepted as the AI asset.
    const marked = await studio.post('/v1/paid-tests', { ...creativeBody([{ ...aiArm(), assetId: undefined, aiGenerated: true }, { ...studioArm(), assetId: undefined }]), campaignId: quiet.id, name: 'Marked', startsOn: '2026-09-01', endsOn: '2026-09-10' });
    expect(marked.status, JSON.stringify(marked.body)).toBe(201);
    await harness.orm.em.getConnection().execute(`delete from paid_test_arm where test_id = ?`, [marked.body.id]);
    await harness.orm.em.getConnection().execute(`delete from paid_test where id = ?`, [marked.body.id]);
  });

  it('422 rule_violation: holdout needs one treatment and one holdout arm, each with its audience; the holdout arm saw no ad', async () => {
    await refused(holdoutBody([exposedArm(), { ...heldOutArm(), role: 'control' }]), 422, 'rule_violation', 'body.arms');
    await refused(holdoutBody([exposedArm(), { ...exposedArm(), name: 'exposed 2' }, heldOutArm()]), 422, 'rule_violation', 'body.arms');
    await refused(holdoutBody([exposedArm(), heldOutArm(), { ...studioArm(), audience: 10 }]), 422, 'rule_violation', 'body.arms.2.role');
    await refused(holdoutBody([exposedArm(), { ...heldOutArm(), audience: undefined }]), 422, 'rule_violation', 'body.arms.1.audience');
    await refused(holdoutBody([{ ...exposedArm(), audience: null }, heldOutArm()]), 422, 'rule_violation', 'body.arms.0.audience');
    await refused(holdoutBody([exposedArm(), { ...heldOutArm(), spendMinor: 100 }]), 422, 'rule_violation', 'body.arms.1.spendMinor');
    await refused(holdoutBody([exposedArm(), { ...heldOutArm(), assetId: vlog }]), 422, 'rule_violation', 'body.arms.1.assetId');
  });

  it('422 rule_violation: clicks above impressions, conversions above clicks (creative_ab) or the audience (holdout)', async () => {
    const clicks = await refused(creativeBody([{ ...aiArm(), clicks: 10_001 }, studioArm()]), 422, 'rule_violation', 'body.arms.0.clicks');
    expect(clicks.errors).toEqual([{ field: 'body.arms.0.clicks', message: '10001 clicks exceed the 10000 impressions' }]);
    await refused(creativeBody([aiArm(), { ...studioArm(), conversions: 201 }]), 422, 'rule_violation', 'body.arms.1.conversions');
    await refused(holdoutBody([exposedArm(), { ...heldOutArm(), conversions: 5_001 }]), 422, 'rule_violation', 'body.arms.1.conversions');
    // In a holdout test a treatment's conversions may follow a view, not a click: only the audience bounds them.
    const viewThrough = await studio.post('/v1/paid-tests', { ...holdoutBody([{ ...exposedArm(), clicks: 10, conversions: 50, assetId: undefined }, heldOutArm()]), campaignId: quiet.id, name: 'View-through', startsOn: '2026-09-01', endsOn: '2026-09-30' });
    expect(viewThrough.status, JSON.stringify(viewThrough.body)).toBe(201);
    await harness.orm.em.getConnection().execute(`delete from paid_test_arm where test_id = ?`, [viewThrough.body.id]);
    await harness.orm.em.getConnection().execute(`delete from paid_test where id = ?`, [viewThrough.body.id]);
  });

  it('stored none of the refused tests', async () => {
    const names = (await studio.get(`/v1/paid-tests?campaignId=${spring.id}`)).body.items.map((t: { name: string }) => t.name);
    expect(names.sort()).toEqual(['Hero vs studio', 'Lift study']);
    expect((await studio.get(`/v1/paid-tests?campaignId=${quiet.id}`)).body.items).toEqual([]);
  });
});

describe('GET /v1/paid-tests', () => {
  it('lists a campaign\'s tests page by page (cursor), each with its arms and result', async () => {
    const first = await studio.get(`/v1/paid-tests?campaignId=${spring.id}&limit=1&sort=name&order=asc`);
    expect(first.status).toBe(200);
    expect(first.body.items.map((t: { name: string }) => t.name)).toEqual(['Hero vs studio']);
    expect(first.body.items[0].result.paid_media_lift.comparisons[0].ctr.value).toBeCloseTo(50, 9);
    const second = await studio.get(`/v1/paid-tests?campaignId=${spring.id}&limit=1&sort=name&order=asc&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(second.body.items.map((t: { name: string }) => t.name)).toEqual(['Lift study']);
    expect(second.body.nextCursor).toBeNull();
    expect((await studio.get(`/v1/paid-tests?kind=holdout&campaignId=${spring.id}`)).body.items.map((t: { name: string }) => t.name)).toEqual(['Lift study']);
  });

  it('answers 404 for a campaign or test of another workspace, and lists none of another workspace\'s tests', async () => {
    const other = await harness.newWorkspace('Brand Lists');
    expect((await other.admin.get(`/v1/paid-tests?campaignId=${spring.id}`)).status).toBe(404);
    expect((await other.admin.get(`/v1/paid-tests/${creative.id}`)).status).toBe(404);
    expect((await other.admin.get('/v1/paid-tests')).body).toEqual({ items: [], nextCursor: null });
  });
});

describe('the commercial report shows the lift', () => {
  const report = async (query: string) => {
    const response = await studio.get(`/v1/reports/commercial?${query}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  };

  it('with exactly one test of each kind: its result', async () => {
    const { kpis } = await report(`campaignId=${spring.id}`);
    expect(kpis.incremental_lift.reason).toBeNull();
    expect(kpis.incremental_lift.tests).toEqual([{ testId: holdout.id, name: 'Lift study', campaignId: spring.id, startsOn: '2026-03-01', endsOn: '2026-03-31', result: kpis.incremental_lift.result }]);
    expectStats(kpis.incremental_lift.result, HOLDOUT_STATS);

    expect(kpis.paid_media_lift.reason).toBeNull();
    expect(kpis.paid_media_lift.tests.map((t: { testId: string }) => t.testId)).toEqual([creative.id]);
    const [comparison] = kpis.paid_media_lift.result.comparisons;
    expectStats(comparison.ctr, CTR_STATS);
    expectStats(comparison.conversion_rate, CONVERSION_STATS);
    expect(comparison.cpa).toMatchObject({ difference: -40, aiAsset: { value: 20 }, control: { value: 60 } });

    // Everything else is as before: the other KPIs are untouched.
    expect(kpis.cpa).toMatchObject({ value: null, currency: 'USD' });
  });

  it('with several tests of a kind: each listed, not pooled, and why', async () => {
    await studio.post('/v1/paid-tests', { ...holdoutBody(), campaignId: summer.id, name: 'Summer lift B', startsOn: '2026-06-10', endsOn: '2026-06-20', arms: [{ ...exposedArm(), assetId: summerAsset }, { ...heldOutArm(), conversions: 100 }] });
    const { kpis } = await report(`campaignId=${summer.id}`);
    expect(kpis.incremental_lift.result).toBeNull();
    expect(kpis.incremental_lift.tests.map((t: { name: string }) => t.name)).toEqual(['Summer lift A', 'Summer lift B']);
    expect(kpis.incremental_lift.tests[0].result.value).toBeCloseTo(87.5, 9);
    // Summer lift B: 500 / 20,000 = 2.5 % against 100 / 5,000 = 2 %: 25 %.
    expect(kpis.incremental_lift.tests[1].result.value).toBeCloseTo(25, 9);
    expect(kpis.incremental_lift.reason).toContain('2 holdout tests apply (Summer lift A, Summer lift B)');
    expect(kpis.incremental_lift.reason).toContain('not pooled');
    // Summer's one creative A/B test still lacks counts.
    expect(kpis.paid_media_lift.result.comparisons[0].ctr.value).toBeNull();

    // A period keeps the tests that run in it: only Summer lift A runs on 2026-06-01..06-09.
    const early = await report(`campaignId=${summer.id}&from=2026-06-01T00:00:00Z&to=2026-06-10T00:00:00Z`);
    expect(early.kpis.incremental_lift.tests.map((t: { name: string }) => t.name)).toEqual(['Summer lift A']);
    expect(early.kpis.incremental_lift.result.value).toBeCloseTo(87.5, 9);
  });

  it('with none: null and the reason', async () => {
    const { kpis } = await report(`campaignId=${quiet.id}`);
    expect(kpis.incremental_lift).toEqual({ result: null, reason: 'No holdout paid test of the campaigns in scope: record one with POST /v1/paid-tests.', tests: [] });
    expect(kpis.paid_media_lift).toEqual({ result: null, reason: 'No creative A/B paid test of the campaigns in scope: record one with POST /v1/paid-tests.', tests: [] });
    // Spring's creative test ran 03-05..03-19: not in a period from 03-20.
    const late = await report(`campaignId=${spring.id}&from=2026-03-20T00:00:00Z&to=2026-04-01T00:00:00Z`);
    expect(late.kpis.paid_media_lift.result).toBeNull();
    expect(late.kpis.paid_media_lift.reason).toBe('No creative A/B paid test of the campaigns in scope that runs in the period: record one with POST /v1/paid-tests.');
    expect(late.kpis.incremental_lift.result.value).toBeCloseTo(25, 9);
  });
});
