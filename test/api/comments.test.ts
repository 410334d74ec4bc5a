import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client } from '../support/api-harness.ts';

let harness: Awaited<ReturnType<typeof startTestApp>>;
let studio: Client;
let postId: string;
let publishedAt: string;

beforeAll(async () => {
  harness = await startTestApp();
  studio = await harness.userWithRole('studio');
  const source = await studio.post('/v1/sources', { kind: 'ai_character', name: 'Léa Nova', handles: { instagram: '@lea.nova' } });
  const campaign = await studio.post('/v1/campaigns', { name: 'c', goal: 'engagement', startsOn: '2026-01-01', endsOn: '2026-12-31', currency: 'USD', targetAction: 'entry' });
  const approvedAt = new Date(Date.now() - 2 * 3_600_000).toISOString();
  const brief = await studio.post('/v1/briefs', { campaignId: campaign.body.id, sourceId: source.body.id, title: 'b', openedAt: approvedAt });
  const asset = await studio.post('/v1/assets', { briefId: brief.body.id, title: 'a', kind: 'image', tool: 'mj', currency: 'USD', productionHours: 1, draftedAt: approvedAt });
  await studio.post(`/v1/assets/${asset.body.id}/submit`, { submittedAt: approvedAt });
  await harness.admin.post(`/v1/assets/${asset.body.id}/reviews`, { decision: 'approve', decidedAt: approvedAt });
  publishedAt = new Date(Date.now() - 3_600_000).toISOString();
  const published = await studio.post(`/v1/assets/${asset.body.id}/publish`, { channel: 'instagram', url: 'https://i.example/p/1', aiLabelApplied: true, publishedAt });
  postId = published.body.post.id;
});
afterAll(() => harness.close());

const comment = (n: number, extra: Record<string, unknown> = {}) => ({ postId, platformCommentId: `c${n}`, authorHandle: `@fan${n}`, text: `comment ${n}`, postedAt: new Date().toISOString(), ...extra });

describe('comment ingestion', () => {
  it('accepts a batch and queues every comment for classification in the same transaction', async () => {
    const response = await studio.post('/v1/comments/bulk', { comments: Array.from({ length: 250 }, (_, n) => comment(n)) });
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ accepted: 250, duplicates: 0 });
    const tasks = await harness.orm.em.getConnection().execute('select count(*)::int as n from classification_task');
    expect(tasks[0]!.n).toBe(250);
  });

  it('is idempotent on (post, platform comment id): the same batch again changes nothing', async () => {
    const again = await studio.post('/v1/comments/bulk', { comments: Array.from({ length: 250 }, (_, n) => comment(n)) });
    expect(again.body).toEqual({ accepted: 0, duplicates: 250 });
    const counts = await harness.orm.em.getConnection().execute('select (select count(*) from comment)::int as comments, (select count(*) from classification_task)::int as tasks');
    expect(counts[0]).toEqual({ comments: 250, tasks: 250 });
  });

  it('lists comments waiting for classification with a null classification', async () => {
    const page = await studio.get(`/v1/comments?postId=${postId}&limit=5`);
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(5);
    expect(page.body.items[0].classification).toBeNull();
  });

  it('refuses the whole batch when a comment predates its post, naming the row', async () => {
    const early = await studio.post('/v1/comments/bulk', { comments: [comment(900), comment(901, { postedAt: new Date(Date.parse(publishedAt) - 60_000).toISOString() })] });
    expect(early.status).toBe(422);
    expect(early.body.errors).toEqual([{ field: 'body.comments.1.postedAt', message: 'is before the post was published' }]);
    const stored = await harness.orm.em.getConnection().execute(`select count(*)::int as n from comment where platform_comment_id = 'c900'`);
    expect(stored[0]!.n).toBe(0);
  });

  it('refuses more than 10,000 comments a request and an unknown post', async () => {
    const tooMany = await studio.post('/v1/comments/bulk', { comments: Array.from({ length: 10_001 }, (_, n) => comment(n)) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0].field).toBe('body.comments');
    const unknown = await studio.post('/v1/comments', { ...comment(1), postId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0].field).toBe('body.postId');
  });
});
