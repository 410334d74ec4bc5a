import { describe, expect, inject, it } from 'vitest';
import { createOfflineClassifier } from '../../jobs/src/classifiers/offline/offline-classifier.ts';
import { usePipeline } from './pipeline-harness.ts';

// The language the classifier detected is stored with each result by the workers, so the comments
// list and the brand-safety report can say which languages the audience writes in.
const redisUrl = inject('redisUrl');

describe.skipIf(!redisUrl)('the detected language of a classified comment', () => {
  const context = usePipeline();

  it('is stored by the worker and shown in the comments list', async () => {
    const texts = [
      'J\'adore vraiment cette nouvelle collection, les couleurs sont magnifiques et la coupe est parfaite',
      'Me encanta muchísimo esta colección nueva, los colores son preciosos y quiero comprarla ya',
      'I really love this new collection, the colours are gorgeous and the fit looks perfect on you',
    ];
    await context.pipeline.harness.admin.post('/v1/comments/bulk', { comments: context.pipeline.comments(texts) });
    const runner = await context.pipeline.startRunner({ kind: 'redis', url: redisUrl!, namespace: context.pipeline.namespace }, createOfflineClassifier());
    try {
      await context.pipeline.waitUntil(async () => (await context.pipeline.counts()).tasks === 0, 30_000, 'the classification');
    } finally {
      await runner.close();
    }
    const stored = await context.pipeline.sql<{ text: string; language: string | null }>(
      'select c.text, cc.language from comment c join comment_classification cc on cc.comment_id = c.id order by c.platform_comment_id',
    );
    expect(stored.map((row) => row.language)).toEqual(['fr', 'es', 'en']);
    const listed = await context.pipeline.harness.admin.get(`/v1/comments?postId=${context.pipeline.postId}&limit=10`);
    expect(listed.status).toBe(200);
    const byText = new Map((listed.body.items as { text: string; classification: { language: string | null } | null }[]).map((item) => [item.text, item.classification?.language]));
    expect(texts.map((text) => byText.get(text))).toEqual(['fr', 'es', 'en']);
  });
});
