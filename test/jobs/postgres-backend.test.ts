import { describe, expect, it } from 'vitest';
import { createOpenAiClassifier } from '../../jobs/src/classifiers/openai/index.ts';
import { usePipeline } from './pipeline-harness.ts';

// With no Redis (the embedded quick start), the same queues and workers run on BullMQ's
// PostgreSQL backend, in a schema of the product's own database.
describe('classification on the BullMQ PostgreSQL backend', () => {

  const context = usePipeline({ openai: true });

  it('classifies every accepted comment once, with no Redis involved', async () => {
    const classifier = createOpenAiClassifier({ apiKey: 'k', baseURL: context.openai.baseURL, batchSize: 25, timeoutMs: 2_000, maxRetries: 0 });
    const runner = await context.pipeline.startRunner({ kind: 'postgres', url: context.pipeline.harness.databaseUrl, namespace: `bullmq_${context.pipeline.namespace.replace(/\W/g, '_')}` }, classifier, { batchSize: 25 });
    try {
      const texts = Array.from({ length: 60 }, (_, n) => `lovely ${n}`);
      await context.pipeline.harness.admin.post('/v1/comments/bulk', { comments: context.pipeline.comments(texts) });
      await context.pipeline.waitUntil(async () => (await context.pipeline.counts()).tasks === 0, 45_000, 'the outbox to drain on the PostgreSQL backend');
      expect(await context.pipeline.counts()).toEqual({ comments: 60, classified: 60, results: 60, tasks: 0 });
      const [tables] = await context.pipeline.sql<{ n: number }>(`select count(*)::int as n from information_schema.tables where table_schema like 'bullmq_%'`);
      expect(tables!.n).toBeGreaterThan(0);
    } finally {
      await runner.close();
    }
  }, 60_000);
});
