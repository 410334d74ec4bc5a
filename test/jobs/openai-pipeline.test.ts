import { describe, expect, inject, it } from 'vitest';
import { createOpenAiClassifier } from '../../jobs/src/classifiers/openai/index.ts';
import { usePipeline } from './pipeline-harness.ts';

// End to end through the real queue: API -> outbox -> dispatcher -> BullMQ on Redis -> worker ->
// the real OpenAI SDK against the project's local OpenAI server -> stored results.
const redisUrl = inject('redisUrl');

describe.skipIf(!redisUrl)('comment classification through BullMQ with the OpenAI classifier', () => {
  const quickRetries = { attempts: 4, backoff: { type: 'fixed', delay: 300 }, removeOnComplete: true, removeOnFail: { age: 3600 } };

  const context = usePipeline({ openai: true });

  const classifier = () => createOpenAiClassifier({ apiKey: 'test-key', baseURL: context.openai.baseURL, batchSize: 25, timeoutMs: 2_000, maxRetries: 0 });

  it('classifies every accepted comment exactly once, with the character mention detected', async () => {
    const runner = await context.pipeline.startRunner({ kind: 'redis', url: redisUrl!, namespace: context.pipeline.namespace }, classifier(), { jobOptions: quickRetries });
    try {
      const texts = Array.from({ length: 120 }, (_, n) => (n % 3 === 0 ? `love this look @lea.nova #${n}` : n % 3 === 1 ? `i hate it ${n}` : `ok ${n}`));
      const accepted = await context.pipeline.harness.admin.post('/v1/comments/bulk', { comments: context.pipeline.comments(texts) });
      expect(accepted.body.accepted).toBe(120);
      await context.pipeline.waitUntil(async () => (await context.pipeline.counts()).tasks === 0, 30_000, 'the outbox to drain');
      expect(await context.pipeline.counts()).toEqual({ comments: 120, classified: 120, results: 120, tasks: 0 });
      const page = await context.pipeline.harness.admin.get(`/v1/comments?postId=${context.pipeline.postId}&limit=200`);
      const first = page.body.items.find((c: { text: string }) => c.text === 'love this look @lea.nova #0');
      expect(first.classification).toMatchObject({ sentiment: 'positive', mentionsCharacter: true, classifier: 'openai' });
      const negative = page.body.items.find((c: { text: string }) => c.text === 'i hate it 1');
      expect(negative.classification.sentiment).toBe('negative');
      expect(negative.classification.mentionsCharacter).toBe(false);
    } finally {
      await runner.close();
    }
  });

  it('retries a batch while the provider fails with 500, then succeeds, without duplicates', async () => {
    context.openai.reset();
    context.openai.faultNext('chat', { kind: 'server_error' }, { kind: 'server_error' });
    const runner = await context.pipeline.startRunner({ kind: 'redis', url: redisUrl!, namespace: context.pipeline.namespace }, classifier(), { jobOptions: quickRetries });
    try {
      await context.pipeline.harness.admin.post('/v1/comments/bulk', { comments: context.pipeline.comments(['great 1', 'awful 2', 'fine 3'], 1000) });
      await context.pipeline.waitUntil(async () => (await context.pipeline.counts()).tasks === 0, 30_000, 'the retried batch');
      const counts = await context.pipeline.counts();
      expect(counts.results).toBe(counts.comments);
      expect(context.openai.requestsTo('chat').filter((r) => r.outcome === 'server_error')).toHaveLength(2);
    } finally {
      await runner.close();
    }
  });

  it('puts a refused batch in a clear failed state, not a retry loop, and keeps its comments', async () => {
    context.openai.reset();
    context.openai.faultAlways('chat', { kind: 'refusal' });
    const runner = await context.pipeline.startRunner({ kind: 'redis', url: redisUrl!, namespace: context.pipeline.namespace }, classifier(), { jobOptions: quickRetries });
    try {
      await context.pipeline.harness.admin.post('/v1/comments/bulk', { comments: context.pipeline.comments(['refuse me'], 2000) });
      const queue = runner.queues.get('classification')!;
      await context.pipeline.waitUntil(async () => (await queue.getFailedCount()) === 1, 20_000, 'the failed job');
      const [failed] = await queue.getFailed();
      // Unrecoverable: one attempt, no retries spent on what a retry cannot fix.
      expect(failed!.attemptsMade).toBe(1);
      expect(failed!.failedReason).toMatch(/refus/i);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(context.openai.requestsTo('chat')).toHaveLength(1);
      // The comment is kept and still waits for a classifier that will answer.
      const [row] = await context.pipeline.sql<{ n: number }>(`select count(*)::int as n from classification_task t join comment c on c.id = t.comment_id where c.text = 'refuse me'`);
      expect(row!.n).toBe(1);
    } finally {
      context.openai.faultAlways('chat', null);
      await runner.close();
    }
  });
});
