import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client } from '../support/api-harness.ts';
import { approvedAsset, publishAsset } from './campaign-fixtures.ts';

/*
 * The "Spring launch" campaign of commercial-report.test.ts (sales, 2026-03-01 → 03-31, attribution
 * window 14 days, Maya's fee 4,000.00 and a 1,000.00 commission shared by deliverables, tracking
 * keyword #LeaSpring), with audience counters, followers,
 * comments and audience breakdowns added. Every figure below is worked out by hand.
 *
 * Commercial layer (unchanged from commercial-report.test.ts): cost 1,000,000 cents = lines 500,000
 * + paid spend 300,000 + production of Léa's two posted assets 200,000. CPM 25.00; CPV 0.05 strong;
 * CTR 1.25 % average; CPC 2.00 average; CPA 50.00 strong; conversion rate 4 % strong; target
 * actions 200 strong; ROI 60 % weak. Funnel 200,000 views → 5,000 → 1,000 → 200.
 *
 * Audience layer, latest snapshot of each post (03-25):
 *   hero organic   reach 100,000  likes 3,000 comments 200 shares 100 saves 100  (3,400)
 *   hero paid      reach  90,000  no interaction counters
 *   try-on         reach  70,000  likes 1,500 comments  50 shares  25 saves  25  (1,600)
 *   vlog (Maya)    no reach       likes   900 comments  60 shares  20 saves  20  (1,000)
 *   reach 260,000 (3 posts). Followers on the post's day: Léa 50,000 (03-01), Maya 20,000 (03-01).
 *   engagement rate = 6,000 / (50,000 + 50,000 + 20,000) × 100 = 5 %                    strong
 *   growth (no period: first → latest count) = (55,000 + 21,000 − 70,000) / 70,000 × 100  strong
 *   brand mentions per post: 2 comments name #LeaSpring over the 4 posts = 0.5           weak
 * Comments (4 classified): positive 2, neutral 1, negative 1 (flagged spam_scam).
 * Audience quality:
 *   country (posts' own breakdowns, each at its latest day): hero FR 50 DE 30 US 20 (03-20; its 03-10
 *   breakdown is older), try-on FR 70 BE 30 → over 2 posts: FR 60, BE 15, DE 15, US 10.
 *   language (no post has one, so the sources'): Léa fr 80 en 20, Maya en 100 → en 60, fr 40.
 * Production (all 4 assets of the campaign, all approved): cost 110,000 + 90,000 + 139,000
 *   (Léa's unposted asset: 99,000 + 10 h × 40.00) + 89,000 (Maya: 80,000 + 3 h × 30.00) = 428,000;
 *   per approved asset 107,000.
 * Verdict (sales: roi weak, conversion rate strong, cpa strong; CTR average) → learn_and_repeat, mixed_results.
 */

let harness: Awaited<ReturnType<typeof startTestApp>>;
let client: Client;
let spring: string;
let awareness: string;
let mixed: string;
let retro: string;
let lea: string;
let maya: string;
const post: Record<string, string> = {};

const sql = (text: string, params: unknown[] = []) => harness.orm.em.getConnection().execute(text, params);

type Counters = Partial<Record<'impressions' | 'views' | 'reach' | 'likes' | 'comments' | 'shares' | 'saves', number>>;
async function snapshot(postId: string, capturedAt: string, counters: Counters) {
  const response = await client.post('/v1/metric-snapshots/bulk', { snapshots: [{ postId, capturedAt, ...counters }] });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

async function comment(postId: string, id: string, text: string, sentiment: string, flags: string[], mentions: boolean, postedAt = '2026-03-20T10:00:00Z') {
  const accepted = await client.post('/v1/comments/bulk', { comments: [{ postId, platformCommentId: id, authorHandle: '@fan', text, postedAt }] });
  expect(accepted.body).toEqual({ accepted: 1, duplicates: 0 });
  // Classified as the workers would.
  await sql(
    `insert into comment_classification (id, created_at, updated_at, workspace_id, comment_id, classifier, version, sentiment, score, flags, mentions_character, classified_at)
     select gen_random_uuid(), now(), now(), c.workspace_id, c.id, 'offline', '1.0.0', ?, 0.9, ?::text[], ?, now() from comment c where c.platform_comment_id = ? and c.workspace_id = ?`,
    [sentiment, `{${flags.join(',')}}`, mentions, id, harness.workspaceId],
  );
}

beforeAll(async () => {
  harness = await startTestApp();
  client = harness.admin;
  await client.patch('/v1/workspace', { hourlyRateMinor: 3_000 });
  lea = (await client.post('/v1/sources', { kind: 'ai_character', name: 'Léa Nova', handles: { instagram: '@lea.nova' }, hourlyRateMinor: 4_000 })).body.id;
  maya = (await client.post('/v1/sources', { kind: 'human_creator', name: 'Maya Ortiz', handles: { youtube: '@maya' } })).body.id;
  spring = (await client.post('/v1/campaigns', { name: 'Spring launch', goal: 'sales', startsOn: '2026-03-01', endsOn: '2026-03-31', attributionWindowDays: 14, budgetMinor: 1_500_000, currency: 'USD', targetAction: 'purchase', trackingKeywords: ['#LeaSpring'] })).body.id;

  await client.post('/v1/cost-lines/bulk', { lines: [
    { campaignId: spring, sourceId: maya, kind: 'creator_fee', amountMinor: 400_000, currency: 'USD', incurredOn: '2026-03-01', status: 'spent' },
    { campaignId: spring, kind: 'agency_commission', amountMinor: 100_000, currency: 'USD', incurredOn: '2026-03-01', split: 'deliverables' },
  ] });
  const hero = await approvedAsset(client, spring, lea, 'USD', { generationCostMinor: 60_000, otherCostMinor: 40_000, productionHours: 2.5 });
  const tryOn = await approvedAsset(client, spring, lea, 'USD', { generationCostMinor: 50_000, otherCostMinor: 10_000, productionHours: 7.5 });
  await approvedAsset(client, spring, lea, 'USD', { generationCostMinor: 99_000, otherCostMinor: 0, productionHours: 10 });
  const vlog = await approvedAsset(client, spring, maya, 'USD', { generationCostMinor: 0, otherCostMinor: 80_000, productionHours: 3 });

  post.heroOrganic = await publishAsset(client, hero, 'instagram', '2026-03-05T10:00:00Z');
  post.heroPaid = await publishAsset(client, hero, 'instagram', '2026-03-06T10:00:00Z', 300_000);
  post.tryOn = await publishAsset(client, tryOn, 'tiktok', '2026-03-10T10:00:00Z');
  post.vlog = await publishAsset(client, vlog, 'youtube', '2026-03-12T10:00:00Z');
  await snapshot(post.heroOrganic, '2026-03-07T00:00:00Z', { impressions: 50_000, views: 20_000 });
  await snapshot(post.heroOrganic, '2026-03-25T00:00:00Z', { impressions: 160_000, views: 80_000, reach: 100_000, likes: 3_000, comments: 200, shares: 100, saves: 100 });
  await snapshot(post.heroPaid, '2026-03-25T00:00:00Z', { impressions: 120_000, views: 60_000, reach: 90_000 });
  await snapshot(post.tryOn, '2026-03-25T00:00:00Z', { impressions: 100_000, views: 60_000, reach: 70_000, likes: 1_500, comments: 50, shares: 25, saves: 25 });
  await snapshot(post.vlog, '2026-03-25T00:00:00Z', { impressions: 20_000, likes: 900, comments: 60, shares: 20, saves: 20 });
  await client.post('/v1/follower-snapshots/bulk', {
    snapshots: [
      { sourceId: lea, date: '2026-03-01', followers: 50_000 },
      { sourceId: lea, date: '2026-03-31', followers: 55_000 },
      { sourceId: maya, date: '2026-03-01', followers: 20_000 },
      { sourceId: maya, date: '2026-03-31', followers: 21_000 },
    ],
  });
  const breakdowns = await client.post('/v1/audience-breakdowns/bulk', {
    breakdowns: [
      { postId: post.heroOrganic, dimension: 'country', key: 'FR', share: 60, capturedOn: '2026-03-10' },
      { postId: post.heroOrganic, dimension: 'country', key: 'US', share: 40, capturedOn: '2026-03-10' },
      { postId: post.heroOrganic, dimension: 'country', key: 'FR', share: 50, capturedOn: '2026-03-20' },
      { postId: post.heroOrganic, dimension: 'country', key: 'DE', share: 30, capturedOn: '2026-03-20' },
      { postId: post.heroOrganic, dimension: 'country', key: 'US', share: 20, capturedOn: '2026-03-20' },
      { postId: post.tryOn, dimension: 'country', key: 'FR', share: 70, capturedOn: '2026-03-12' },
      { postId: post.tryOn, dimension: 'country', key: 'BE', share: 30, capturedOn: '2026-03-12' },
      { sourceId: lea, dimension: 'language', key: 'fr', share: 80, capturedOn: '2026-03-01' },
      { sourceId: lea, dimension: 'language', key: 'en', share: 20, capturedOn: '2026-03-01' },
      { sourceId: maya, dimension: 'language', key: 'en', share: 100, capturedOn: '2026-03-01' },
    ],
  });
  expect(breakdowns.status, JSON.stringify(breakdowns.body)).toBe(200);
  await comment(post.heroOrganic, 'c1', 'Love it #LeaSpring', 'positive', [], true);
  await comment(post.heroOrganic, 'c2', 'cheap pills here', 'negative', ['spam_scam'], false);
  await comment(post.tryOn, 'c3', '#leaspring so good', 'positive', [], true);
  await comment(post.vlog, 'c4', 'meh', 'neutral', [], false);

  const leaLink = (await client.post('/v1/tracking-links', { campaignId: spring, sourceId: lea, postId: post.heroPaid, landingUrl: 'https://shop.example/spring' })).body;
  const mayaLink = (await client.post('/v1/tracking-links', { campaignId: spring, sourceId: maya, postId: post.vlog, landingUrl: 'https://shop.example/spring' })).body;
  await client.post('/v1/offer-codes', { campaignId: spring, sourceId: lea, code: 'LEA-SPRING' });
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

  // An awareness campaign in April: one post, 100 likes over Léa's 55,000 followers (0.18 %, weak),
  // one comment naming #Lea over one post (1 mention per post, weak).
  awareness = (await client.post('/v1/campaigns', { name: 'Awareness push', goal: 'awareness', startsOn: '2026-04-01', endsOn: '2026-04-30', currency: 'USD', targetAction: 'follow', trackingKeywords: ['#Lea'] })).body.id;
  post.awareness = await publishAsset(client, await approvedAsset(client, awareness, lea, 'USD', { generationCostMinor: 0, otherCostMinor: 0, productionHours: 0 }), 'instagram', '2026-04-05T10:00:00Z');
  await snapshot(post.awareness, '2026-04-06T00:00:00Z', { reach: 9_000, impressions: 10_000, likes: 100 });
  await comment(post.awareness, 'c5', '#lea rocks', 'positive', [], true, '2026-04-06T10:00:00Z');

  // A USD campaign whose AI asset is costed in euros (the API refuses that today; older data may
  // hold it, so it is written directly): the commercial layer converts it, and needs a rate for it.
  mixed = (await client.post('/v1/campaigns', { name: 'Mixed', goal: 'traffic', startsOn: '2026-06-01', endsOn: '2026-06-30', currency: 'USD', targetAction: 'visit' })).body.id;
  const euroAsset = await approvedAsset(client, mixed, lea, 'USD', { generationCostMinor: 1_000, otherCostMinor: 0, productionHours: 0 });
  await publishAsset(client, euroAsset, 'instagram', '2026-06-05T10:00:00Z');
  await sql(`update asset set currency = 'EUR' where id = ?`, [euroAsset]);

  // A post logged as published before its brief opened: the production report refuses the timeline.
  // The API refuses such a history today; older data may hold it, so the brief's opening is moved
  // after the post directly.
  retro = (await client.post('/v1/campaigns', { name: 'Retro', goal: 'traffic', startsOn: '2026-05-01', endsOn: '2026-05-31', currency: 'USD', targetAction: 'visit' })).body.id;
  const retroAsset = await approvedAsset(client, retro, maya, 'USD', { generationCostMinor: 0, otherCostMinor: 1_000, productionHours: 0 }, '2026-05-01T00:00:00Z');
  await publishAsset(client, retroAsset, 'youtube', '2026-05-02T10:00:00Z');
  await sql(`update brief set opened_at = '2026-05-10T00:00:00Z' where id = (select brief_id from asset where id = ?)`, [retroAsset]);
});
afterAll(() => harness.close());

const report = async (id: string, query = '') => {
  const response = await client.get(`/v1/reports/campaign/${id}${query}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
};

describe('GET /v1/reports/campaign/{id}', () => {
  it('names the campaign and takes reach and engagement from its audience report', async () => {
    const body = await report(spring);
    expect(body.campaign).toEqual({
      id: spring,
      name: 'Spring launch',
      goal: 'sales',
      startsOn: '2026-03-01',
      endsOn: '2026-03-31',
      attributionWindowDays: 14,
      budget: { amountMinor: 1_500_000, currency: 'USD' },
      targetAction: 'purchase',
      trackingKeywords: ['#LeaSpring'],
    });
    expect(body.currency).toBe('USD');
    expect(body.reach.sample).toEqual({ posts: 4, withSnapshot: 4, withoutSnapshot: 0 });
    expect(body.reach.reach).toEqual({ value: 260_000, posts: 3 });
    expect(body.reach.impressions).toEqual({ value: 400_000, posts: 4 });
    expect(body.engagement.engagement_rate).toMatchObject({ value: 5, tier: 'strong', posts: 3, interactions: 6_000, followers: 120_000 });
    expect(body.engagement.audience_growth_rate).toMatchObject({ value: expect.closeTo((6_000 / 70_000) * 100, 10), tier: 'strong', followersBefore: 70_000, followersAfter: 76_000 });
    expect(body.engagement.brand_mentions_per_post).toMatchObject({ value: 0.5, tier: 'weak', mentions: 2, posts: 4 });
    expect(body.engagement.character_mention_rate).toEqual({ value: 50, mentioning: 2, classified: 4, comments: expect.any(Number), reason: null });

    // The same figures as the audience report itself.
    const audience = (await client.get(`/v1/reports/audience?campaignId=${spring}`)).body;
    expect(body.engagement.engagement_rate).toEqual(audience.kpis.engagement_rate);
    expect(body.reach.reach).toEqual(audience.kpis.reach);
  });

  it("shows audience quality from the posts' breakdowns, else their sources'", async () => {
    const body = await report(spring);
    expect(body.audienceQuality).toEqual({
      country: { basis: 'posts', subjects: 2, inScope: 4, shares: [{ key: 'FR', share: 60 }, { key: 'BE', share: 15 }, { key: 'DE', share: 15 }, { key: 'US', share: 10 }] },
      language: { basis: 'sources', subjects: 2, inScope: 2, shares: [{ key: 'en', share: 60 }, { key: 'fr', share: 40 }] },
    });
    // No breakdown for the awareness campaign's post: no country; Léa's own language breakdown.
    expect((await report(awareness)).audienceQuality).toEqual({ country: null, language: { basis: 'sources', subjects: 1, inScope: 1, shares: [{ key: 'fr', share: 80 }, { key: 'en', share: 20 }] } });
  });

  it('takes sentiment from the brand-safety report', async () => {
    const { sentiment } = await report(spring);
    expect(sentiment.totals).toMatchObject({ comments: 4, classified: 4, positive: 2, neutral: 1, negative: 1, flagged: 1, mentioningCharacter: 2 });
    expect(sentiment.sentiment_share).toEqual({ positive: 50, neutral: 25, negative: 25 });
    expect(sentiment.flagged_comment_rate).toBe(25);
    expect(sentiment.flaggedByCategory).toEqual([{ category: 'spam_scam', count: 1, rate: 25 }]);
  });

  it('takes production from the production report of the campaign', async () => {
    const { production, productionUnavailable } = await report(spring);
    expect(productionUnavailable).toBeNull();
    expect(production).toMatchObject({
      currency: 'USD',
      assets_in_scope: 4,
      approved_assets: 4,
      rejected_assets: 0,
      approval_rate: { value: 100, decided: 4 },
      production_cost: { total: { amountMinor: 428_000, currency: 'USD' } },
      cost_per_approved_asset: { amountMinor: 107_000, currency: 'USD' },
    });
  });

  it("still answers when the production report refuses the campaign's records, and says why", async () => {
    const body = await report(retro);
    expect(body.production).toBeNull();
    // The asset was approved before its post, so before the brief's (moved) opening too: the first step out of order is named.
    expect(body.productionUnavailable).toMatch(/approval is before its start/);
    expect(body.reach.sample.posts).toBe(1);
  });

  it('lists the cost components, the funnel and the commercial inputs of the commercial report', async () => {
    const body = await report(spring);
    expect(body.cost.total).toEqual({ amountMinor: 1_000_000, currency: 'USD' });
    expect(body.cost.components.map((c: { kind: string; amount: { amountMinor: number } }) => [c.kind, c.amount.amountMinor])).toEqual([['creator_fee', 400_000], ['agency_commission', 100_000], ['paid_spend', 300_000], ['production', 200_000]]);
    expect(body.funnel.steps.map((s: { step: string; count: number }) => [s.step, s.count])).toEqual([['views', 200_000], ['clicks', 5_000], ['registrations', 1_000], ['target_actions', 200]]);
    expect(body.funnel.biggestDrop).toEqual({ from: 'views', to: 'clicks', rate: 2.5, drop: 97.5 });
    expect(body.commerce.cpm).toEqual({ value: 25, currency: 'USD' });
    expect(body.commerce.cpr).toEqual({ value: 10, currency: 'USD' });
    expect(body.commerce.sales).toBe(130);
    expect(body.commerce.revenue).toEqual({ amountMinor: 1_600_000, currency: 'USD' });
  });

  it('rates every tiered KPI of both layers, with one insight each', async () => {
    const body = await report(spring);
    expect(body.tieredKpis.map((k: { kpiId: string; layer: string; value: number; tier: string; currency: string | null }) => [k.kpiId, k.layer, k.value, k.tier, k.currency])).toEqual([
      ['engagement_rate', 'audience', 5, 'strong', null],
      ['audience_growth_rate', 'audience', expect.closeTo(8.5714285714, 8), 'strong', null],
      ['brand_mentions_per_post', 'audience', 0.5, 'weak', null],
      ['cpv', 'commerce', 0.05, 'strong', 'USD'],
      ['ctr', 'commerce', 1.25, 'average', null],
      ['cpc', 'commerce', 2, 'average', 'USD'],
      ['cpa', 'commerce', 50, 'strong', 'USD'],
      ['conversion_rate', 'commerce', 4, 'strong', null],
      ['target_actions', 'commerce', 200, 'strong', null],
      ['roi', 'commerce', 60, 'weak', 'USD'],
    ]);
    expect(body.tieredKpis[0].thresholds).toEqual({ source: 'default', direction: 'higher_is_better', average: 2, strong: 4, exceptional: 6, currency: null });
    expect(body.tieredKpis[6].thresholds).toEqual({ source: 'default', direction: 'lower_is_better', average: 100, strong: 50, exceptional: 20, currency: 'USD' });
    expect(body.insights.map((i: { kpiId: string }) => i.kpiId)).toEqual(['engagement_rate', 'audience_growth_rate', 'brand_mentions_per_post', 'cpv', 'ctr', 'cpc', 'cpa', 'conversion_rate', 'target_actions', 'roi']);
    expect(body.insights[0].text).toBe('Engagement rate of 5 % is strong (4 % to 6 %): the audience actively interacts with the character; keep the format and test the best posts in paid placements to reach beyond followers.');
    expect(body.insights[9].text).toContain('ROI of 60 % is weak: the campaign returned more than it cost, but under the usual 100 % bar');
    // The commercial report's sentences for its own KPIs are the same.
    const commercial = (await client.get(`/v1/reports/commercial?campaignId=${spring}`)).body;
    expect(body.insights.slice(3)).toEqual(commercial.insights);
  });

  it('ends with the verdict and the rule that fired', async () => {
    const body = await report(spring);
    expect(body.verdict).toEqual({
      verdict: 'learn_and_repeat',
      rule: 'mixed_results',
      reason: expect.stringContaining('roi weak, conversion_rate strong, cpa strong'),
      decisive: ['roi', 'conversion_rate', 'cpa'],
    });
  });

  it('judges an awareness campaign on its audience tiers too (the commercial report alone has none to judge)', async () => {
    const body = await report(awareness);
    expect(body.tieredKpis.find((k: { kpiId: string }) => k.kpiId === 'engagement_rate')).toMatchObject({ value: expect.closeTo((100 / 55_000) * 100, 10), tier: 'weak' });
    expect(body.tieredKpis.find((k: { kpiId: string }) => k.kpiId === 'brand_mentions_per_post')).toMatchObject({ value: 1, tier: 'weak' });
    expect(body.verdict).toMatchObject({ verdict: 'fix_the_creative', rule: 'creative_not_engaging', decisive: ['brand_mentions_per_post'] });
    expect(body.verdict.reason).toContain('engagement rate is weak');
    expect((await client.get(`/v1/reports/commercial?campaignId=${awareness}`)).body.verdict).toMatchObject({ rule: 'not_enough_data' });
  });

  it('narrows to one source, and to a period, with the report filters', async () => {
    const onlyMaya = await report(spring, `?sourceId=${maya}`);
    expect(onlyMaya.reach.sample.posts).toBe(1);
    expect(onlyMaya.engagement.engagement_rate).toMatchObject({ value: 5, interactions: 1_000, followers: 20_000 });
    expect(onlyMaya.production).toMatchObject({ assets_in_scope: 1, production_cost: { total: { amountMinor: 89_000 } } });
    expect(onlyMaya.audienceQuality).toEqual({ country: null, language: { basis: 'sources', subjects: 1, inScope: 1, shares: [{ key: 'en', share: 100 }] } });
    expect(onlyMaya.scope).toMatchObject({ sourceId: maya, lagDays: 14 });
    // Before the try-on was posted: the hero posts only.
    const early = await report(spring, '?from=2026-03-01T00:00:00Z&to=2026-03-08T00:00:00Z');
    expect(early.reach.sample.posts).toBe(2);
  });

  it('names the exchange rate a campaign whose amounts mix currencies needs (422)', async () => {
    const response = await client.get(`/v1/reports/campaign/${mixed}`);
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('fx_rate_missing');
    // The asset's production cost is dated by the asset (created today).
    expect(response.body.detail).toContain(`No exchange rate from EUR to USD for ${new Date().toISOString().slice(0, 10)}`);
  });

  it('answers 404 for an unknown or foreign campaign and for a foreign source filter', async () => {
    expect((await client.get('/v1/reports/campaign/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const other = await harness.newWorkspace('Brand B');
    const theirs = (await other.admin.post('/v1/campaigns', { name: 'Theirs', goal: 'sales', startsOn: '2026-03-01', endsOn: '2026-03-31', currency: 'USD', targetAction: 'buy' })).body.id;
    const theirSource = (await other.admin.post('/v1/sources', { kind: 'studio', name: 'Their studio' })).body.id;
    const foreign = await client.get(`/v1/reports/campaign/${theirs}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('not_found');
    expect((await client.get(`/v1/reports/campaign/${spring}?sourceId=${theirSource}`)).status).toBe(404);
    expect((await other.admin.get(`/v1/reports/campaign/${spring}`)).status).toBe(404);
  });
});
