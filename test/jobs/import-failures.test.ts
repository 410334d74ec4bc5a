import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfflineClassifier } from '../../jobs/src/classifiers/offline/offline-classifier.ts';
import { startPipeline } from './pipeline-harness.ts';

// An import never stays `running` after its job gave up: a row PostgreSQL cannot store (a NUL byte)
// is a rejected row like any other, and a job that runs out of attempts ends `failed` with its reason.
describe('import jobs that cannot finish', () => {
  let pipeline: Awaited<ReturnType<typeof startPipeline>>;
  let runner: Awaited<ReturnType<Awaited<ReturnType<typeof startPipeline>>['startRunner']>> | undefined;

  beforeAll(async () => {
    pipeline = await startPipeline();
  });
  afterAll(async () => {
    await runner?.close();
    await pipeline.harness.close();
  });

  const now = new Date();
  const at = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString().replace('T', ' ').slice(0, 19);

  // The file is stored as uploaded, then its bytes are set directly: the job reads them, whatever
  // the upload route lets through.
  async function queueImport(content: Buffer) {
    const response = await pipeline.harness.app.inject({
      method: 'POST', url: '/v1/imports/comments', headers: { authorization: `Bearer ${pipeline.harness.admin.key}`, 'content-type': 'text/csv' },
      payload: `Post URL,Comment ID,Username,Comment,Timestamp\nhttps://i.example/p/1,x,@a,placeholder,${at(1)}\n`,
    });
    expect(response.statusCode, response.body).toBe(202);
    const id: string = response.json().id;
    await pipeline.harness.orm.em.fork().getConnection().execute(`update import_job set content = ?, size_bytes = ? where id = ?`, [content, content.length, id]);
    return id;
  }

  async function settled(id: string) {
    let body: { state: string } & Record<string, unknown> = { state: 'unknown' };
    await pipeline.waitUntil(async () => {
      body = (await pipeline.harness.admin.get(`/v1/imports/${id}`)).body;
      return body.state === 'done' || body.state === 'failed';
    }, 20_000, 'the import to end done or failed');
    return body;
  }

  it('rejects a row with a NUL byte as a row and stores the good ones; a job out of attempts ends failed with its reason', async () => {
    const withNul = await queueImport(Buffer.from([
      'Post URL,Comment ID,Username,Comment,Timestamp',
      `https://i.example/p/1,n1,@ana,before the bad row,${at(10)}`,
      `https://i.example/p/1,n2,@ben,bad\u0000byte,${at(9)}`,
      `https://i.example/p/1,n3,@cy,after the bad row,${at(8)}`,
    ].join('\n')));
    // Never readable: a quote that is not closed stops the parser on every attempt.
    const unreadable = await queueImport(Buffer.from(`Post URL,Comment ID,Username,Comment,Timestamp\nhttps://i.example/p/1,u1,@ana,fine,${at(10)}\nhttps://i.example/p/1,u2,@ben,"never closed,${at(9)}\n`));

    runner = await pipeline.startRunner({ kind: 'postgres', url: pipeline.harness.databaseUrl, namespace: `bullmq_${pipeline.namespace.replace(/\W/g, '_')}` }, createOfflineClassifier(), {
      jobOptions: { attempts: 2, backoff: { type: 'fixed', delay: 100 } },
    });

    const nulJob = await settled(withNul);
    expect(nulJob).toMatchObject({ state: 'done', totalRows: 3, accepted: 2, rejectedCount: 1, error: null });
    expect(nulJob.rejections).toEqual([{ line: 3, column: 'Comment', reason: expect.stringMatching(/NUL/) }]);
    const comments = await pipeline.harness.admin.get(`/v1/comments?postId=${pipeline.postId}&sort=postedAt&order=asc`);
    expect(comments.body.items.map((c: { text: string }) => c.text)).toEqual(['before the bad row', 'after the bad row']);

    const failed = await settled(unreadable);
    expect(failed).toMatchObject({ state: 'failed', error: expect.stringMatching(/^The import stopped after 2 attempts: .*quote/i) });
    expect(failed.finishedAt).not.toBeNull();
  }, 60_000);
});
