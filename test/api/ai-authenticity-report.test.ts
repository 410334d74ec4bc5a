import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client } from '../support/api-harness.ts';

// The brand-safety report's ai_authenticity section: two posts of an AI character, one published
// with the platform's AI label and one without, comments classified by hand (SQL; the workers are
// not part of this test) on two UTC days, and another brand's flagged comments that must not count.
const DAY_MS = 86_400_000;
const day0 = Math.floor(Date.now() / DAY_MS) * DAY_MS - 5 * DAY_MS;
const at = (d: number, minute: number) => new Date(day0 + d * DAY_MS + 10 * 3_600_000 + minute * 60_000).toISOString();
const dayOf = (d: number) => new Date(day0 + d * DAY_MS).toISOString().slice(0, 10);

let harness: Awaited<ReturnType<typeof startTestApp>>;
let client: Client;
let labelled: string;
let unlabelled: string;
let otherPost: string;

const sql = (text: string, params: unknown[] = []) => harness.orm.em.getConnection().execute(text, params);

async function publish(c: Client, labels: boolean[]): Promise<string[]> {
  const source = await c.post('/v1/sources', { kind: 'ai_character', name: 'Léa Nova', handles: { instagram: '@lea.nova' } });
  const campaign = await c.post('/v1/campaigns', { name: 'Launch', goal: 'awareness', startsOn: '2026-01-01', endsOn: '2026-12-31', currency: 'USD', targetAction: 'follow' });
  const approvedAt = at(-2, 0);
  const brief = await c.post('/v1/briefs', { campaignId: campaign.body.id, sourceId: source.body.id, title: 'Teaser', openedAt: approvedAt });
  const posts: string[] = [];
  for (const [n, aiLabelApplied] of labels.entries()) {
    const asset = await c.post('/v1/assets', { briefId: brief.body.id, title: `asset ${n}`, kind: 'image', tool: 'mj', currency: 'USD', productionHours: 1, draftedAt: approvedAt });
    await c.post(`/v1/assets/${asset.body.id}/submit`, { submittedAt: approvedAt });
    await c.post(`/v1/assets/${asset.body.id}/reviews`, { decision: 'approve', decidedAt: approvedAt });
    const published = await c.post(`/v1/assets/${asset.body.id}/publish`, { channel: 'instagram', url: `https://i.example/p/${n}`, aiLabelApplied, publishedAt: at(-1, 0) });
    expect(published.status).toBe(201);
    posts.push(published.body.post.id);
  }
  return posts;
}

/** Comments on a post, classified with the given flags (one comment per entry). */
async function commentsWith(c: Client, workspaceId: string, postId: string, prefix: string, day: number, flags: string[][]) {
  const comments = flags.map((_, i) => ({ postId, platformCommentId: `${prefix}${i}`, authorHandle: '@fan', text: `comment ${i}`, postedAt: at(day, i) }));
  expect((await c.post('/v1/comments/bulk', { comments })).status).toBe(202);
  await sql(
    `insert into comment_classification (id, created_at, updated_at, workspace_id, comment_id, classifier, version, sentiment, score, flags, mentions_character, classified_at)
     select gen_random_uuid(), now(), now(), c.workspace_id, c.id, 'offline', '1.0.0', 'negative', 0.9, array(select jsonb_array_elements_text(r.flags)), false, now()
     from jsonb_to_recordset(?::jsonb) as r(platform_comment_id text, flags jsonb)
     join comment c on c.platform_comment_id = r.platform_comment_id and c.workspace_id = ?`,
    [JSON.stringify(comments.map((comment, i) => ({ platform_comment_id: comment.platformCommentId, flags: flags[i] }))), workspaceId],
  );
}

const times = (n: number, flags: string[]) => Array.from({ length: n }, () => flags);

beforeAll(async () => {
  harness = await startTestApp();
  client = harness.admin;
  [labelled, unlabelled] = (await publish(client, [true, false])) as [string, string];
  // labelled: day 0, 10 comments, 1 flagged; day 1, 10 comments, 1 flagged (plus profanity)
  await commentsWith(client, harness.workspaceId, labelled, 'l0-', 0, [...times(1, ['ai_authenticity']), ...times(9, [])]);
  await commentsWith(client, harness.workspaceId, labelled, 'l1-', 1, [['profanity', 'ai_authenticity'], ...times(9, [])]);
  // unlabelled: day 1, 8 comments, 4 flagged
  await commentsWith(client, harness.workspaceId, unlabelled, 'u1-', 1, [...times(4, ['ai_authenticity']), ...times(4, ['spam_scam'])]);

  const other = await harness.newWorkspace('Brand B');
  [otherPost] = (await publish(other.admin, [false])) as [string];
  await commentsWith(other.admin, other.workspaceId, otherPost, 'b-', 1, times(20, ['ai_authenticity']));
});
afterAll(() => harness.close());

describe('GET /v1/reports/brand-safety: ai_authenticity', () => {
  it('gives each post its rate and daily trend next to its AI-disclosure label, the highest rate first', async () => {
    const { status, body } = await client.get('/v1/reports/brand-safety');
    expect(status).toBe(200);
    const { byPost } = body.aiAuthenticity;
    expect(byPost.map((p: { postId: string; aiLabelApplied: boolean; classified: number; flagged: number; rate: number }) => [p.postId, p.aiLabelApplied, p.classified, p.flagged, p.rate])).toEqual([
      [unlabelled, false, 8, 4, 50],
      [labelled, true, 20, 2, 10],
    ]);
    expect(byPost[1].series).toEqual([
      { day: dayOf(0), classified: 10, flagged: 1, rate: 10 },
      { day: dayOf(1), classified: 10, flagged: 1, rate: 10 },
    ]);
    expect(byPost[0]).toMatchObject({ channel: 'instagram', url: 'https://i.example/p/1', publishedAt: at(-1, 0) });
    expect(body.flaggedByCategory).toContainEqual({ category: 'ai_authenticity', count: 6, rate: expect.closeTo((6 / 28) * 100, 10) });
  });

  it('sums posts with and without the AI label, each with its trend', async () => {
    const { body } = await client.get('/v1/reports/brand-safety');
    expect(body.aiAuthenticity.labelled).toEqual({ posts: 1, classified: 20, flagged: 2, rate: 10, series: [
      { day: dayOf(0), classified: 10, flagged: 1, rate: 10 },
      { day: dayOf(1), classified: 10, flagged: 1, rate: 10 },
    ] });
    expect(body.aiAuthenticity.unlabelled).toEqual({ posts: 1, classified: 8, flagged: 4, rate: 50, series: [{ day: dayOf(1), classified: 8, flagged: 4, rate: 50 }] });
  });

  it('follows the report filters, and shows nothing rather than 0 % when nothing is in scope', async () => {
    const onePost = await client.get(`/v1/reports/brand-safety?postId=${labelled}`);
    expect(onePost.body.aiAuthenticity.byPost.map((p: { postId: string }) => p.postId)).toEqual([labelled]);
    const empty = await client.get(`/v1/reports/brand-safety?from=${dayOf(3)}T00:00:00Z`);
    expect(empty.status).toBe(200);
    expect(empty.body.aiAuthenticity).toEqual({
      byPost: [],
      labelled: { posts: 0, classified: 0, flagged: 0, rate: null, series: [] },
      unlabelled: { posts: 0, classified: 0, flagged: 0, rate: null, series: [] },
    });
  });
});
