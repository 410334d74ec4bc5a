import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { run, type Running } from '../support/processes.ts';
import { startPipeline } from './pipeline-harness.ts';

// A worker process killed with SIGKILL in the middle of classifying: its batch is stalled, taken
// over by another worker once the lock expires, and finished; no comment is classified twice.
const redisUrl = inject('redisUrl');
const repository = path.resolve(import.meta.dirname, '../..');

describe.skipIf(!redisUrl)('a worker killed mid-batch', () => {
  let pipeline: Awaited<ReturnType<typeof startPipeline>>;
  const workers: Running[] = [];

  beforeAll(async () => {
    pipeline = await startPipeline();
  });
  afterAll(async () => {
    for (const worker of workers) await worker.stop().catch(() => undefined);
    await pipeline.harness.close();
  });

  const startWorker = () => {
    const worker = run(process.execPath, ['jobs/src/worker.ts'], {
      cwd: repository,
      env: {
        ...process.env,
        DATABASE_URL: pipeline.harness.databaseUrl,
        REDIS_URL: redisUrl!,
        QUEUE_NAMESPACE: pipeline.namespace,
        OPENAI_API_KEY: '',
        CLASSIFY_BATCH_SIZE: '1000',
        WORKER_CONCURRENCY: '1',
        JOB_LOCK_DURATION_MS: '2000',
        JOB_STALLED_INTERVAL_MS: '1000',
      },
    });
    workers.push(worker);
    return worker;
  };

  it('retries the killed batch and finishes it without duplicates', async () => {
    const total = 40_000;
    for (let from = 0; from < total; from += 10_000) {
      const texts = Array.from({ length: 10_000 }, (_, n) => `comment number ${from + n}, love it 😍 or not?`);
      expect((await pipeline.harness.admin.post('/v1/comments/bulk', { comments: pipeline.comments(texts, from) })).status).toBe(202);
    }
    const first = startWorker();
    await first.waitFor(/workers up/, 30_000);
    await pipeline.waitUntil(async () => (await pipeline.counts()).classified > 0, 30_000, 'the first results');
    first.child.kill('SIGKILL');
    await first.stop();
    const afterKill = await pipeline.counts();
    expect(afterKill.classified).toBeLessThan(total);

    const second = startWorker();
    try {
      await pipeline.waitUntil(async () => (await pipeline.counts()).tasks === 0, 40_000, 'the remaining batches, including the killed one');
    } catch (error) {
      throw new Error(`${(error as Error).message}: ${JSON.stringify(await pipeline.counts())}\n${second.output().slice(-3000)}`, { cause: error });
    }
    expect(await pipeline.counts()).toEqual({ comments: total, classified: total, results: total, tasks: 0 });
    await second.stop();
  }, 150_000);
});
