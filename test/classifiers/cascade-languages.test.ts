// The cascade with the real offline classifier and the OpenAI adapter against the local fake
// OpenAI server: a comment in a language the offline models do not cover goes to OpenAI however
// sure the offline guess is, and keeps the language the offline detector found.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CommentToClassify } from '@persona-ops/domain/core';
import { createCascadeClassifier } from '../../jobs/src/classifiers/cascade/cascade-classifier.ts';
import { createOfflineClassifier } from '../../jobs/src/classifiers/offline/offline-classifier.ts';
import { createOpenAiClassifier } from '../../jobs/src/classifiers/openai/index.ts';
import { startFakeOpenAi, type FakeOpenAi } from '../support/fake-openai/fake-openai-server.ts';

let fake: FakeOpenAi;
beforeAll(async () => {
  fake = await startFakeOpenAi();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

const comment = (id: string, text: string): CommentToClassify => ({ id, text, characterNames: ['Léa Nova'] });

describe('cascade: unsupported languages go to OpenAI', () => {
  it('sends Dutch and Russian to OpenAI, keeps English and French offline when the offline model is sure', async () => {
    const offline = createOfflineClassifier();
    const remote = createOpenAiClassifier({ apiKey: 'sk-test', baseURL: fake.baseURL, timeoutMs: 2_000, maxRetries: 0, pricing: { inputPerMillionUsd: 1, outputPerMillionUsd: 2 } });
    const comments = [
      comment('en', 'I love this look so much, amazing!'),
      comment('fr', 'J’adore cette tenue, elle est magnifique'),
      comment('nl', 'Dit is echt een prachtige foto van jou'),
      comment('ru', 'Это действительно очень красивая фотография'),
    ];
    const local = await offline.classify(comments);
    expect(local.map((r) => [r.id, r.language, r.languageSupported])).toEqual([
      ['en', 'en', true],
      ['fr', 'fr', true],
      ['nl', 'nl', false],
      ['ru', 'ru', false],
    ]);

    // threshold 0: every comment the offline model supports is "sure"; only the language decides
    const cascade = createCascadeClassifier({ offline, remote, threshold: 0 });
    const { results, stats } = await cascade.classifyBatch(comments);
    expect(results.map((r) => [r.id, r.classifier, r.language])).toEqual([
      ['en', 'offline', 'en'],
      ['fr', 'offline', 'fr'],
      ['nl', 'openai', 'nl'],
      ['ru', 'openai', 'ru'],
    ]);
    expect(stats).toMatchObject({ offline: 2, remote: 2 });
    const sent = fake.requests.filter((r) => r.endpoint === 'chat').map((r) => JSON.stringify(r.body));
    expect(sent.some((body) => body.includes('prachtige foto'))).toBe(true);
    expect(sent.some((body) => body.includes('magnifique'))).toBe(false);
  });
});
