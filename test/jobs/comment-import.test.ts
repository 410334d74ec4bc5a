import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfflineClassifier } from '../../jobs/src/classifiers/offline/offline-classifier.ts';
import type { Client } from '../support/api-harness.ts';
import { startPipeline } from './pipeline-harness.ts';

// A comments export imported as a job: every row checked, good rows accepted idempotently,
// every rejected row reported with its line, column and reason.
describe('importing a comments CSV', () => {
  let pipeline: Awaited<ReturnType<typeof startPipeline>>;
  let runner: Awaited<ReturnType<Awaited<ReturnType<typeof startPipeline>>['startRunner']>>;

  beforeAll(async () => {
    pipeline = await startPipeline();
    runner = await pipeline.startRunner({ kind: 'postgres', url: pipeline.harness.databaseUrl, namespace: `bullmq_${pipeline.namespace.replace(/\W/g, '_')}` }, createOfflineClassifier());
  });
  afterAll(async () => {
    await runner.close();
    await pipeline.harness.close();
  });

  const upload = (csv: string | Buffer, query = '') =>
    pipeline.harness.app.inject({ method: 'POST', url: `/v1/imports/comments${query}`, headers: { authorization: `Bearer ${pipeline.harness.admin.key}`, 'content-type': 'text/csv' }, payload: csv });

  async function finished(id: string) {
    let job: Awaited<ReturnType<Client['get']>> = { status: 0, body: null };
    await pipeline.waitUntil(async () => {
      job = await pipeline.harness.admin.get(`/v1/imports/${id}`);
      return job.body.state === 'done' || job.body.state === 'failed';
    }, 30_000, 'the import');
    return job.body;
  }

  const now = new Date();
  const at = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString().replace('T', ' ').slice(0, 19);
  const csv = [
    'Post URL,Comment ID,Username,Comment,Timestamp',
    `https://i.example/p/1,c1,@ana,"love this, really",${at(10)}`,
    `https://i.example/p/1,c2,@ben,so fake,${at(9)}`,
    `https://i.example/p/1,c3,@cy,"she said ""wow""",${at(8)}`,
    `https://elsewhere.example/p/9,c4,@dee,hi,${at(7)}`,
    `https://i.example/p/1,c5,@eve,hello,not a date`,
    `https://i.example/p/1,,@fay,no id,${at(6)}`,
    `https://i.example/p/1,c1,@ana,"love this, really",${at(10)}`,
    `https://i.example/p/1,c6,@gus,too early,${at(600)}`,
  ].join('\n');

  it('accepts the good rows and reports every rejected one with line, column and reason', async () => {
    const response = await upload(csv, '?fileName=ig-comments.csv');
    expect(response.statusCode, response.body).toBe(202);
    expect(response.json()).toMatchObject({ state: 'queued', fileName: 'ig-comments.csv', mapping: { 'Post URL': 'postUrl', 'Comment ID': 'platformCommentId', Username: 'authorHandle', Comment: 'text', Timestamp: 'postedAt' } });
    const job = await finished(response.json().id);
    expect(job).toMatchObject({ state: 'done', totalRows: 8, processedRows: 8, accepted: 3, duplicates: 1, rejectedCount: 4 });
    expect(job.rejections).toEqual([
      { line: 6, column: 'Timestamp', reason: '"not a date" is not a date and time' },
      { line: 7, column: 'Comment ID', reason: 'the comment id is empty' },
      { line: 5, column: 'Post URL', reason: 'unlinked: no post https://elsewhere.example/p/9 in this workspace' },
      { line: 9, column: 'Timestamp', reason: 'the comment is older than its post' },
    ]);
    const comments = await pipeline.harness.admin.get(`/v1/comments?postId=${pipeline.postId}&sort=postedAt&order=asc`);
    expect(comments.body.items.map((c: { text: string }) => c.text)).toEqual(['love this, really', 'so fake', 'she said "wow"']);
  });

  it('adds nothing when the same file is imported again', async () => {
    const job = await finished((await upload(csv)).json().id);
    expect(job).toMatchObject({ state: 'done', accepted: 0, duplicates: 4, rejectedCount: 4 });
  });

  it("rejects a row naming another workspace's post as unlinked", async () => {
    const other = await pipeline.harness.newWorkspace('Other brand');
    const source = await other.admin.post('/v1/sources', { kind: 'studio', name: 'S' });
    const campaign = await other.admin.post('/v1/campaigns', { name: 'c', goal: 'awareness', startsOn: '2026-01-01', endsOn: '2026-12-31', currency: 'USD', targetAction: 'x' });
    const approvedAt = new Date(Date.now() - 2 * 86_400_000).toISOString();
    const brief = await other.admin.post('/v1/briefs', { campaignId: campaign.body.id, sourceId: source.body.id, title: 'b', openedAt: approvedAt });
    const asset = await other.admin.post('/v1/assets', { briefId: brief.body.id, title: 'a', kind: 'image', tool: 't', currency: 'USD', productionHours: 0, draftedAt: approvedAt });
    await other.admin.post(`/v1/assets/${asset.body.id}/submit`, { submittedAt: approvedAt });
    await other.admin.post(`/v1/assets/${asset.body.id}/reviews`, { decision: 'approve', decidedAt: approvedAt });
    const foreignPost = (await other.admin.post(`/v1/assets/${asset.body.id}/publish`, { channel: 'x', url: 'https://x.example/1', aiLabelApplied: true, publishedAt: new Date(Date.now() - 86_400_000).toISOString() })).body.post.id;
    const job = await finished((await upload(`Post ID,Comment ID,Comment,Timestamp\n${foreignPost},z1,hi,${at(5)}\n`)).json().id);
    expect(job).toMatchObject({ accepted: 0, rejectedCount: 1, rejections: [{ line: 2, column: 'Post ID', reason: `unlinked: no post ${foreignPost} in this workspace` }] });
  });

  it('refuses malformed files at once with a clear problem', async () => {
    const latin1 = Buffer.from('Post URL,Comment ID,Comment,Timestamp\nhttps://i.example/p/1,c9,caf\xe9,2026-01-01 00:00:00\n', 'latin1');
    const encoding = await upload(latin1);
    expect(encoding.statusCode).toBe(400);
    expect(encoding.json().detail).toMatch(/UTF-8/);

    const headerOnly = await upload('Post URL,Comment ID,Comment,Timestamp\n');
    expect(headerOnly.statusCode).toBe(400);
    expect(headerOnly.json().detail).toMatch(/no rows/);

    const noHeader = await upload('\n\n');
    expect(noHeader.statusCode).toBe(400);

    const missing = await upload('Comment,Timestamp\nhi,2026-01-01 00:00:00\n');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().detail).toMatch(/postId or postUrl, platformCommentId/);

    const badMapping = await upload(csv, `?mapping=${encodeURIComponent('{"Comment":"body"}')}`);
    expect(badMapping.statusCode).toBe(400);

    const huge = await upload(Buffer.alloc(51 * 1024 * 1024, 'a'));
    expect(huge.statusCode).toBe(413);
    expect(huge.json().detail).toMatch(/50 MB/);
  });
});
