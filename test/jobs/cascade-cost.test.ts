import { describe, expect, inject, it } from 'vitest';
import { createCascadeClassifier } from '../../jobs/src/classifiers/cascade/cascade-classifier.ts';
import { createOfflineClassifier } from '../../jobs/src/classifiers/offline/offline-classifier.ts';
import { createOpenAiClassifier } from '../../jobs/src/classifiers/openai/index.ts';
import { usePipeline } from './pipeline-harness.ts';

// The cascade: the offline model decides the comments it is sure of, OpenAI the rest; the report
// says how many went where and what OpenAI cost.
const redisUrl = inject('redisUrl');

describe.skipIf(!redisUrl)('the cascade classifier in the pipeline', () => {

  const context = usePipeline({ openai: true });

  it('sends only the uncertain comments to OpenAI and reports the split and the cost', async () => {
    const offline = createOfflineClassifier();
    const remote = createOpenAiClassifier({ apiKey: 'k', baseURL: context.openai.baseURL, batchSize: 50, timeoutMs: 2_000, maxRetries: 0 });
    const cascade = createCascadeClassifier({ offline, remote, threshold: 0.9 });
    const texts = [
      ...Array.from({ length: 40 }, (_, n) => `I love this so much, best look ever 😍😍 ${n}`),
      ...Array.from({ length: 40 }, (_, n) => `hmm maybe, not sure what to think of it ${n}`),
    ];
    await context.pipeline.harness.admin.post('/v1/comments/bulk', { comments: context.pipeline.comments(texts) });
    const runner = await context.pipeline.startRunner({ kind: 'redis', url: redisUrl!, namespace: context.pipeline.namespace }, cascade, { batchSize: 100 });
    try {
      await context.pipeline.waitUntil(async () => (await context.pipeline.counts()).tasks === 0, 30_000, 'classification');
    } finally {
      await runner.close();
    }
    const report = (await context.pipeline.harness.admin.get('/v1/reports/brand-safety')).body;
    const byName = Object.fromEntries(report.classificationCost.byClassifier.map((row: { classifier: string }) => [row.classifier, row]));
    expect(byName.offline.comments + byName.openai.comments).toBe(80);
    expect(byName.offline.comments).toBeGreaterThanOrEqual(40);
    expect(byName.openai.comments).toBeGreaterThan(0);
    expect(byName.offline.costUsd).toBe(0);
    // The OpenAI requests the fake server saw are the ones the report accounts for.
    expect(byName.openai.requests).toBe(context.openai.requests.length);
    expect(byName.openai.promptTokens).toBeGreaterThan(0);
    expect(report.classificationCost.totalCostUsd).toBeGreaterThan(0);
    expect(report.classificationCost.totalCostUsd).toBe(byName.openai.costUsd);
  }, 60_000);
});
