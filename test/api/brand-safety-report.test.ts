import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client } from '../support/api-harness.ts';

// Twelve UTC days of comments on an AI character's two posts, classified by hand (SQL, the job
// workers are not part of this test), with a negative spike on day 9. Per day, 25 comments:
// i 0–19 on post A, 20–24 on post B; i < neg(d) negative, the next 5 neutral, the rest positive;
// i = 24 flagged spam_scam every day; i = 0 flagged harassment + profanity on even days;
// every fifth comment names the character. 7 more comments on day 11 wait for classification.
const NEG = [2, 3, 2, 3, 2, 3, 2, 3, 2, 14, 3, 2];
const PER_DAY = 25;
const DAY_MS = 86_400_000;
const day0 = Math.floor(Date.now() / DAY_MS) * DAY_MS - 13 * DAY_MS;
const dayOf = (d: number) => new Date(day0 + d * DAY_MS).toISOString().slice(0, 10);
const at = (d: number, hour: number, minute = 0) => new Date(day0 + d * DAY_MS + hour * 3_600_000 + minute * 60_000).toISOString();

type Spec = { platformCommentId: string; post: 'A' | 'B'; postedAt: string; sentiment: 'positive' | 'neutral' | 'negative'; flags: string[]; mentions: boolean };

function specs(): Spec[] {
  return NEG.flatMap((neg, d) =>
    Array.from({ length: PER_DAY }, (_, i): Spec => ({
      platformCommentId: `d${d}-${i}`,
      post: i < 20 ? 'A' : 'B',
      postedAt: at(d, 10, i),
      sentiment: i < neg ? 'negative' : i < neg + 5 ? 'neutral' : 'positive',
      // A repeated flag on one result counts once.
      flags: i === 24 ? ['spam_scam'] : i === 0 && d % 2 === 0 ? ['harassment', 'profanity', 'profanity'] : [],
      mentions: i % 5 === 0,
    })),
  );
}

let harness: Awaited<ReturnType<typeof startTestApp>>;
let client: Client;
let postA: string;
let postB: string;
let characterId: string;
let campaignId: string;

const sql = (text: string, params: unknown[] = []) => harness.orm.em.getConnection().execute(text, params);

async function publishedPosts(c: Client, count: number) {
  const source = await c.post('/v1/sources', { kind: 'ai_character', name: 'Léa Nova', handles: { instagram: '@lea.nova' } });
  const campaign = await c.post('/v1/campaigns', { name: 'Launch', goal: 'awareness', startsOn: '2026-01-01', endsOn: '2026-12-31', currency: 'USD', targetAction: 'follow' });
  const approvedAt = at(-2, 0);
  const brief = await c.post('/v1/briefs', { campaignId: campaign.body.id, sourceId: source.body.id, title: 'Teaser', openedAt: approvedAt });
  const posts: string[] = [];
  for (let n = 0; n < count; n++) {
    const asset = await c.post('/v1/assets', { briefId: brief.body.id, title: `asset ${n}`, kind: 'image', tool: 'mj', currency: 'USD', productionHours: 1, draftedAt: approvedAt });
    await c.post(`/v1/assets/${asset.body.id}/submit`, { submittedAt: approvedAt });
    await c.post(`/v1/assets/${asset.body.id}/reviews`, { decision: 'approve', decidedAt: approvedAt });
    const published = await c.post(`/v1/assets/${asset.body.id}/publish`, { channel: 'instagram', url: `https://i.example/p/${n}`, aiLabelApplied: true, publishedAt: at(-1, 0) });
    expect(published.status).toBe(201);
    posts.push(published.body.post.id);
  }
  return { sourceId: source.body.id as string, campaignId: campaign.body.id as string, posts };
}

// Stores classifications as the workers would, with the given classified_at, and closes the tasks.
async function classify(workspaceId: string, rows: Array<{ platformCommentId: string; classifier: string; version: string; sentiment: string; flags: string[]; mentions: boolean; classifiedAt: string }>) {
  await sql(
    `insert into comment_classification (id, created_at, updated_at, workspace_id, comment_id, classifier, version, sentiment, score, flags, mentions_character, classified_at)
     select gen_random_uuid(), now(), now(), c.workspace_id, c.id, r.classifier, r.version, r.sentiment, 0.9,
            array(select jsonb_array_elements_text(r.flags)), r.mentions, r.classified_at
     from jsonb_to_recordset(?::jsonb) as r(platform_comment_id text, classifier text, version text, sentiment text, flags jsonb, mentions boolean, classified_at timestamptz)
     join comment c on c.platform_comment_id = r.platform_comment_id and c.workspace_id = ?`,
    [JSON.stringify(rows.map((r) => ({ platform_comment_id: r.platformCommentId, classifier: r.classifier, version: r.version, sentiment: r.sentiment, flags: r.flags, mentions: r.mentions, classified_at: r.classifiedAt }))), workspaceId],
  );
  await sql(`delete from classification_task t using comment c where c.id = t.comment_id and c.workspace_id = ? and c.platform_comment_id = any(?::text[])`, [workspaceId, `{${rows.map((r) => r.platformCommentId).join(',')}}`]);
}

beforeAll(async () => {
  harness = await startTestApp();
  client = harness.admin;
  const created = await publishedPosts(client, 2);
  [postA, postB] = created.posts as [string, string];
  characterId = created.sourceId;
  campaignId = created.campaignId;

  const all = specs();
  const waiting = Array.from({ length: 7 }, (_, k) => ({ postId: postA, platformCommentId: `w${k}`, authorHandle: '@late', text: 'still waiting', postedAt: at(11, 15, k) }));
  const bulk = await client.post('/v1/comments/bulk', {
    comments: [...all.map((s) => ({ postId: s.post === 'A' ? postA : postB, platformCommentId: s.platformCommentId, authorHandle: '@fan', text: `comment ${s.platformCommentId}`, postedAt: s.postedAt })), ...waiting],
  });
  expect(bulk.body).toEqual({ accepted: 307, duplicates: 0 });

  // The current classifier's results, except d3-10 which was classified again later by another
  // one; its older 0.9.0 result (negative, hate, no mention) must not count. Inserted newest first
  // so the order of rows cannot decide.
  const current = all.filter((s) => s.platformCommentId !== 'd3-10');
  const toRow = (s: Spec) => ({ platformCommentId: s.platformCommentId, classifier: 'offline', version: '1.0.0', sentiment: s.sentiment, flags: s.flags, mentions: s.mentions, classifiedAt: at(12, 0) });
  await classify(harness.workspaceId, [{ ...toRow(all.find((s) => s.platformCommentId === 'd3-10')!), classifier: 'openai', version: 'gpt-4.1-mini', classifiedAt: at(12, 6) }]);
  await classify(harness.workspaceId, [{ platformCommentId: 'd3-10', classifier: 'offline', version: '0.9.0', sentiment: 'negative', flags: ['hate'], mentions: false, classifiedAt: at(4, 0) }]);
  await classify(harness.workspaceId, current.map(toRow));

  // Another brand's negative, flagged comments in the same days must not show up.
  const other = await harness.newWorkspace('Brand B');
  const theirs = await publishedPosts(other.admin, 1);
  const foreign = Array.from({ length: 30 }, (_, i) => ({ postId: theirs.posts[0], platformCommentId: `b${i}`, authorHandle: '@troll', text: 'bad', postedAt: at(9, 12, i) }));
  expect((await other.admin.post('/v1/comments/bulk', { comments: foreign })).status).toBe(202);
  await classify(other.workspaceId, foreign.map((f) => ({ platformCommentId: f.platformCommentId, classifier: 'offline', version: '1.0.0', sentiment: 'negative', flags: ['hate'], mentions: true, classifiedAt: at(12, 0) })));
});
afterAll(() => harness.close());

const expectedDay = (d: number) => {
  const negative = NEG[d]!;
  const flagged = d % 2 === 0 ? 2 : 1;
  return { day: dayOf(d), classified: 25, positive: 20 - negative, neutral: 5, negative, flagged, positiveShare: (20 - negative) * 4, neutralShare: 20, negativeShare: negative * 4, flaggedShare: flagged * 4 };
};

describe('GET /v1/reports/brand-safety', () => {
  it('counts every comment in scope once, at its latest classification', async () => {
    const { status, body } = await client.get('/v1/reports/brand-safety');
    expect(status).toBe(200);
    // Negatives: 22 on days 0–8, 14 on day 9, 3 + 2 after: 41. Neutral 5 a day. Flagged: 12 spam
    // + 6 even days' harassment/profanity. Mentions: 5 a day.
    expect(body.totals).toEqual({ comments: 307, classified: 300, waiting: 7, positive: 199, neutral: 60, negative: 41, flagged: 18, mentioningCharacter: 60 });
    expect(body.kpis.sentiment_share).toEqual({ positive: expect.closeTo((199 / 300) * 100, 10), neutral: 20, negative: expect.closeTo((41 / 300) * 100, 10) });
    expect(body.kpis.flagged_comment_rate).toBe(6);
    expect(body.kpis.character_mention_rate).toBe(20);
    expect(body.flaggedByCategory).toEqual([
      { category: 'spam_scam', count: 12, rate: 4 },
      { category: 'profanity', count: 6, rate: 2 },
      { category: 'harassment', count: 6, rate: 2 },
      ...['hate', 'sexual', 'violence', 'self_harm', 'misinformation', 'competitor', 'controversial', 'ai_authenticity'].map((category) => ({ category, count: 0, rate: 0 })),
    ]);
    expect(body.classifierMix).toEqual([
      { classifier: 'offline', version: '1.0.0', count: 299 },
      { classifier: 'openai', version: 'gpt-4.1-mini', count: 1 },
    ]);
  });

  it('compares each headline share with the previous period of the same length (compare=previous)', async () => {
    // Days 6–11 hold day 9's spike; days 0–5 are quiet. Flagged: 2 on even days, 1 on odd, so 9 of 150 in both.
    const period = `from=${dayOf(6)}T00:00:00Z&to=${dayOf(12)}T00:00:00Z`;
    const [{ status, body }, now, before] = await Promise.all([
      client.get(`/v1/reports/brand-safety?${period}&compare=previous`),
      client.get(`/v1/reports/brand-safety?${period}`),
      client.get(`/v1/reports/brand-safety?from=${dayOf(0)}T00:00:00Z&to=${dayOf(6)}T00:00:00Z`),
    ]);
    expect(status).toBe(200);
    expect(body.previousPeriod).toMatchObject({ from: `${dayOf(0)}T00:00:00.000Z`, to: `${dayOf(6)}T00:00:00.000Z`, reason: null, refused: null });
    const changes = body.previousPeriod.changes;
    expect(changes.sentiment_negative).toMatchObject({ current: now.body.kpis.sentiment_share.negative, previous: before.body.kpis.sentiment_share.negative, measure: 'points', direction: 'up', reason: null });
    expect(changes.sentiment_negative.change).toBeCloseTo(now.body.kpis.sentiment_share.negative - before.body.kpis.sentiment_share.negative, 10);
    expect(changes.flagged_comment_rate).toEqual({ current: 6, previous: 6, currency: null, measure: 'points', change: 0, direction: 'flat', reason: null });
    expect(Object.keys(changes).sort()).toEqual(['character_mention_rate', 'flagged_comment_rate', 'sentiment_negative', 'sentiment_neutral', 'sentiment_positive']);
    // All time has no previous period: said once, no change invented.
    const allTime = await client.get('/v1/reports/brand-safety?compare=previous');
    expect(allTime.body.previousPeriod.reason).toBe('no_start');
    expect(allTime.body.previousPeriod.changes.flagged_comment_rate).toMatchObject({ change: null, reason: 'no_previous_period' });
  });

  it('gives the daily series and reports exactly the spike day', async () => {
    const { body } = await client.get('/v1/reports/brand-safety');
    expect(body.series).toEqual(NEG.map((_, d) => expectedDay(d)));
    // Day 9's baseline: days 2–8 at 8, 12, 8, 12, 8, 12, 8 %.
    const baseline = [8, 12, 8, 12, 8, 12, 8];
    const mean = 68 / 7;
    const sd = Math.sqrt(baseline.reduce((s, v) => s + (v - mean) ** 2, 0) / 6);
    expect(body.spikes).toEqual([
      { day: dayOf(9), metric: 'negative_share', share: 56, baselineMean: expect.closeTo(mean, 10), baselineSd: expect.closeTo(sd, 10), threshold: expect.closeTo(mean + 3 * sd, 10), comments: 25, baselineDays: 7 },
    ]);
    expect(body.spikeRule).toEqual({ baselineDays: 7, minBaselineDays: 3, minComments: 20, sdMultiplier: 3, sdFloor: 2, minRatio: 1.5 });
  });

  it('filters by post, character, campaign and source kind', async () => {
    // Post B holds i 20–24: all positive, one spam a day, one mention a day; no spike (5 < 20 comments).
    const b = (await client.get(`/v1/reports/brand-safety?postId=${postB}`)).body;
    expect(b.totals).toEqual({ comments: 60, classified: 60, waiting: 0, positive: 60, neutral: 0, negative: 0, flagged: 12, mentioningCharacter: 12 });
    expect(b.kpis).toEqual({ sentiment_share: { positive: 100, neutral: 0, negative: 0 }, flagged_comment_rate: 20, character_mention_rate: 20, reason: null });
    expect(b.flaggedByCategory[0]).toEqual({ category: 'spam_scam', count: 12, rate: 20 });
    expect(b.series).toHaveLength(12);
    expect(b.spikes).toEqual([]);

    const a = (await client.get(`/v1/reports/brand-safety?postId=${postA}`)).body;
    expect(a.totals).toMatchObject({ comments: 247, classified: 240, waiting: 7, negative: 41 });
    expect(a.spikes.map((s: { day: string }) => s.day)).toEqual([dayOf(9)]);

    for (const filter of [`sourceId=${characterId}`, `campaignId=${campaignId}`, 'sourceKind=ai_character']) {
      expect((await client.get(`/v1/reports/brand-safety?${filter}`)).body.totals.comments).toBe(307);
    }
    expect((await client.get('/v1/reports/brand-safety?sourceKind=studio')).body.totals.comments).toBe(0);
  });

  it('filters by the period on the comment\'s postedAt, which also limits the spike baseline', async () => {
    const { body } = await client.get(`/v1/reports/brand-safety?from=${at(9, 0)}&to=${at(10, 0)}`);
    expect(body.totals).toEqual({ comments: 25, classified: 25, waiting: 0, positive: 6, neutral: 5, negative: 14, flagged: 1, mentioningCharacter: 5 });
    expect(body.kpis.sentiment_share).toEqual({ positive: 24, neutral: 20, negative: 56 });
    expect(body.series).toEqual([expectedDay(9)]);
    expect(body.spikes).toEqual([]);

    // Days 3–11 with the postId filter together: day 9 still has 3 days of baseline before it.
    const later = (await client.get(`/v1/reports/brand-safety?postId=${postA}&from=${at(6, 0)}`)).body;
    expect(later.series.map((d: { day: string }) => d.day)).toEqual([6, 7, 8, 9, 10, 11].map(dayOf));
    expect(later.totals).toMatchObject({ comments: 127, classified: 120, waiting: 7 });
    expect(later.spikes).toEqual([expect.objectContaining({ day: dayOf(9), metric: 'negative_share', baselineDays: 3, comments: 20 })]);
  });

  it('answers nulls, not zeros, for a scope without classified comments', async () => {
    const { status, body } = await client.get('/v1/reports/brand-safety?from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z');
    expect(status).toBe(200);
    expect(body.totals).toEqual({ comments: 0, classified: 0, waiting: 0, positive: 0, neutral: 0, negative: 0, flagged: 0, mentioningCharacter: 0 });
    expect(body.kpis).toEqual({ sentiment_share: null, flagged_comment_rate: null, character_mention_rate: null, reason: expect.stringMatching(/No comments were collected for the posts in scope.*unknown \(not 0\)/) });
    expect(body.classificationCost).toEqual({ byClassifier: [], totalCostUsd: 0, unattributedComments: 0 });
    expect(body.flaggedByCategory).toHaveLength(11);
    expect(body.flaggedByCategory.every((c: { count: number; rate: number | null }) => c.count === 0 && c.rate === null)).toBe(true);
    expect(body.series).toEqual([]);
    expect(body.spikes).toEqual([]);
    expect(body.classifierMix).toEqual([]);

    // Only waiting comments: counted, but nothing to rate.
    const waiting = (await client.get(`/v1/reports/brand-safety?from=${at(11, 15)}`)).body;
    expect(waiting.totals).toMatchObject({ comments: 7, classified: 0, waiting: 7 });
    expect(waiting.kpis.sentiment_share).toBeNull();
    expect(waiting.kpis.reason).toMatch(/None of the 7 comments in scope is classified yet/);
  });

  it('lists the flagged comments themselves through GET /v1/comments?flagged=', async () => {
    const flagged = await client.get(`/v1/comments?postId=${postB}&flagged=true&limit=200`);
    expect(flagged.status).toBe(200);
    expect(flagged.body.items).toHaveLength(12);
    expect(flagged.body.items.every((c: { classification: { flags: string[] } }) => c.classification.flags.includes('spam_scam'))).toBe(true);
    expect((await client.get(`/v1/comments?postId=${postB}&flagged=false&limit=200`)).body.items).toHaveLength(48);
    expect((await client.get('/v1/comments?flagged=maybe')).status).toBe(400);
  });

  it('answers 404 for a post or character that is not this workspace\'s, and 400 for a malformed id', async () => {
    const missing = await client.get('/v1/reports/brand-safety?postId=00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('not_found');
    expect((await client.get('/v1/reports/brand-safety?sourceId=00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await client.get('/v1/reports/brand-safety?postId=nope')).status).toBe(400);
  });

  it('counts the classification cost of the comments in scope only: each comment its share of its batch', async () => {
    // Two paid batches: U1 classified 4 comments for 4,000 micros (1,000 each), two of them ours
    // (d3-10 on post A, d0-24 on post B); U2 classified 1 comment (d5-24 on post B) for 10,000.
    const usage = async (comments: number, costUsdMicros: number, promptTokens: number) =>
      ((await sql(
        `insert into classification_usage (id, created_at, updated_at, workspace_id, classifier, version, comments, prompt_tokens, completion_tokens, cost_usd_micros, requests, recorded_at)
         values (gen_random_uuid(), now(), now(), ?, 'openai', 'gpt-4.1-mini', ?, ?, 0, ?, 1, now()) returning id`,
        [harness.workspaceId, comments, promptTokens, costUsdMicros],
      )) as Array<{ id: string }>)[0]!.id;
    const u1 = await usage(4, 4_000, 400);
    const u2 = await usage(1, 10_000, 50);
    const old = { classifier: 'openai', version: 'gpt-4.1-mini', sentiment: 'neutral', flags: [], mentions: false, classifiedAt: at(1, 0) };
    await classify(harness.workspaceId, [{ ...old, platformCommentId: 'd0-24' }, { ...old, platformCommentId: 'd5-24' }]);
    const link = (usageId: string, ids: string[]) =>
      sql(`update comment_classification cc set usage_id = ? from comment c where c.id = cc.comment_id and c.workspace_id = ? and cc.classifier = 'openai' and c.platform_comment_id = any(?::text[])`, [usageId, harness.workspaceId, `{${ids.join(',')}}`]);
    await link(u1, ['d3-10', 'd0-24']);
    await link(u2, ['d5-24']);
    const openai = async (query: string) => {
      const { body } = await client.get(`/v1/reports/brand-safety${query}`);
      const row = body.classificationCost.byClassifier.find((r: { classifier: string }) => r.classifier === 'openai');
      return { comments: row?.comments ?? 0, costUsd: row?.costUsd ?? 0, promptTokens: row?.promptTokens ?? 0, total: body.classificationCost.totalCostUsd as number };
    };
    expect(await openai('')).toEqual({ comments: 3, costUsd: expect.closeTo(0.012, 9), promptTokens: 250, total: expect.closeTo(0.012, 9) });
    expect(await openai(`?sourceId=${characterId}`)).toMatchObject({ comments: 3, costUsd: expect.closeTo(0.012, 9) });
    expect(await openai(`?postId=${postA}`)).toEqual({ comments: 1, costUsd: expect.closeTo(0.001, 9), promptTokens: 100, total: expect.closeTo(0.001, 9) });
    expect(await openai(`?postId=${postB}`)).toMatchObject({ comments: 2, costUsd: expect.closeTo(0.011, 9), promptTokens: 150 });
    // The period is the comments' postedAt, as for every other figure: day 5 on holds d5-24 only.
    expect(await openai(`?from=${at(5, 0)}`)).toMatchObject({ comments: 1, costUsd: expect.closeTo(0.01, 9) });
    // A source kind with none of these comments has no classification cost.
    expect(await openai('?sourceKind=human_creator')).toEqual({ comments: 0, costUsd: 0, promptTokens: 0, total: 0 });
  });
});
