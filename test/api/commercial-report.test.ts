import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client } from '../support/api-harness.ts';
import { approvedAsset, publishAsset } from './campaign-fixtures.ts';

/*
 * The "Spring launch" campaign (sales, 2026-03-01 → 2026-03-31, attribution window 14 days, so
 * conversions count from 2026-03-01 through 2026-04-14), worked out by hand:
 *
 * Cost (USD cents)
 *   fees                                                   500,000
 *   paid spend: Léa's hero video reused in paid media      300,000
 *   production of Léa's two assets used (AI character; her own rate 40.00/h beats the workspace's 30.00):
 *     hero video  60,000 generation + 40,000 other + 2.5 h × 4,000 = 110,000
 *     try-on      50,000 generation + 10,000 other + 7.5 h × 4,000 =  90,000
 *     (her third asset was never posted: not used, not counted;
 *      Maya is a human creator: her asset's production cost is not a campaign cost)   200,000
 *   total                                                1,000,000 = USD 10,000.00
 *
 * Latest snapshot per post in the period (the hero video's earlier 50,000 impressions are superseded):
 *   impressions 160,000 + 120,000 + 100,000 + 20,000 = 400,000
 *   views        80,000 +  60,000 +  60,000 + unknown = 200,000
 *
 * Conversion counts inside the window (the 2026-04-20 row is after 04-14: left out):
 *                  clicks  registrations  target actions  sales   revenue
 *   link L 03-10    3,000       600           120           70     900,000
 *   link L 04-10    1,000       150            30           20     250,000
 *   link M 03-15    1,000       250            20           10     150,000
 *   code  03-20        —          —            30           30     300,000
 *   total           5,000     1,000           200          130   1,600,000
 *
 * CPM  = 1,000,000 / 400,000 × 1000 = 2,500 cents        = 25.00
 * CPV  = 1,000,000 / 200,000        = 5 cents            = 0.05  strong (on the 0.05 boundary: the better tier)
 * CTR  = 5,000 / 400,000 × 100      = 1.25 % (impressions)       average (0.5–1.5)
 * CPC  = 1,000,000 / 5,000          = 200 cents          = 2.00  average (on the 2.00 boundary)
 * CPR  = 1,000,000 / 1,000          = 1,000 cents        = 10.00
 * CPA  = 1,000,000 / 200            = 5,000 cents        = 50.00 strong (on the 50 boundary)
 * conversion rate = 200 / 5,000 × 100 = 4 %                       strong (3–5)
 * target actions  = 200                                           strong (on the 200 boundary)
 * ROI  = (1,600,000 − 1,000,000) / 1,000,000 × 100 = 60 %         weak (< 100): made money, under the bar
 * Funnel: 200,000 views → 5,000 clicks (2.5 %) → 1,000 registrations (20 %) → 200 target actions (20 %);
 *         biggest drop views → clicks (97.5 % lost).
 * Verdict (sales: roi weak, conversion_rate strong, cpa strong; CTR average) → learn_and_repeat, mixed_results.
 */

let harness: Awaited<ReturnType<typeof startTestApp>>;
let client: Client;
let spring: { id: string };
let autumn: { id: string };
let quiet: { id: string };

// Metric snapshots arrive through the metrics endpoint; here they are written directly.
async function snapshot(postId: string, capturedAt: string, impressions: number | null, views: number | null) {
  await harness.orm.em.getConnection().execute(
    `insert into metric_snapshot (id, created_at, updated_at, workspace_id, post_id, captured_at, impressions, views)
     values (gen_random_uuid(), now(), now(), ?, ?, ?, ?, ?)`,
    [harness.workspaceId, postId, capturedAt, impressions, views],
  );
}

beforeAll(async () => {
  harness = await startTestApp();
  client = harness.admin;
  await client.patch('/v1/workspace', { hourlyRateMinor: 3_000 });
  const lea = (await client.post('/v1/sources', { kind: 'ai_character', name: 'Léa Nova', handles: { instagram: '@lea.nova' }, hourlyRateMinor: 4_000 })).body;
  const maya = (await client.post('/v1/sources', { kind: 'human_creator', name: 'Maya Ortiz', handles: { youtube: '@maya' } })).body;
  spring = (await client.post('/v1/campaigns', { name: 'Spring launch', goal: 'sales', startsOn: '2026-03-01', endsOn: '2026-03-31', attributionWindowDays: 14, budgetMinor: 1_500_000, currency: 'USD', targetAction: 'purchase' })).body;
  // Maya's fee, and the agency's commission shared by deliverables (Léa 3 posts, Maya 1 below).
  const fees = await client.post('/v1/cost-lines/bulk', { lines: [
    { campaignId: spring.id, sourceId: maya.id, kind: 'creator_fee', amountMinor: 400_000, currency: 'USD', incurredOn: '2026-03-01', status: 'spent' },
    { campaignId: spring.id, kind: 'agency_commission', amountMinor: 100_000, currency: 'USD', incurredOn: '2026-03-01', split: 'deliverables' },
  ] });
  expect(fees.status, JSON.stringify(fees.body)).toBe(200);

  const hero = await approvedAsset(client, spring.id, lea.id, 'USD', { generationCostMinor: 60_000, otherCostMinor: 40_000, productionHours: 2.5 });
  const tryOn = await approvedAsset(client, spring.id, lea.id, 'USD', { generationCostMinor: 50_000, otherCostMinor: 10_000, productionHours: 7.5 });
  await approvedAsset(client, spring.id, lea.id, 'USD', { generationCostMinor: 99_000, otherCostMinor: 0, productionHours: 10 });
  const vlog = await approvedAsset(client, spring.id, maya.id, 'USD', { generationCostMinor: 0, otherCostMinor: 80_000, productionHours: 3 });

  const heroOrganic = await publishAsset(client, hero, 'instagram', '2026-03-05T10:00:00Z');
  const heroPaid = await publishAsset(client, hero, 'instagram', '2026-03-06T10:00:00Z', 300_000);
  const tryOnPost = await publishAsset(client, tryOn, 'tiktok', '2026-03-10T10:00:00Z');
  const vlogPost = await publishAsset(client, vlog, 'youtube', '2026-03-12T10:00:00Z');
  await snapshot(heroOrganic, '2026-03-07T00:00:00Z', 50_000, 20_000);
  await snapshot(heroOrganic, '2026-03-25T00:00:00Z', 160_000, 80_000);
  await snapshot(heroPaid, '2026-03-25T00:00:00Z', 120_000, 60_000);
  await snapshot(tryOnPost, '2026-03-25T00:00:00Z', 100_000, 60_000);
  await snapshot(vlogPost, '2026-03-25T00:00:00Z', 20_000, null);

  const leaLink = (await client.post('/v1/tracking-links', { campaignId: spring.id, sourceId: lea.id, postId: heroPaid, landingUrl: 'https://shop.example/spring' })).body;
  const mayaLink = (await client.post('/v1/tracking-links', { campaignId: spring.id, sourceId: maya.id, postId: vlogPost, landingUrl: 'https://shop.example/spring' })).body;
  await client.post('/v1/offer-codes', { campaignId: spring.id, sourceId: lea.id, code: 'LEA-SPRING' });
  const counts = await client.post('/v1/conversions/bulk', {
    counts: [
      { linkId: leaLink.id, day: '2026-03-10', clicks: 3_000, sessions: 2_800, registrations: 600, targetActions: 120, sales: 70, revenueMinor: 900_000, currency: 'USD' },
      { linkId: leaLink.id, day: '2026-04-10', clicks: 1_000, sessions: 900, registrations: 150, targetActions: 30, sales: 20, revenueMinor: 250_000, currency: 'USD' },
      { linkId: leaLink.id, day: '2026-04-20', clicks: 700, registrations: 100, targetActions: 40, sales: 30, revenueMinor: 400_000, currency: 'USD' },
      { linkId: mayaLink.id, day: '2026-03-15', clicks: 1_000, registrations: 250, targetActions: 20, sales: 10, revenueMinor: 150_000, currency: 'USD' },
      { code: 'LEA-SPRING', day: '2026-03-20', targetActions: 30, sales: 30, revenueMinor: 300_000, currency: 'USD' },
    ],
  });
  expect(counts.body).toEqual({ inserted: 5, updated: 0, unchanged: 0 });
  await client.post('/v1/survey-answers/bulk', { answers: [{ sourceId: lea.id, day: '2026-03-20', answers: 40 }, { sourceId: maya.id, day: '2026-03-21', answers: 10 }, { sourceId: lea.id, day: '2026-06-01', answers: 99 }] });

  // A euro campaign in September: an awareness job with fees, one post and a snapshot without impressions.
  autumn = (await client.post('/v1/campaigns', { name: 'Autumn', goal: 'awareness', startsOn: '2026-09-01', endsOn: '2026-09-30', currency: 'EUR', targetAction: 'visit' })).body;
  await client.post('/v1/cost-lines', { campaignId: autumn.id, sourceId: lea.id, kind: 'usage_rights', amountMinor: 10_000, currency: 'EUR', incurredOn: '2026-09-01' });
  const autumnAsset = await approvedAsset(client, autumn.id, lea.id, 'EUR', { generationCostMinor: 0, otherCostMinor: 0, productionHours: 0 });
  await snapshot(await publishAsset(client, autumnAsset, 'instagram', '2026-09-05T10:00:00Z'), '2026-09-10T00:00:00Z', null, 10_000);

  // A campaign with nothing recorded yet.
  quiet = (await client.post('/v1/campaigns', { name: 'Quiet', goal: 'traffic', startsOn: '2026-05-01', endsOn: '2026-05-31', currency: 'USD', targetAction: 'visit' })).body;
});
afterAll(() => harness.close());

const report = async (query: string) => {
  const response = await client.get(`/v1/reports/commercial?${query}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
};

describe('GET /v1/reports/commercial for one campaign', () => {
  it('lists the cost components: fees, paid spend and the production cost of the AI character\'s assets used', async () => {
    const body = await report(`campaignId=${spring.id}`);
    expect(body.currency).toBe('USD');
    expect(body.kpis.cost).toEqual({
      total: { amountMinor: 1_000_000, currency: 'USD' },
      components: [
        { kind: 'creator_fee', label: 'Creator fees', amount: { amountMinor: 400_000, currency: 'USD' }, items: 1 },
        { kind: 'agency_commission', label: 'Agency commission', amount: { amountMinor: 100_000, currency: 'USD' }, items: 1 },
        { kind: 'paid_spend', label: 'Paid spend of the paid posts', amount: { amountMinor: 300_000, currency: 'USD' }, items: 1 },
        { kind: 'production', label: "Production cost of the AI characters' assets used", amount: { amountMinor: 200_000, currency: 'USD' }, items: 2 },
      ],
      missing: [],
      splitRules: ['split in proportion to each source’s deliverables (posts) on the campaign'],
      notes: [],
    });
    expect(body.campaigns).toEqual([
      { id: spring.id, name: 'Spring launch', goal: 'sales', startsOn: '2026-03-01', endsOn: '2026-03-31', attributionWindowDays: 14, attributionWindow: { start: '2026-03-01', end: '2026-04-14' } },
    ]);
    expect(body.inputs).toEqual({
      posts: 4, paidPosts: 1, measuredPosts: 4, postsWithImpressions: 4, postsWithViews: 3,
      impressions: 400_000, views: 200_000, clicks: 5_000, sessions: 3_700, registrations: 1_000, targetActions: 200,
      // Survey answers naming Léa or Maya inside the attribution window: 40 + 10 (the June answers are after it).
      surveyAnswers: 50,
    });
  });

  it('gives every layer-3 KPI its exact value and tier', async () => {
    const { kpis } = await report(`campaignId=${spring.id}`);
    expect(kpis.cpm).toEqual({ value: 25, currency: 'USD' });
    expect(kpis.cpv).toMatchObject({ value: 0.05, tier: 'strong', currency: 'USD', tierUnavailable: null });
    expect(kpis.cpv.thresholds).toEqual({ source: 'default', direction: 'lower_is_better', average: 0.1, strong: 0.05, exceptional: 0.02, currency: 'USD' });
    expect(kpis.ctr).toMatchObject({ value: 1.25, tier: 'average', base: 'impressions' });
    expect(kpis.cpc).toMatchObject({ value: 2, tier: 'average', currency: 'USD' });
    expect(kpis.cpr).toEqual({ value: 10, currency: 'USD' });
    expect(kpis.cpa).toMatchObject({ value: 50, tier: 'strong' });
    expect(kpis.conversion_rate).toMatchObject({ value: 4, tier: 'strong' });
    expect(kpis.target_actions).toMatchObject({ value: 200, tier: 'strong' });
    expect(kpis.sales).toBe(130);
    expect(kpis.revenue).toEqual({ amountMinor: 1_600_000, currency: 'USD' });
    expect(kpis.roi).toMatchObject({ value: 60, tier: 'weak', currency: 'USD' });
  });

  it('shows the funnel with every step\'s rate and the biggest drop', async () => {
    const { funnel } = await report(`campaignId=${spring.id}`);
    expect(funnel.steps).toEqual([
      { step: 'views', count: 200_000, rate: null, overallRate: 100 },
      { step: 'clicks', count: 5_000, rate: 2.5, overallRate: 2.5 },
      { step: 'registrations', count: 1_000, rate: 20, overallRate: 0.5 },
      { step: 'target_actions', count: 200, rate: 20, overallRate: 0.1 },
    ]);
    expect(funnel.biggestDrop).toEqual({ from: 'views', to: 'clicks', rate: 2.5, drop: 97.5 });
  });

  it('says an ROI under 100 % made money but sits under the bar, and gives the verdict', async () => {
    const body = await report(`campaignId=${spring.id}`);
    const roi = body.insights.find((i: { kpiId: string }) => i.kpiId === 'roi');
    expect(roi.text).toBe('ROI of 60 % is weak: the campaign returned more than it cost, but under the usual 100 % bar; cut the weakest placements or costs and lift conversion before scaling.');
    expect(roi.text).not.toContain('break even');
    expect(body.insights.map((i: { kpiId: string }) => i.kpiId)).toEqual(['cpv', 'ctr', 'cpc', 'cpa', 'conversion_rate', 'target_actions', 'roi']);
    expect(body.verdict).toMatchObject({ verdict: 'learn_and_repeat', rule: 'mixed_results', decisive: ['roi', 'conversion_rate', 'cpa'] });
    expect(body.notes).toEqual([]);
  });

  it("rates with the workspace's own thresholds when it has them, and says so", async () => {
    await client.patch('/v1/workspace', { tierOverrides: { cpa: { average: 40, strong: 20, exceptional: 10 } } });
    try {
      const { kpis } = await report(`campaignId=${spring.id}`);
      expect(kpis.cpa).toMatchObject({ value: 50, tier: 'weak' });
      expect(kpis.cpa.thresholds).toMatchObject({ source: 'workspace', average: 40, currency: null });
    } finally {
      await client.patch('/v1/workspace', { tierOverrides: null });
    }
  });

  it('rates cost KPIs in another currency only with workspace thresholds: the USD defaults give no tier', async () => {
    const body = await report(`campaignId=${autumn.id}`);
    expect(body.currency).toBe('EUR');
    // 10,000 cents of fees over 10,000 views: EUR 0.01 per view.
    expect(body.kpis.cpv).toMatchObject({ value: 0.01, tier: null, currency: 'EUR' });
    expect(body.kpis.cpv.tierUnavailable).toContain('USD');
    expect(body.kpis.roi.value).toBeNull();
    // No impressions recorded: CPM is unknown and CTR would be over views, which the report says.
    expect(body.kpis.cpm.value).toBeNull();
    expect(body.kpis.ctr).toMatchObject({ value: null, base: 'views' });
    expect(body.notes).toContain('CTR is clicks over views: no snapshot in scope records impressions.');
    expect(body.insights.find((i: { kpiId: string }) => i.kpiId === 'roi').text).toBe('Not enough data to rate ROI yet.');
    expect(body.verdict.verdict).toBe('learn_and_repeat');
  });

  it('answers a campaign with nothing recorded with an unknown cost (not zero), the prompt, and null KPIs', async () => {
    const body = await report(`campaignId=${quiet.id}`);
    expect(body.kpis.cost.total).toBeNull();
    expect(body.kpis.cost.missing).toEqual([{ campaignId: quiet.id, campaignName: 'Quiet', sourceId: null, sourceName: null, prompt: expect.stringMatching(/^No cost recorded for Quiet: its budget is a plan, not a cost/) }]);
    expect(body.notes).toContain(body.kpis.cost.missing[0].prompt);
    expect(body.kpis.cpc.value).toBeNull();
    expect(body.kpis.target_actions).toMatchObject({ value: null, tier: null });
    expect(body.verdict.rule).toBe('not_enough_data');
  });
});

describe('scope', () => {
  it('answers a scope that mixes currencies in the reporting currency, each amount at its day\'s rate, and names a missing rate (422)', async () => {
    // The EUR campaign's 100.00 usage rights (2026-09-01) need a EUR → USD rate; none is recorded yet.
    const missing = await client.get('/v1/reports/commercial');
    expect(missing.status).toBe(422);
    expect(missing.body.code).toBe('fx_rate_missing');
    expect(missing.body.detail).toMatch(/^No exchange rate from EUR to USD for 2026-09-01/);

    // 1 EUR = 1.1 USD on Monday 31 August (the ECB publishes none at weekends): used for 1 September.
    expect((await client.post('/v1/fx-rates/bulk', { rates: [{ day: '2026-08-31', base: 'EUR', quote: 'USD', rate: '1.1' }] })).status).toBe(200);
    const body = await report('');
    expect(body.currency).toBe('USD');
    expect(body.fx).toEqual({ converted: true, ratesUsed: [{ day: '2026-08-31', base: 'EUR', quote: 'USD', rate: '1.1' }] });
    expect(body.kpis.cost.components.map((c: { kind: string; amount: { amountMinor: number; currency: string } }) => [c.kind, c.amount.amountMinor, c.amount.currency])).toEqual([
      ['creator_fee', 400_000, 'USD'], ['usage_rights', 11_000, 'USD'], ['agency_commission', 100_000, 'USD'], ['paid_spend', 300_000, 'USD'], ['production', 200_000, 'USD'],
    ]);
    // "Quiet" has nothing recorded, so the workspace-wide total stays unknown rather than understated.
    expect(body.kpis.cost.total).toBeNull();
    expect(body.kpis.cost.missing.map((m: { campaignName: string }) => m.campaignName)).toEqual(['Quiet']);

    // One currency in scope needs no conversion: March is Spring's (USD), September Autumn's (EUR).
    const known = await report('from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z');
    expect(known.fx).toEqual({ converted: false, ratesUsed: [] });
    const both = await report('from=2026-09-01T00:00:00Z&to=2026-10-01T00:00:00Z');
    expect(both.currency).toBe('EUR');
    expect(both.kpis.cost.total).toEqual({ amountMinor: 10_000, currency: 'EUR' });
  });

  it('keeps to the period: posts, snapshots and conversion days in it', async () => {
    const body = await report('from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z');
    expect(body.campaigns.map((c: { name: string }) => c.name)).toEqual(['Spring launch']);
    // The 2026-04-10 row is inside the window but after the period: 5,000 − 1,000 clicks.
    expect(body.inputs.clicks).toBe(4_000);
    expect(body.kpis.cost.total.amountMinor).toBe(1_000_000);
  });

  it("for one source kind, counts that kind's own cost lines and its parts of the shared ones", async () => {
    const body = await report(`campaignId=${spring.id}&sourceKind=ai_character`);
    // Léa's 3 of the 4 posts: 75,000 of the 100,000 commission; paid spend 300,000; production 200,000.
    expect(body.kpis.cost.total.amountMinor).toBe(575_000);
    expect(body.kpis.cost.components.map((c: { kind: string; amount: { amountMinor: number } }) => [c.kind, c.amount.amountMinor])).toEqual([
      ['agency_commission', 75_000], ['paid_spend', 300_000], ['production', 200_000],
    ]);
    expect(body.kpis.cost.splitRules).toEqual(['split in proportion to each source’s deliverables (posts) on the campaign']);
    // Clicks 3,000 + 1,000 through Léa's link; target actions 120 + 30 + 30.
    expect(body.inputs).toMatchObject({ posts: 3, clicks: 4_000, targetActions: 180, impressions: 380_000 });

    const human = await report(`sourceKind=human_creator&from=2026-03-01T00:00:00Z&to=2026-05-01T00:00:00Z`);
    // Maya's fee 400,000 and her 1-in-4 part of the commission; her organic vlog has no paid spend.
    expect(human.kpis.cost.total.amountMinor).toBe(425_000);
    expect(human.inputs).toMatchObject({ posts: 1, clicks: 1_000, views: null, impressions: 20_000 });
    // The vlog's snapshot knows impressions but not views: CTR = 1,000 / 20,000 × 100 over impressions.
    expect(human.kpis.ctr).toMatchObject({ value: 5, base: 'impressions' });
    expect(human.kpis.cpv.value).toBeNull();
    // CPC = 4,250.00 / 1,000 clicks.
    expect(human.kpis.cpc).toMatchObject({ value: 4.25, tier: 'weak' });
  });

  it('answers nulls, not zeros, for an empty scope', async () => {
    const body = await report('from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z');
    expect(body.campaigns).toEqual([]);
    expect(body.kpis.cost).toBeNull();
    for (const id of ['cpm', 'cpv', 'ctr', 'cpc', 'cpr', 'cpa', 'conversion_rate', 'target_actions', 'roi']) {
      expect(body.kpis[id].value, id).toBeNull();
    }
    expect(body.kpis.ctr.base).toBeNull();
    expect(body.kpis.sales).toBeNull();
    expect(body.kpis.revenue).toBeNull();
    expect(body.inputs).toMatchObject({ impressions: null, views: null, clicks: null, registrations: null, targetActions: null, surveyAnswers: null });
    expect(body.funnel.steps.map((s: { count: number | null }) => s.count)).toEqual([null, null, null, null]);
    expect(body.funnel.biggestDrop).toBeNull();
    expect(body.verdict).toBeNull();
    expect(body.insights.every((i: { text: string }) => i.text.startsWith('Not enough data'))).toBe(true);
  });

  it('refuses a campaign or source of another workspace (404)', async () => {
    const other = await harness.newWorkspace('Brand Other');
    const theirs = await other.admin.post('/v1/campaigns', { name: 'Theirs', goal: 'sales', startsOn: '2026-03-01', endsOn: '2026-03-31', currency: 'USD', targetAction: 'buy' });
    const response = await client.get(`/v1/reports/commercial?campaignId=${theirs.body.id}`);
    expect(response.status).toBe(404);
  });
});
