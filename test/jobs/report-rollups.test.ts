import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobRunner } from '@persona-ops/jobs/runner';
import { startTestApp, type Client } from '../support/api-harness.ts';

/*
 * The overview and the comparison read the rollups; the same requests with live=true compute
 * from every post and snapshot. On data built to catch the rollups' tricks (counters that appear
 * and disappear between a post's snapshots, periods that end between two snapshots of a post,
 * posts without a snapshot, paid and organic posts, two campaigns, three kinds of source), both
 * must give the same report. Then a write: the rollup report keeps the old figures and counts the
 * pending change until the refresh-rollups job (real worker, on Redis) has run.
 */

const redisUrl = inject('redisUrl');
let harness: Awaited<ReturnType<typeof startTestApp>>;
let client: Client;
let leaPost1: string;
let spring: string;

async function publishedAsset(campaignId: string, sourceId: string, publishedAt: string, paid: { spendMinor: number } | null, channel = 'instagram') {
  const brief = await client.post('/v1/briefs', { campaignId, sourceId, title: 'brief', openedAt: '2026-02-01T00:00:00Z' });
  const approvedAt = '2026-02-01T00:00:00Z';
  const asset = await client.post('/v1/assets', { briefId: brief.body.id, title: 'asset', kind: 'image', tool: 'gen', currency: 'USD', generationCostMinor: 2_000, otherCostMinor: 0, productionHours: 1, draftedAt: approvedAt });
  await client.post(`/v1/assets/${asset.body.id}/submit`, { submittedAt: approvedAt });
  await client.post(`/v1/assets/${asset.body.id}/reviews`, { decision: 'approve', decidedAt: approvedAt });
  const body = { channel, url: `https://i.example/${Math.random()}`, aiLabelApplied: channel !== 'tiktok', publishedAt };
  const response = paid
    ? await client.post(`/v1/assets/${asset.body.id}/paid-reuse`, { ...body, spendMinor: paid.spendMinor })
    : await client.post(`/v1/assets/${asset.body.id}/publish`, body);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.post.id as string;
}

beforeAll(async () => {
  harness = await startTestApp();
  client = harness.admin;
  await client.patch('/v1/workspace', { hourlyRateMinor: 3_000 });
  const lea = (await client.post('/v1/sources', { kind: 'ai_character', name: 'Léa Nova', launchedOn: '2026-03-01' })).body.id;
  const max = (await client.post('/v1/sources', { kind: 'human_creator', name: 'Max Rivera', launchedOn: '2026-03-02' })).body.id;
  const studio = (await client.post('/v1/sources', { kind: 'studio', name: 'Studio X' })).body.id;
  spring = (await client.post('/v1/campaigns', { name: 'Spring', goal: 'engagement', startsOn: '2026-03-01', endsOn: '2026-03-31', currency: 'USD', targetAction: 'visit' })).body.id;
  await client.post('/v1/cost-lines', { campaignId: spring, kind: 'agency_commission', amountMinor: 50_000, currency: 'USD', incurredOn: '2026-03-01', split: 'deliverables' });
  const summer = (await client.post('/v1/campaigns', { name: 'Summer', goal: 'traffic', startsOn: '2026-03-10', endsOn: '2026-04-30', currency: 'USD', targetAction: 'visit' })).body.id;

  leaPost1 = await publishedAsset(spring, lea, '2026-03-05T10:00:00Z', null);
  const leaPost2 = await publishedAsset(summer, lea, '2026-03-12T23:30:00Z', { spendMinor: 10_000 }, 'tiktok');
  const maxPost1 = await publishedAsset(spring, max, '2026-03-06T08:00:00Z', { spendMinor: 20_000 }, 'youtube');
  const maxPost2 = await publishedAsset(summer, max, '2026-03-20T12:00:00Z', null);
  await publishedAsset(summer, studio, '2026-03-21T12:00:00Z', null); // never measured
  const studioPost = await publishedAsset(spring, studio, '2026-03-07T00:00:00Z', null);

  const snapshots = await client.post('/v1/metric-snapshots/bulk', {
    snapshots: [
      // Reach first unknown, then known; saves known, then unknown (the latest decides).
      { postId: leaPost1, capturedAt: '2026-03-06T00:00:00Z', impressions: 5_000, likes: 100, saves: 10 },
      { postId: leaPost1, capturedAt: '2026-03-09T12:00:00Z', reach: 8_000, impressions: 12_000, likes: 300, comments: 20, shares: 5 },
      { postId: leaPost1, capturedAt: '2026-03-15T00:00:00Z', reach: 10_000, impressions: 20_000, likes: 400, comments: 50, shares: 30, saves: 20, views: 9_000 },
      { postId: leaPost2, capturedAt: '2026-03-13T01:00:00Z', views: 3_000, likes: 90 },
      { postId: leaPost2, capturedAt: '2026-03-18T01:00:00Z', views: 7_000, reach: 6_000, likes: 200, shares: 12, profileVisits: 40 },
      { postId: maxPost1, capturedAt: '2026-03-07T00:00:00Z', reach: 20_000, impressions: 25_000, views: 18_000, likes: 500, comments: 80, shares: 40, saves: 30 },
      { postId: maxPost1, capturedAt: '2026-03-25T00:00:00Z', reach: 30_000, impressions: 40_000, views: 30_000, likes: 600, comments: 100, shares: 50, saves: 50, linkClicks: 70 },
      { postId: maxPost2, capturedAt: '2026-03-21T00:00:00Z', reach: 4_000, follows: 12 },
      { postId: studioPost, capturedAt: '2026-03-08T00:00:00Z', impressions: 900, likes: 9 },
    ],
  });
  expect(snapshots.status, JSON.stringify(snapshots.body)).toBe(200);
  await client.post('/v1/follower-snapshots/bulk', {
    snapshots: [
      { sourceId: lea, date: '2026-03-01', followers: 10_000 },
      { sourceId: lea, date: '2026-03-10', followers: 10_600 },
      { sourceId: lea, date: '2026-03-31', followers: 11_000 },
      { sourceId: max, date: '2026-03-01', followers: 40_000 },
      { sourceId: max, date: '2026-03-31', followers: 42_000 },
    ],
  });
  const leaLink = (await client.post('/v1/tracking-links', { campaignId: spring, sourceId: lea, postId: leaPost1, landingUrl: 'https://shop.example/' })).body.id;
  const maxLink = (await client.post('/v1/tracking-links', { campaignId: summer, sourceId: max, postId: maxPost2, landingUrl: 'https://shop.example/' })).body.id;
  await client.post('/v1/conversions/bulk', {
    counts: [
      { linkId: leaLink, day: '2026-03-10', clicks: 400, targetActions: 20, sales: 10, revenueMinor: 52_000, currency: 'USD' },
      { linkId: maxLink, day: '2026-03-22', clicks: 200, targetActions: 4, sales: 2, revenueMinor: 10_000, currency: 'USD' },
    ],
  });
  // Comments on several sources' posts, some naming Spring's keyword, classified as the workers
  // would (SQL): the comparison reads them for every source at once, the live path per source.
  expect((await client.patch(`/v1/campaigns/${spring}`, { trackingKeywords: ['GlowKit'] })).status).toBe(200);
  const comments = [
    ['r1', leaPost1, 'love the #glowkit', '2026-03-05T12:00:00Z', 'positive', true],
    ['r2', leaPost1, 'meh', '2026-03-08T12:00:00Z', 'negative', false],
    ['r3', leaPost1, 'GlowKit again', '2026-03-20T12:00:00Z', 'neutral', false],
    ['r4', maxPost1, 'glowkit where?', '2026-03-06T09:00:00Z', 'positive', false],
    ['r5', maxPost1, 'no', '2026-03-12T09:00:00Z', 'negative', true],
    ['r6', studioPost, 'nice', '2026-03-07T01:00:00Z', 'positive', false],
    ['r7', maxPost2, 'unclassified glowkit', '2026-03-21T01:00:00Z', null, false],
  ] as const;
  const accepted = await client.post('/v1/comments/bulk', {
    comments: comments.map(([id, postId, text, postedAt]) => ({ postId, platformCommentId: id, authorHandle: '@fan', text, postedAt })),
  });
  expect(accepted.body).toEqual({ accepted: comments.length, duplicates: 0 });
  await harness.orm.em.getConnection().execute(
    `insert into comment_classification (id, created_at, updated_at, workspace_id, comment_id, classifier, version, sentiment, score, flags, mentions_character, classified_at)
     select gen_random_uuid(), now(), now(), c.workspace_id, c.id, 'offline', '1.0.0', r.sentiment, 0.9, '{}', r.mentions, now()
     from jsonb_to_recordset(?::jsonb) as r(id text, sentiment text, mentions boolean)
     join comment c on c.platform_comment_id = r.id and c.workspace_id = ?`,
    [JSON.stringify(comments.filter((c) => c[4] !== null).map(([id, , , , sentiment, mentions]) => ({ id, sentiment, mentions }))), harness.workspaceId],
  );
});
afterAll(() => harness?.close());

// A report without what differs by construction between the two bases: the freshness block and
// the echoed live flag.
async function report(url: string) {
  const response = await client.get(url);
  expect(response.status, `${url}: ${JSON.stringify(response.body)}`).toBe(200);
  const { freshness, scope, ...rest } = response.body;
  const { live: _, ...filters } = scope;
  return { freshness, figures: { ...rest, scope: filters } };
}
const withLive = (url: string) => `${url}${url.includes('?') ? '&' : '?'}live=true`;

const requests = [
  '/v1/reports/overview',
  '/v1/reports/overview?from=2026-03-01T00:00:00Z&to=2026-03-10T00:00:00Z',
  '/v1/reports/overview?from=2026-03-06T00:00:00Z&to=2026-03-16T00:00:00Z',
  '/v1/reports/overview?to=2026-03-13T00:00:00Z',
  '/v1/reports/overview?campaignId=CAMPAIGN',
  '/v1/reports/comparison?windowDays=10&asOf=2026-04-01',
  '/v1/reports/comparison?windowDays=20&asOf=2026-04-01&goal=awareness',
  '/v1/reports/comparison?windowDays=14&asOf=2026-04-01&goal=engagement&campaignId=CAMPAIGN',
  '/v1/reports/comparison?windowDays=30&asOf=2026-05-01&goal=sales',
  // Brand mentions and sentiment of several sources' comments (awareness and engagement decide on them).
  '/v1/reports/comparison?windowDays=30&asOf=2026-05-01&goal=awareness',
  '/v1/reports/comparison?windowDays=30&asOf=2026-05-01',
  '/v1/reports/comparison?windowDays=30&asOf=2026-05-01&goal=engagement&campaignId=CAMPAIGN',
];

describe('reports on the rollups', () => {
  it('builds the rollups on first use and answers from them, fresh', async () => {
    const { freshness } = await report('/v1/reports/overview');
    expect(freshness).toMatchObject({ basis: 'rollup', pendingChanges: 0 });
    expect(Date.parse(freshness.refreshedAt)).not.toBeNaN();
  });

  it.each(requests)('gives the live figures exactly: %s', async (template) => {
    const url = template.replace('CAMPAIGN', spring);
    const rolled = await report(url);
    const live = await report(withLive(url));
    expect(rolled.freshness.basis).toBe('rollup');
    expect(live.freshness).toMatchObject({ basis: 'live', pendingChanges: 0, refreshedAt: null });
    expect(rolled.figures).toEqual(live.figures);
  });

  it('compares several sources with comments, brand mentions and sentiment, as live', async () => {
    const { freshness, figures } = await report('/v1/reports/comparison?windowDays=30&asOf=2026-05-01&goal=awareness');
    expect(freshness.basis).toBe('rollup');
    const kpi = (name: string, kpiId: string) => figures.sources.find((s: { name: string }) => s.name === name).kpis.find((k: { kpiId: string }) => k.kpiId === kpiId);
    // Léa's window [03-01, 03-31): 2 of her 3 comments name Spring's keyword, all 3 classified; Max: 2 of 3 classified.
    expect(kpi('Léa Nova', 'brand_mentions_per_post').sample).toEqual({ mentions: 2, posts: 1 });
    expect(kpi('Léa Nova', 'sentiment').sample).toEqual({ classified: 3 });
    expect(kpi('Max Rivera', 'sentiment').sample).toEqual({ classified: 2 });
    expect(figures.sources.filter((s: { status: string }) => s.status === 'aligned').length).toBeGreaterThan(1);
  });

  it('computes live, and says so, when the period cuts a UTC day', async () => {
    const { freshness } = await report('/v1/reports/overview?from=2026-03-06T12:00:00Z&to=2026-03-16T00:00:00Z');
    expect(freshness.basis).toBe('live');
    expect(freshness.note).toMatch(/UTC midnight/);
  });
});

describe.skipIf(!redisUrl)('refresh-rollups job', () => {
  it('shows a write as pending until the job has refreshed the rollups, then in the figures', async () => {
    const before = await report('/v1/reports/overview');
    const written = await client.post('/v1/metric-snapshots/bulk', { snapshots: [{ postId: leaPost1, capturedAt: '2026-03-28T00:00:00Z', reach: 15_000, impressions: 26_000, likes: 700 }] });
    expect(written.body).toEqual({ inserted: 1, updated: 0, unchanged: 0 });

    const pending = await report('/v1/reports/overview');
    expect(pending.freshness).toMatchObject({ basis: 'rollup', pendingChanges: 1, refreshedAt: before.freshness.refreshedAt });
    expect(pending.figures).toEqual(before.figures);
    const live = await report('/v1/reports/overview?live=true');
    expect(live.figures).not.toEqual(before.figures);

    const runner = await startJobRunner({
      orm: harness.orm,
      connection: { kind: 'redis', url: redisUrl!, namespace: `test-${randomBytes(5).toString('hex')}` },
      classifier: { version: 'none', classify: async () => [] } as never,
      classifierVersions: ['none'],
      rollupRefreshDelayMs: 100,
      concurrency: 1,
    });
    try {
      const deadline = Date.now() + 20_000;
      let fresh = await report('/v1/reports/overview');
      while (fresh.freshness.pendingChanges > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        fresh = await report('/v1/reports/overview');
      }
      expect(fresh.freshness.pendingChanges).toBe(0);
      expect(Date.parse(fresh.freshness.refreshedAt)).toBeGreaterThan(Date.parse(before.freshness.refreshedAt));
      expect(fresh.figures).toEqual(live.figures);
      const ai = fresh.figures.kinds.find((k: { sourceKind: string }) => k.sourceKind === 'ai_character');
      expect(ai.audience.reach.value).toBe(15_000 + 6_000);
      for (const template of requests) {
        const url = template.replace('CAMPAIGN', spring);
        expect((await report(url)).figures, url).toEqual((await report(withLive(url))).figures);
      }
    } finally {
      await runner.close();
    }
  });
});
