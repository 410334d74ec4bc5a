import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client } from '../support/api-harness.ts';

// A hand-built March 2026 for two sources, every number below worked out by hand.
//
// Sources: Léa Nova (ai_character), Max Rivera (human_creator).
// Campaigns: Spring 2026-03-01 → 03-20, keywords #LeaGlow and GlowKit; Summer 2026-03-10 → 03-31, no keywords.
// Posts (publishedAt UTC):
//   P1 Léa Spring 03-05 10:00   P2 Léa Spring 03-10 12:00   P3 Max Spring 03-12 09:00
//   P4 Max Spring 03-25 (never measured)   P5 Léa Spring 02-20 (before March)   P6 Léa Summer 03-15
// Metric snapshots (interactions = likes + comments + shares + saves):
//   P1 03-06: reach 2,000 impr 3,000 likes 100 comments 10 shares 5 saves 5 visits 10 clicks 2 follows 1 (120)
//   P1 03-20: reach 8,000 impr 12,000 likes 500 comments 50 shares 30 saves 20 visits 100 clicks 20 follows 10 (600)
//   P1 04-05: reach 9,000 impr 14,000 likes 900 comments 60 shares 35 saves 25 (after March)
//   P2 03-15: views 20,000 reach 15,000 impr 25,000 likes 900 comments 40 shares 40 saves 20 visits 50 follows 5 (1,000)
//   P3 03-14: impr 50,000 likes 1,300 comments 100 shares 200, no reach, saves, views or profile counters (1,600)
//   P5 03-02: reach 1,000 impr 1,500 likes 10
//   P6 03-16: views 5,000 reach 4,000 impr 6,000 likes 85 comments 20 shares 65 saves 230 visits 10 clicks 0 follows 0 (400)
// Followers: Léa 01-27 9,000 · 03-01 10,000 · 03-08 10,500 · 03-31 11,500 · 04-03 12,000
//            Max 01-27 39,500 · 03-01 40,000 · 03-31 41,000 · 04-10 41,700
// Comments (sentiment / names the character / flags):
//   c1 P1 "Love the #leaglow look" + yes · c2 P1 "glowkit and #LeaGlow both" + · c3 P1 "nice" =
//   c4 P2 "where is the GlowKit sold?" = · c5 P2 "so pretty @lea.nova" + yes · c6 P3 "#LEAGLOW" +
//   c7 P6 "#LeaGlow" − spam_scam · c8 P5 "#LeaGlow" (03-03) − · c9 P1 "#LeaGlow" posted 04-02 +
const MARCH = 'from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z';

let harness: Awaited<ReturnType<typeof startTestApp>>;
let client: Client;
let lea: string;
let max: string;
let spring: string;
let summer: string;
let foreignCampaign: string;
const post: Record<string, string> = {};

const sql = (text: string, params: unknown[] = []) => harness.orm.em.getConnection().execute(text, params);

// Briefs open, and their assets are made and approved, before the first post (P5, 02-20).
const APPROVED_AT = '2026-02-01T00:00:00Z';

async function publish(c: Client, briefId: string, name: string, publishedAt: string) {
  const asset = await c.post('/v1/assets', { briefId, title: name, kind: 'image', tool: 'mj', currency: 'USD', productionHours: 1, draftedAt: APPROVED_AT });
  await c.post(`/v1/assets/${asset.body.id}/submit`, { submittedAt: APPROVED_AT });
  await c.post(`/v1/assets/${asset.body.id}/reviews`, { decision: 'approve', decidedAt: APPROVED_AT });
  const published = await c.post(`/v1/assets/${asset.body.id}/publish`, { channel: 'instagram', url: `https://i.example/${name}`, aiLabelApplied: true, publishedAt });
  expect(published.status).toBe(201);
  return published.body.post.id as string;
}

async function brief(c: Client, campaignId: string, sourceId: string) {
  return (await c.post('/v1/briefs', { campaignId, sourceId, title: 'b', openedAt: APPROVED_AT })).body.id as string;
}

beforeAll(async () => {
  harness = await startTestApp();
  client = harness.admin;
  lea = (await client.post('/v1/sources', { kind: 'ai_character', name: 'Léa Nova', handles: { instagram: '@lea.nova' } })).body.id;
  max = (await client.post('/v1/sources', { kind: 'human_creator', name: 'Max Rivera' })).body.id;
  spring = (await client.post('/v1/campaigns', { name: 'Spring', goal: 'awareness', startsOn: '2026-03-01', endsOn: '2026-03-20', currency: 'USD', targetAction: 'follow', trackingKeywords: ['#LeaGlow', 'GlowKit'] })).body.id;
  summer = (await client.post('/v1/campaigns', { name: 'Summer', goal: 'engagement', startsOn: '2026-03-10', endsOn: '2026-03-31', currency: 'USD', targetAction: 'follow' })).body.id;
  const springLea = await brief(client, spring, lea);
  const springMax = await brief(client, spring, max);
  const summerLea = await brief(client, summer, lea);
  post.P1 = await publish(client, springLea, 'p1', '2026-03-05T10:00:00Z');
  post.P2 = await publish(client, springLea, 'p2', '2026-03-10T12:00:00Z');
  post.P3 = await publish(client, springMax, 'p3', '2026-03-12T09:00:00Z');
  post.P4 = await publish(client, springMax, 'p4', '2026-03-25T09:00:00Z');
  post.P5 = await publish(client, springLea, 'p5', '2026-02-20T09:00:00Z');
  post.P6 = await publish(client, summerLea, 'p6', '2026-03-15T09:00:00Z');

  const metrics = await client.post('/v1/metric-snapshots/bulk', {
    snapshots: [
      { postId: post.P1, capturedAt: '2026-03-06T10:00:00Z', reach: 2000, impressions: 3000, likes: 100, comments: 10, shares: 5, saves: 5, profileVisits: 10, linkClicks: 2, follows: 1 },
      { postId: post.P1, capturedAt: '2026-03-20T10:00:00Z', reach: 8000, impressions: 12000, likes: 500, comments: 50, shares: 30, saves: 20, profileVisits: 100, linkClicks: 20, follows: 10 },
      { postId: post.P1, capturedAt: '2026-04-05T10:00:00Z', reach: 9000, impressions: 14000, likes: 900, comments: 60, shares: 35, saves: 25 },
      { postId: post.P2, capturedAt: '2026-03-15T12:00:00Z', views: 20000, reach: 15000, impressions: 25000, likes: 900, comments: 40, shares: 40, saves: 20, profileVisits: 50, follows: 5 },
      { postId: post.P3, capturedAt: '2026-03-14T09:00:00Z', impressions: 50000, likes: 1300, comments: 100, shares: 200 },
      { postId: post.P5, capturedAt: '2026-03-02T09:00:00Z', reach: 1000, impressions: 1500, likes: 10 },
      { postId: post.P6, capturedAt: '2026-03-16T09:00:00Z', views: 5000, reach: 4000, impressions: 6000, likes: 85, comments: 20, shares: 65, saves: 230, profileVisits: 10, linkClicks: 0, follows: 0 },
    ],
  });
  expect(metrics.body).toEqual({ inserted: 7, updated: 0, unchanged: 0 });
  const followers = await client.post('/v1/follower-snapshots/bulk', {
    snapshots: [
      ...[['2026-01-27', 9000], ['2026-03-01', 10000], ['2026-03-08', 10500], ['2026-03-31', 11500], ['2026-04-03', 12000]].map(([date, n]) => ({ sourceId: lea, date, followers: n })),
      ...[['2026-01-27', 39500], ['2026-03-01', 40000], ['2026-03-31', 41000], ['2026-04-10', 41700]].map(([date, n]) => ({ sourceId: max, date, followers: n })),
    ],
  });
  expect(followers.body).toEqual({ inserted: 9, updated: 0, unchanged: 0 });

  const comments = [
    ['c1', 'P1', 'Love the #leaglow look', '2026-03-06T08:00:00Z', 'positive', true, []],
    ['c2', 'P1', 'glowkit and #LeaGlow both', '2026-03-06T09:00:00Z', 'positive', false, []],
    ['c3', 'P1', 'nice', '2026-03-07T09:00:00Z', 'neutral', false, []],
    ['c4', 'P2', 'where is the GlowKit sold?', '2026-03-11T09:00:00Z', 'neutral', false, []],
    ['c5', 'P2', 'so pretty @lea.nova', '2026-03-11T10:00:00Z', 'positive', true, []],
    ['c6', 'P3', '#LEAGLOW', '2026-03-13T09:00:00Z', 'positive', false, []],
    ['c7', 'P6', '#LeaGlow', '2026-03-16T09:00:00Z', 'negative', false, ['spam_scam']],
    ['c8', 'P5', '#LeaGlow', '2026-03-03T09:00:00Z', 'negative', false, []],
    ['c9', 'P1', '#LeaGlow', '2026-04-02T09:00:00Z', 'positive', false, []],
  ] as const;
  const accepted = await client.post('/v1/comments/bulk', {
    comments: comments.map(([id, p, text, postedAt]) => ({ postId: post[p], platformCommentId: id, authorHandle: '@fan', text, postedAt })),
  });
  expect(accepted.body).toEqual({ accepted: 9, duplicates: 0 });
  // Classified as the workers would (the job workers are not part of this test).
  await sql(
    `insert into comment_classification (id, created_at, updated_at, workspace_id, comment_id, classifier, version, sentiment, score, flags, mentions_character, classified_at)
     select gen_random_uuid(), now(), now(), c.workspace_id, c.id, 'offline', '1.0.0', r.sentiment, 0.9, array(select jsonb_array_elements_text(r.flags)), r.mentions, now()
     from jsonb_to_recordset(?::jsonb) as r(id text, sentiment text, flags jsonb, mentions boolean)
     join comment c on c.platform_comment_id = r.id and c.workspace_id = ?`,
    [JSON.stringify(comments.map(([id, , , , sentiment, mentions, flags]) => ({ id, sentiment, mentions, flags }))), harness.workspaceId],
  );

  // Another brand with a huge March post: none of it may reach these figures.
  const other = await harness.newWorkspace('Brand B');
  const theirSource = (await other.admin.post('/v1/sources', { kind: 'ai_character', name: 'Rival' })).body.id;
  foreignCampaign = (await other.admin.post('/v1/campaigns', { name: 'Spring', goal: 'awareness', startsOn: '2026-03-01', endsOn: '2026-03-20', currency: 'USD', targetAction: 'follow', trackingKeywords: ['#LeaGlow'] })).body.id;
  const theirPost = await publish(other.admin, await brief(other.admin, foreignCampaign, theirSource), 'b1', '2026-03-05T10:00:00Z');
  await other.admin.post('/v1/metric-snapshots/bulk', { snapshots: [{ postId: theirPost, capturedAt: '2026-03-06T10:00:00Z', reach: 1_000_000, impressions: 1_000_000, likes: 1_000_000, saves: 1_000_000 }] });
  await other.admin.post('/v1/follower-snapshots/bulk', { snapshots: [{ sourceId: theirSource, date: '2026-03-01', followers: 1 }] });
  await other.admin.post('/v1/comments/bulk', { comments: [{ postId: theirPost, platformCommentId: 'b1', text: '#LeaGlow', postedAt: '2026-03-06T10:00:00Z' }] });
});
afterAll(() => harness.close());

const defaultThresholds = (kpiId: string, average: number, strong: number, exceptional: number) => ({ kpiId, direction: 'higher_is_better', average, strong, exceptional, source: 'default', currency: null });

describe('GET /v1/reports/audience', () => {
  it('computes every layer-2 KPI over March from each post\'s latest snapshot in the period', async () => {
    const { status, body } = await client.get(`/v1/reports/audience?${MARCH}`);
    expect(status).toBe(200);
    // P1, P2, P3, P4, P6 published in March (P5 in February); P4 has no snapshot.
    expect(body.sample).toEqual({ posts: 5, withSnapshot: 4, withoutSnapshot: 1 });
    const k = body.kpis;
    // P1 at 03-20 (not 03-06, not 04-05): 8,000 + P2 15,000 + P6 4,000.
    expect(k.reach).toEqual({ value: 27_000, posts: 3 });
    expect(k.impressions).toEqual({ value: 12_000 + 25_000 + 50_000 + 6_000, posts: 4 });
    expect(k.views).toEqual({ value: 25_000, posts: 2 });
    // Interactions 600 + 1,000 + 1,600 + 400 = 3,600 over followers on each post's day:
    // P1 (03-05 → Léa 03-01) 10,000 + P2 (03-10 → 03-08) 10,500 + P3 (Max 03-01) 40,000 + P6 (03-15 → 03-08) 10,500 = 71,000.
    expect(k.engagement_rate).toMatchObject({ value: expect.closeTo((3_600 / 71_000) * 100, 10), tier: 'strong', posts: 4, interactions: 3_600, followers: 71_000, unreported: [], tierUnavailable: null });
    expect(k.engagement_rate.thresholds).toEqual(defaultThresholds('engagement_rate', 2, 4, 6));
    expect(k.engagement_rate.basis).toContain('on or before');
    // (1,000 + 400) / (20,000 + 5,000) × 100.
    expect(k.engagement_rate_by_views).toEqual({ value: 5.6, unreported: [], posts: 2, interactions: 1_400, views: 25_000 });
    // Saves 20 + 20 + 230 = 270 over reach 27,000; shares 30 + 40 + 65 = 135 (P3 has no reach: left out).
    expect(k.save_rate).toEqual({ value: 1, base: 'reach', posts: 3, count: 270, denominator: 27_000 });
    expect(k.share_rate).toEqual({ value: 0.5, base: 'reach', posts: 3, count: 135, denominator: 27_000 });
    // Visits 100 + 50 + 10, clicks 20 + 0, follows 10 + 5 + 0.
    expect(k.profile_actions).toEqual({ value: 195, unreported: [], posts: 3 });
    // Léa 10,000 → 11,500 (03-31; the 04-03 count is after March), Max 40,000 → 41,000: 52,500 / 50,000.
    expect(k.audience_growth_rate).toMatchObject({ value: 5, tier: 'average', followersBefore: 50_000, followersAfter: 52_500, startDay: '2026-03-01', endDay: '2026-03-31', sourcesWithoutData: 0 });
    expect(k.audience_growth_rate.thresholds).toEqual(defaultThresholds('audience_growth_rate', 3, 8, 15));
    expect(k.audience_growth_rate.sources).toEqual([
      { sourceId: lea, name: 'Léa Nova', followersBefore: 10_000, followersAfter: 11_500, value: 15 },
      { sourceId: max, name: 'Max Rivera', followersBefore: 40_000, followersAfter: 41_000, value: 2.5 },
    ]);
    // Spring's posts in scope P1–P4; c1, c2, c4, c6 name a keyword (c7 is on a Summer post, c8 on
    // P5, c9 after March): 4 / 4.
    expect(k.brand_mentions_per_post).toMatchObject({ value: 1, tier: 'weak', mentions: 4, posts: 4, reason: null });
    expect(k.brand_mentions_per_post.thresholds).toEqual(defaultThresholds('brand_mentions_per_post', 5, 15, 30));
    // Comments posted in March on any matching post (the brand-safety basis): c1–c8.
    expect(k.character_mention_rate).toEqual({ value: 25, mentioning: 2, classified: 8, comments: expect.any(Number), reason: null });
    expect(k.sentiment_share).toEqual({ positive: 50, neutral: 25, negative: 25, classified: 8, comments: expect.any(Number), reason: null });
    expect(k.flagged_comment_rate).toEqual({ value: 12.5, flagged: 1, classified: 8, comments: expect.any(Number), reason: null });
    expect(k.new_followers_lift).toMatchObject({ value: null, window: null, sources: [] });
    expect(k.new_followers_lift.reason).toContain('Select one campaign');
  });

  it('uses each post\'s latest snapshot captured in the period, whatever the period', async () => {
    // Only P1 is published before 03-10, and its latest snapshot before then is 03-06's:
    // 120 / 10,000 × 100 = 1.2.
    const early = (await client.get('/v1/reports/audience?from=2026-03-01T00:00:00Z&to=2026-03-10T00:00:00Z')).body;
    expect(early.sample).toEqual({ posts: 1, withSnapshot: 1, withoutSnapshot: 0 });
    expect(early.kpis.reach).toEqual({ value: 2_000, posts: 1 });
    expect(early.kpis.engagement_rate).toMatchObject({ value: 1.2, tier: 'weak', interactions: 120, followers: 10_000 });
    // No period: every post at its latest snapshot ever: P1 04-05 9,000 + P2 15,000 + P5 1,000 + P6 4,000.
    const all = (await client.get('/v1/reports/audience')).body;
    expect(all.sample).toEqual({ posts: 6, withSnapshot: 5, withoutSnapshot: 1 });
    expect(all.kpis.reach).toEqual({ value: 29_000, posts: 4 });
    // Growth without a period: each source's first and latest count: 9,000 → 12,000 and 39,500 → 41,700.
    expect(all.kpis.audience_growth_rate).toMatchObject({ followersBefore: 48_500, followersAfter: 53_700, startDay: null, endDay: null });
  });

  it('puts a value on a tier boundary in the better tier, with the workspace\'s thresholds when it has its own', async () => {
    // Max in March: P3 only, 1,600 / 40,000 × 100 = 4 exactly (strong starts at 4); growth 2.5 (weak).
    const maxOnly = (await client.get(`/v1/reports/audience?${MARCH}&sourceId=${max}`)).body;
    expect(maxOnly.kpis.engagement_rate).toMatchObject({ value: 4, tier: 'strong' });
    expect(maxOnly.kpis.audience_growth_rate).toMatchObject({ value: 2.5, tier: 'weak' });
    // P3 reports no reach and no saves: no save rate; its share rate falls back on impressions, 200 / 50,000.
    expect(maxOnly.kpis.save_rate).toEqual({ value: null, base: null, posts: 0, count: null, denominator: null });
    expect(maxOnly.kpis.share_rate).toEqual({ value: 0.4, base: 'impressions', posts: 1, count: 200, denominator: 50_000 });
    expect(maxOnly.kpis.profile_actions).toEqual({ value: null, unreported: ['profileVisits', 'linkClicks', 'follows'], posts: 0 });
    expect((await client.get(`/v1/reports/audience?${MARCH}&sourceKind=human_creator`)).body.kpis.engagement_rate.value).toBe(4);
    // Léa in March: 10,000 → 11,500 is 15 % exactly, where exceptional starts.
    const leaOnly = (await client.get(`/v1/reports/audience?${MARCH}&sourceId=${lea}`)).body;
    expect(leaOnly.kpis.audience_growth_rate).toMatchObject({ value: 15, tier: 'exceptional' });

    const patched = await client.patch('/v1/workspace', { tierOverrides: { engagement_rate: { average: 3, strong: 4.5, exceptional: 8 } } });
    expect(patched.status).toBe(200);
    const overridden = (await client.get(`/v1/reports/audience?${MARCH}&sourceId=${max}`)).body.kpis.engagement_rate;
    expect(overridden).toMatchObject({ value: 4, tier: 'average' });
    expect(overridden.thresholds).toEqual({ kpiId: 'engagement_rate', direction: 'higher_is_better', average: 3, strong: 4.5, exceptional: 8, source: 'workspace', currency: null });
    await client.patch('/v1/workspace', { tierOverrides: null });
  });

  it('measures new_followers_lift over one campaign\'s window + lag, per source, through the core function', async () => {
    // Spring: window 03-01 → 03-20 + 14 = 04-03 (33 days), baseline 01-27 → 03-01.
    // Léa: gain 12,000 − 10,000 = 2,000, baseline 10,000 − 9,000 = 1,000: lift 1,000.
    // Max: on 04-03, 41,000 + (41,700 − 41,000) × 3/10 = 41,210: gain 1,210, baseline 500: lift 710.
    const { body } = await client.get(`/v1/reports/audience?campaignId=${spring}`);
    expect(body.kpis.new_followers_lift).toEqual({
      value: 1_710,
      reason: null,
      lagDays: 14,
      window: { start: '2026-03-01', end: '2026-04-03' },
      baselineWindow: { start: '2026-01-27', end: '2026-03-01' },
      windowGain: 3_210,
      baselineGain: 1_500,
      sources: [
        { sourceId: lea, name: 'Léa Nova', value: 1_000, windowGain: 2_000, baselineGain: 1_000, missing: null },
        { sourceId: max, name: 'Max Rivera', value: 710, windowGain: 1_210, baselineGain: 500, missing: null },
      ],
    });
    // Spring, all time: P1–P5, mentions c1, c2, c4, c6, c8 and c9: 6 / 5.
    expect(body.kpis.brand_mentions_per_post).toMatchObject({ value: 1.2, mentions: 6, posts: 5 });
    const narrowed = (await client.get(`/v1/reports/audience?campaignId=${spring}&sourceId=${max}`)).body.kpis.new_followers_lift;
    expect(narrowed).toMatchObject({ value: 710, sources: [expect.objectContaining({ sourceId: max })] });
    const week = (await client.get(`/v1/reports/audience?campaignId=${spring}&lagDays=7`)).body.kpis.new_followers_lift;
    expect(week).toMatchObject({ lagDays: 7, window: { start: '2026-03-01', end: '2026-03-27' }, baselineWindow: { start: '2026-02-03', end: '2026-03-01' } });
    expect((await client.get(`/v1/reports/audience?campaignId=${spring}&lagDays=6`)).status).toBe(400);
  });

  it('says why a KPI is null: no follower count at the end of the window, no tracking keywords', async () => {
    // Summer: window 03-10 → 04-14; Léa's counts stop on 04-03.
    const { body } = await client.get(`/v1/reports/audience?campaignId=${summer}`);
    expect(body.kpis.new_followers_lift).toMatchObject({ value: null, window: { start: '2026-03-10', end: '2026-04-14' }, reason: 'Follower counts are missing: Léa Nova: No follower count on or around 2026-04-14.' });
    expect(body.kpis.brand_mentions_per_post).toMatchObject({ value: null, tier: null, mentions: null, posts: 0 });
    expect(body.kpis.brand_mentions_per_post.reason).toContain('Campaign "Summer" has no tracking keywords');
  });

  it('answers nulls, not zeros, for an empty scope', async () => {
    const { status, body } = await client.get('/v1/reports/audience?from=2025-01-01T00:00:00Z&to=2025-02-01T00:00:00Z');
    expect(status).toBe(200);
    expect(body.sample).toEqual({ posts: 0, withSnapshot: 0, withoutSnapshot: 0 });
    const k = body.kpis;
    expect(k.reach).toEqual({ value: null, posts: 0 });
    expect(k.views).toEqual({ value: null, posts: 0 });
    expect(k.engagement_rate).toMatchObject({ value: null, tier: null, interactions: null, followers: null, posts: 0 });
    expect(k.engagement_rate_by_views).toMatchObject({ value: null, interactions: null, views: null });
    expect(k.save_rate).toEqual({ value: null, base: null, posts: 0, count: null, denominator: null });
    expect(k.share_rate.value).toBeNull();
    expect(k.profile_actions.value).toBeNull();
    expect(k.audience_growth_rate).toMatchObject({ value: null, tier: null, followersBefore: null, followersAfter: null, sources: [] });
    expect(k.brand_mentions_per_post).toMatchObject({ value: null, tier: null, reason: 'No posts in scope.' });
    const noComments = expect.stringMatching(/No comments were collected for the posts in scope.*unknown \(not 0\)/);
    expect(k.character_mention_rate).toEqual({ value: null, mentioning: 0, classified: 0, comments: 0, reason: noComments });
    expect(k.sentiment_share).toEqual({ positive: null, neutral: null, negative: null, classified: 0, comments: 0, reason: noComments });
    expect(k.flagged_comment_rate).toEqual({ value: null, flagged: 0, classified: 0, comments: 0, reason: noComments });
  });

  it('counts brand mentions as unknown, not 0 and weak, when no comment was collected, and the verdict treats them as unknown', async () => {
    const source = await client.post('/v1/sources', { kind: 'ai_character', name: 'Quiet Nova', handles: { instagram: '@quiet.nova' } });
    const campaign = await client.post('/v1/campaigns', { name: 'Quiet launch', goal: 'awareness', startsOn: '2026-01-01', endsOn: '2026-12-31', currency: 'USD', targetAction: 'follow', trackingKeywords: ['quietbrand'] });
    expect(campaign.status).toBe(201);
    const brief = await client.post('/v1/briefs', { campaignId: campaign.body.id, sourceId: source.body.id, title: 'Teaser' });
    const asset = await client.post('/v1/assets', { briefId: brief.body.id, title: 'Quiet look', kind: 'image', tool: 'mj', currency: 'USD', productionHours: 1 });
    await client.post(`/v1/assets/${asset.body.id}/submit`);
    await client.post(`/v1/assets/${asset.body.id}/reviews`, { decision: 'approve' });
    expect((await client.post(`/v1/assets/${asset.body.id}/publish`, { channel: 'instagram', url: 'https://i.example/p/quiet', aiLabelApplied: true })).status).toBe(201);

    const { body } = await client.get(`/v1/reports/audience?campaignId=${campaign.body.id}`);
    expect(body.kpis.brand_mentions_per_post).toMatchObject({ value: null, tier: null, mentions: null, posts: 1, comments: 0 });
    expect(body.kpis.brand_mentions_per_post.reason).toMatch(/No comments were collected.*brand mentions per post is unknown \(not 0\)/);
    expect(body.kpis.sentiment_share.reason).toMatch(/No comments were collected/);

    // The campaign page: no weak brand mentions drive the awareness verdict.
    const report = (await client.get(`/v1/reports/campaign/${campaign.body.id}`)).body;
    expect(report.tieredKpis.find((kpi: { kpiId: string }) => kpi.kpiId === 'brand_mentions_per_post')).toMatchObject({ value: null, tier: null });
    expect(report.verdict.rule).not.toBe('creative_not_engaging');
    expect(report.verdict.reason).not.toContain('a awareness');
    expect(report.sentiment.reason).toMatch(/No comments were collected/);
  });

  it('answers 404 for another workspace\'s campaign or source, 400 for a malformed filter', async () => {
    const foreign = await client.get(`/v1/reports/audience?campaignId=${foreignCampaign}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('not_found');
    expect((await client.get('/v1/reports/audience?sourceId=00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await client.get('/v1/reports/audience?sourceKind=robot')).status).toBe(400);
  });
});
