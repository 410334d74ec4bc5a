import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startPipeline } from '../jobs/pipeline-harness.ts';
import { run, startOnFreePort, type Running } from '../support/processes.ts';

// Scale-out: two API processes and two job-worker processes on one PostgreSQL and one Redis, under
// a mixed load of comment writes (spread over both APIs, each batch also sent again to the other
// one at the same time) and report reads. Every comment is stored once and classified exactly
// once, and both APIs answer the same reports.
const redisUrl = inject('redisUrl');
const repository = path.resolve(import.meta.dirname, '../..');

describe.skipIf(!redisUrl)('two API and two worker processes', () => {
  let pipeline: Awaited<ReturnType<typeof startPipeline>>;
  const processes: Running[] = [];
  const apis: string[] = [];

  beforeAll(async () => {
    pipeline = await startPipeline();
    const env = { ...process.env, DATABASE_URL: pipeline.harness.databaseUrl, REDIS_URL: redisUrl!, QUEUE_NAMESPACE: pipeline.namespace, LOG_LEVEL: 'info' };
    const startApi = () => startOnFreePort((port) => run(process.execPath, ['api/src/api-server.ts'], { cwd: repository, env: { ...env, PORT: String(port) } }), /Server listening/, 60_000);
    // Small batches and two jobs at a time per process, so both workers take batches while they race.
    const workers = [0, 1].map(() => run(process.execPath, ['jobs/src/worker.ts'], { cwd: repository, env: { ...env, OPENAI_API_KEY: '', CLASSIFY_BATCH_SIZE: '100', WORKER_CONCURRENCY: '2' } }));
    processes.push(...workers);
    const started = await Promise.all([startApi(), startApi()]);
    processes.push(...started.map((api) => api.running));
    await Promise.all(workers.map((worker) => worker.waitFor(/workers up/, 60_000)));
    apis.push(...started.map(({ port }) => `http://127.0.0.1:${port}`));
  }, 120_000);
  afterAll(async () => {
    await Promise.all(processes.map((running) => running.stop().catch(() => undefined)));
    await pipeline?.harness.close();
  });

  const key = () => pipeline.harness.admin.key;
  async function call(api: string, route: string, body?: unknown) {
    const response = await fetch(`${api}${route}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${key()}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('stores and classifies every comment exactly once, and both APIs report the same', async () => {
    const batches = 40;
    const perBatch = 150;
    const texts = ['love this look 😍', 'where can I buy it?', 'this looks so fake', 'crypto giveaway DM me now', 'so pretty, need it', 'not buying from a robot'];
    const batch = (n: number) => pipeline.comments(Array.from({ length: perBatch }, (_, i) => `${texts[(n + i) % texts.length]} #${n * perBatch + i}`), n * perBatch);
    const reportRoute = `/v1/reports/brand-safety?postId=${pipeline.postId}`;

    const started = Date.now();
    let accepted = 0;
    let duplicates = 0;
    let reads = 0;
    let writing = true;
    // Report and list reads on both APIs for as long as the writes go on.
    const readers = apis.map(async (api) => {
      while (writing) {
        for (const route of [reportRoute, `/v1/comments?postId=${pipeline.postId}&limit=50`]) {
          const read = await call(api, route);
          expect(read.status, JSON.stringify(read.body)).toBe(200);
          reads += 1;
        }
      }
    });
    // Four writers; each batch goes to one API and, at the same moment, again to the other.
    let next = 0;
    await Promise.all(Array.from({ length: 4 }, async () => {
      for (let n = next++; n < batches; n = next++) {
        const comments = batch(n);
        const answers = await Promise.all([call(apis[n % 2]!, '/v1/comments/bulk', { comments }), call(apis[(n + 1) % 2]!, '/v1/comments/bulk', { comments })]);
        for (const answer of answers) {
          expect(answer.status, JSON.stringify(answer.body)).toBe(202);
          accepted += answer.body.accepted as number;
          duplicates += answer.body.duplicates as number;
        }
      }
    }));
    writing = false;
    await Promise.all(readers);
    const total = batches * perBatch;
    expect({ accepted, duplicates }).toEqual({ accepted: total, duplicates: total });

    try {
      await pipeline.waitUntil(async () => (await pipeline.counts()).tasks === 0, 45_000, 'every comment classified');
    } catch (error) {
      throw new Error(`${(error as Error).message}: ${JSON.stringify(await pipeline.counts())}\n${processes.map((p) => p.output().slice(-1500)).join('\n---\n')}`, { cause: error });
    }
    const elapsed = Date.now() - started;
    expect(await pipeline.counts()).toEqual({ comments: total, classified: total, results: total, tasks: 0 });
    const [twice] = await pipeline.sql<{ n: number }>(`select count(*)::int as n from (select comment_id from comment_classification group by comment_id having count(*) <> 1) x`);
    expect(twice!.n).toBe(0);

    // Both APIs read the same database: once the work is done, they answer the same report.
    const [first, second] = await Promise.all(apis.map((api) => call(api, reportRoute)));
    expect(first!.status).toBe(200);
    expect(first!.body.totals).toMatchObject({ comments: total, classified: total, waiting: 0 });
    expect(second!.body).toEqual(first!.body);
    const [listFirst, listSecond] = await Promise.all(apis.map((api) => call(api, `/v1/comments?postId=${pipeline.postId}&limit=100&sort=postedAt&order=asc`)));
    expect(listSecond!.body).toEqual(listFirst!.body);
    console.log(`scale-out: ${total} comments (${batches} batches × 2 APIs), ${reads} reads, classified exactly once, in ${(elapsed / 1000).toFixed(1)} s`);
  }, 120_000);
});
