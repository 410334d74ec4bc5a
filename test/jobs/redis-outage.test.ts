import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOpenAiClassifier } from '../../jobs/src/classifiers/openai/index.ts';
import { startFakeOpenAi, type FakeOpenAi } from '../support/fake-openai/fake-openai-server.ts';
import { hasRedisServer, startOwnRedis } from '../support/redis-server.ts';
import { startPipeline } from './pipeline-harness.ts';

// Redis stops while comments arrive, then comes back empty: the API keeps accepting, nothing is
// lost (the outbox re-dispatches what the dead Redis held) and nothing is classified twice.
const runs = Boolean(inject('redisUrl')) && hasRedisServer();

describe.skipIf(!runs)('a Redis outage', () => {
  let pipeline: Awaited<ReturnType<typeof startPipeline>>;
  let openai: FakeOpenAi;
  let redis: Awaited<ReturnType<typeof startOwnRedis>>;

  beforeAll(async () => {
    pipeline = await startPipeline();
    openai = await startFakeOpenAi();
    redis = await startOwnRedis();
  });
  afterAll(async () => {
    await redis.stop();
    await openai.close();
    await pipeline.harness.close();
  });

  it('loses nothing and classifies nothing twice', async () => {
    const classifier = createOpenAiClassifier({ apiKey: 'k', baseURL: openai.baseURL, batchSize: 50, timeoutMs: 2_000, maxRetries: 0 });
    const runner = await pipeline.startRunner({ kind: 'redis', url: redis.url, namespace: pipeline.namespace }, classifier, {
      jobOptions: { attempts: 5, backoff: { type: 'fixed', delay: 200 }, removeOnComplete: true },
      redispatchAfterMs: 2_000,
      batchSize: 20,
    });
    try {
      const batch = (from: number) => pipeline.comments(Array.from({ length: 100 }, (_, n) => `nice ${from + n}`), from);
      expect((await pipeline.harness.admin.post('/v1/comments/bulk', { comments: batch(0) })).status).toBe(202);

      await redis.stop();
      // Redis is down: comments are still accepted, and they wait in the outbox.
      for (const from of [100, 200, 300]) {
        const response = await pipeline.harness.admin.post('/v1/comments/bulk', { comments: batch(from) });
        expect(response.status).toBe(202);
        expect(response.body.accepted).toBe(100);
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect((await pipeline.counts()).tasks).toBeGreaterThan(0);

      await redis.start();
      await pipeline.waitUntil(async () => (await pipeline.counts()).tasks === 0, 45_000, 'the backlog to drain after Redis came back');
      expect(await pipeline.counts()).toEqual({ comments: 400, classified: 400, results: 400, tasks: 0 });
    } finally {
      await runner.close();
    }
  }, 90_000);
});
