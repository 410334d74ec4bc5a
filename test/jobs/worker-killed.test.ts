import { describe, expect, inject, it } from 'vitest';
import { useWorkerProcesses } from './worker-processes.ts';

// A worker process killed with SIGKILL in the middle of classifying: its batch is stalled, taken
// over by another worker once the lock expires, and finished; no comment is classified twice.
const redisUrl = inject('redisUrl');

describe.skipIf(!redisUrl)('a worker killed mid-batch', () => {
  const setup = useWorkerProcesses({ CLASSIFY_BATCH_SIZE: '1000' });
  const startWorker = () => setup.startWorker();

  it('retries the killed batch and finishes it without duplicates', async () => {
    const total = 40_000;
    for (let from = 0; from < total; from += 10_000) {
      const texts = Array.from({ length: 10_000 }, (_, n) => `comment number ${from + n}, love it 😍 or not?`);
      expect((await setup.pipeline.harness.admin.post('/v1/comments/bulk', { comments: setup.pipeline.comments(texts, from) })).status).toBe(202);
    }
    const first = startWorker();
    await first.waitFor(/workers up/, 30_000);
    await setup.pipeline.waitUntil(async () => (await setup.pipeline.counts()).classified > 0, 30_000, 'the first results');
    first.child.kill('SIGKILL');
    await first.stop();
    const afterKill = await setup.pipeline.counts();
    expect(afterKill.classified).toBeLessThan(total);

    const second = startWorker();
    try {
      await setup.pipeline.waitUntil(async () => (await setup.pipeline.counts()).tasks === 0, 40_000, 'the remaining batches, including the killed one');
    } catch (error) {
      throw new Error(`${(error as Error).message}: ${JSON.stringify(await setup.pipeline.counts())}\n${second.output().slice(-3000)}`, { cause: error });
    }
    expect(await setup.pipeline.counts()).toEqual({ comments: total, classified: total, results: total, tasks: 0 });
    await second.stop();
  }, 150_000);
});
