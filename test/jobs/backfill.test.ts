import { describe, expect, inject, it } from 'vitest';
import { createOpenAiClassifier } from '../../jobs/src/classifiers/openai/index.ts';
import type { Client } from '../support/api-harness.ts';
import { usePipeline } from './pipeline-harness.ts';

// After a classifier upgrade, a backfill brings every comment to the new version, once, and the
// API reports its progress.
const redisUrl = inject('redisUrl');

describe.skipIf(!redisUrl)('re-classification backfill', () => {

  const context = usePipeline({ openai: true });

  const classifier = (model: string) => createOpenAiClassifier({ apiKey: 'k', baseURL: context.openai.baseURL, model, batchSize: 50, timeoutMs: 2_000, maxRetries: 0 });
  const connection = () => ({ kind: 'redis' as const, url: redisUrl!, namespace: context.pipeline.namespace });
  const quick = { jobOptions: { attempts: 3, backoff: { type: 'fixed', delay: 200 }, removeOnComplete: true }, batchSize: 100 };

  it('re-classifies every comment with the new version exactly once, with progress', async () => {
    await context.pipeline.harness.admin.post('/v1/comments/bulk', { comments: context.pipeline.comments(Array.from({ length: 150 }, (_, n) => `love it ${n}`)) });
    const before = await context.pipeline.startRunner(connection(), classifier('gpt-4o-mini'), quick);
    await context.pipeline.waitUntil(async () => (await context.pipeline.counts()).tasks === 0, 30_000, 'the first classification');
    await before.close();

    // The upgrade: a new classifier version; the old results stay as they were.
    const upgraded = classifier('gpt-4.1-mini');
    const requested = await context.pipeline.harness.admin.post('/v1/classification/backfills');
    expect(requested.status).toBe(202);
    expect(requested.body).toMatchObject({ state: 'queued', queued: 0, classified: null });
    expect((await context.pipeline.harness.admin.post('/v1/classification/backfills')).status).toBe(409);

    const after = await context.pipeline.startRunner(connection(), upgraded, quick);
    try {
      let backfill: Awaited<ReturnType<Client['get']>> = requested;
      await context.pipeline.waitUntil(async () => {
        backfill = await context.pipeline.harness.admin.get(`/v1/classification/backfills/${requested.body.id}`);
        return backfill.body.state === 'done' && backfill.body.progress === 100;
      }, 30_000, 'the backfill');
      expect(backfill.body).toMatchObject({ state: 'done', total: 150, queued: 150, classified: 150, targetVersions: [upgraded.version] });
      const [row] = await context.pipeline.sql<{ old: number; fresh: number }>(
        `select count(*) filter (where version = '${classifier('gpt-4o-mini').version}')::int as old, count(*) filter (where version = '${upgraded.version}')::int as fresh from comment_classification`,
      );
      expect(row).toEqual({ old: 150, fresh: 150 });
    } finally {
      await after.close();
    }
  }, 60_000);
});
