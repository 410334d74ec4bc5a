// The OpenAI adapter with the real `openai` SDK, against the local fake OpenAI server.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CommentToClassify } from '@persona-ops/domain/core';
import {
  ClassifierRefusalError,
  ClassifierRejectedError,
  ClassifierResponseError,
  ClassifierTimeoutError,
  ClassifierUnavailableError,
  RateLimitedError,
  createOpenAiClassifier,
  type OpenAiClassifierOptions,
} from '../../jobs/src/classifiers/openai/index.ts';
import { fakeChatUsage, startFakeOpenAi, type FakeOpenAi } from '../support/fake-openai/fake-openai-server.ts';

let fake: FakeOpenAi;
beforeAll(async () => {
  fake = await startFakeOpenAi();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

function classifier(options: Partial<OpenAiClassifierOptions> = {}) {
  return createOpenAiClassifier({
    apiKey: 'sk-test',
    baseURL: fake.baseURL,
    timeoutMs: 2_000,
    maxRetries: 0,
    pricing: { inputPerMillionUsd: 1, outputPerMillionUsd: 2 },
    ...options,
  });
}

const luna = ['Luna Vega', '@lunavega'];
const comment = (id: string, text: string): CommentToClassify => ({ id, text, characterNames: luna });
const few = [comment('c1', 'love it'), comment('c2', 'ok'), comment('c3', 'hate it')];

/** The rejection of `promise`, and how long it took. */
async function failure(promise: Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = performance.now();
  try {
    await promise;
  } catch (error) {
    return { error, ms: performance.now() - started };
  }
  throw new Error('expected a rejection');
}

describe('OpenAI classifier against the fake API', () => {
  it('labels a batch, merges moderation flags, decides mentions locally and records tokens and cost', async () => {
    const openai = classifier({ competitors: ['Glowify'] });
    const { results, usage } = await openai.classifyBatch([
      comment('c1', 'I love this look, Luna Vega!'),
      comment('c2', 'This is the worst, you idiot. damn'),
      comment('c3', 'Free crypto giveaway, dm me! clickbait. glowify is cheaper'),
      comment('c4', 'how to shoplift this and kill it on stage'),
      comment('c5', '@lunavega where is this?'),
    ]);

    expect(openai.name).toBe('openai');
    expect(openai.version).toBe('openai:gpt-4o-mini:p2');
    expect(results).toEqual([
      { id: 'c1', sentiment: 'positive', score: 0.9, flags: [], mentionsCharacter: true, classifier: 'openai', version: 'openai:gpt-4o-mini:p2' },
      // profanity from the model, harassment from moderation
      { id: 'c2', sentiment: 'negative', score: 0.9, flags: ['profanity', 'harassment'], mentionsCharacter: false, classifier: 'openai', version: 'openai:gpt-4o-mini:p2' },
      // spam_scam from the model, its unknown 'clickbait' dropped, competitor from the local matcher
      { id: 'c3', sentiment: 'neutral', score: 0.7, flags: ['spam_scam', 'competitor'], mentionsCharacter: false, classifier: 'openai', version: 'openai:gpt-4o-mini:p2' },
      // moderation: violence, and illicit -> controversial
      { id: 'c4', sentiment: 'neutral', score: 0.7, flags: ['violence', 'controversial'], mentionsCharacter: false, classifier: 'openai', version: 'openai:gpt-4o-mini:p2' },
      { id: 'c5', sentiment: 'neutral', score: 0.7, flags: [], mentionsCharacter: true, classifier: 'openai', version: 'openai:gpt-4o-mini:p2' },
    ]);
    const { prompt_tokens, completion_tokens } = fakeChatUsage(5);
    expect(usage).toEqual({ promptTokens: prompt_tokens, completionTokens: completion_tokens, costUsdMicros: prompt_tokens * 1 + completion_tokens * 2, requests: 2 });

    const [chat] = fake.requestsTo('chat');
    const [moderation] = fake.requestsTo('moderations');
    expect(chat?.headers.authorization).toBe('Bearer sk-test');
    expect(chat?.body).toMatchObject({ model: 'gpt-4o-mini', store: false, temperature: 0, response_format: { type: 'json_schema', json_schema: { name: 'comment_labels', strict: true } } });
    expect(moderation?.body).toMatchObject({ model: 'omni-moderation-latest', input: expect.arrayContaining(['@lunavega where is this?']) });
  });

  it('asks for ai_authenticity (in the prompt and the strict schema) and keeps the flag', async () => {
    const { results } = await classifier().classifyBatch([comment('c1', 'is she even real?'), comment('c2', 'love it')]);
    expect(results.map((r) => r.flags)).toEqual([['ai_authenticity'], []]);
    const [chat] = fake.requestsTo('chat');
    const body = chat?.body as { messages: { content: string }[]; response_format: { json_schema: { schema: unknown } } };
    expect(body.messages[0]!.content).toMatch(/- ai_authenticity: doubts that the character is real/);
    expect(JSON.stringify(body.response_format.json_schema.schema)).toContain('"ai_authenticity"');
  });

  it('classify() returns the results of classifyBatch; no comments, no requests', async () => {
    const openai = classifier();
    expect((await openai.classify(few)).map((r) => r.sentiment)).toEqual(['positive', 'neutral', 'negative']);
    fake.reset();
    expect(await openai.classifyBatch([])).toEqual({ results: [], usage: { promptTokens: 0, completionTokens: 0, costUsdMicros: 0, requests: 0 } });
    expect(fake.requests).toHaveLength(0);
  });

  it('sends many comments per request: 120 comments with batchSize 50 take 3 chat requests', async () => {
    const comments = Array.from({ length: 120 }, (_, i) => comment(`c${i}`, i % 2 === 0 ? `love #${i}` : `hate #${i}`));
    const { results, usage } = await classifier({ batchSize: 50 }).classifyBatch(comments);

    const chats = fake.requestsTo('chat');
    expect(chats.map((r) => JSON.parse((r.body as { messages: { content: string }[] }).messages[1]!.content).length)).toEqual([50, 50, 20]);
    expect(fake.requestsTo('moderations').map((r) => (r.body as { input: string[] }).input.length)).toEqual([50, 50, 20]);
    expect(results.map((r) => r.id)).toEqual(comments.map((c) => c.id));
    expect(results.map((r) => r.sentiment)).toEqual(comments.map((_, i) => (i % 2 === 0 ? 'positive' : 'negative')));
    expect(usage).toMatchObject({ promptTokens: 3 * 100 + 10 * 120, completionTokens: 20 * 120, requests: 6 });
  });

  describe('rate limits', () => {
    it('a short retry-after is waited out by the SDK (maxRetries 1), then succeeds', async () => {
      fake.faultNext('chat', { kind: 'rate_limit', retryAfterMs: 150 });
      const started = performance.now();
      const results = await classifier({ maxRetries: 1 }).classify(few);
      expect(performance.now() - started).toBeGreaterThanOrEqual(140);
      expect(results).toHaveLength(3);
      expect(fake.requestsTo('chat').map((r) => [r.outcome, r.headers['x-stainless-retry-count']])).toEqual([
        ['rate_limit', '0'],
        ['ok', '1'],
      ]);
    });

    it('a long retry-after is surfaced at once as RateLimitedError with the delay (no in-process sleep)', async () => {
      fake.faultAlways('chat', { kind: 'rate_limit', retryAfter: '30' });
      const { error, ms } = await failure(classifier({ maxRetries: 2 }).classify(few));
      expect(error).toBeInstanceOf(RateLimitedError);
      expect(error).toMatchObject({ retryAfterMs: 30_000, retryable: true, code: 'classifier_rate_limited' });
      expect(ms).toBeLessThan(1_000);
      expect(fake.requestsTo('chat')).toHaveLength(1);
    });

    it('a short retry-after that persists ends in RateLimitedError after the SDK retries', async () => {
      fake.faultAlways('chat', { kind: 'rate_limit', retryAfterMs: 50 });
      const { error } = await failure(classifier({ maxRetries: 1 }).classify(few));
      expect(error).toBeInstanceOf(RateLimitedError);
      expect((error as RateLimitedError).retryAfterMs).toBe(50);
      expect(fake.requestsTo('chat')).toHaveLength(2);
    });

    it('insufficient_quota is not a rate limit: not retried, not retryable', async () => {
      fake.faultAlways('chat', { kind: 'rate_limit', retryAfter: '1', code: 'insufficient_quota' });
      const { error } = await failure(classifier({ maxRetries: 2 }).classify(few));
      expect(error).toBeInstanceOf(ClassifierRejectedError);
      expect(error).toMatchObject({ code: 'classifier_quota_exceeded', retryable: false, status: 429 });
      expect(fake.requestsTo('chat')).toHaveLength(1);
    });
  });

  describe('server errors and timeouts', () => {
    it('500 then success: the SDK retries once', async () => {
      fake.faultNext('chat', { kind: 'server_error' });
      const results = await classifier({ maxRetries: 1 }).classify(few);
      expect(results.map((r) => r.sentiment)).toEqual(['positive', 'neutral', 'negative']);
      expect(fake.requestsTo('chat').map((r) => r.outcome)).toEqual(['server_error', 'ok']);
    });

    it('500 with no retries left is a retryable ClassifierUnavailableError (the moderation call too)', async () => {
      fake.faultAlways('moderations', { kind: 'server_error', status: 503 });
      const { error } = await failure(classifier({ maxRetries: 0 }).classify(few));
      expect(error).toBeInstanceOf(ClassifierUnavailableError);
      expect(error).toMatchObject({ status: 503, retryable: true, code: 'classifier_unavailable' });
    });

    it('a hung request is a retryable ClassifierTimeoutError within the configured timeout', async () => {
      fake.faultAlways('chat', { kind: 'hang' });
      const { error, ms } = await failure(classifier({ timeoutMs: 300, maxRetries: 0 }).classify(few));
      expect(error).toBeInstanceOf(ClassifierTimeoutError);
      expect(error).toMatchObject({ retryable: true, code: 'classifier_timeout' });
      expect(ms).toBeGreaterThanOrEqual(250);
      expect(ms).toBeLessThan(1_500);
    });

    it('a hang then an answer: the SDK retry succeeds', async () => {
      fake.faultNext('chat', { kind: 'hang' });
      const results = await classifier({ timeoutMs: 300, maxRetries: 1 }).classify(few);
      expect(results).toHaveLength(3);
      expect(fake.requestsTo('chat').map((r) => r.outcome)).toEqual(['hang', 'ok']);
    });

    it('401 is a ClassifierRejectedError that a retry cannot fix', async () => {
      fake.faultAlways('chat', { kind: 'status', status: 401, body: { error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } } });
      const { error } = await failure(classifier({ maxRetries: 2 }).classify(few));
      expect(error).toBeInstanceOf(ClassifierRejectedError);
      expect(error).toMatchObject({ status: 401, retryable: false, code: 'classifier_rejected' });
      expect(fake.requestsTo('chat')).toHaveLength(1);
    });
  });

  describe('bad answers', () => {
    it('malformed JSON content is a ClassifierResponseError', async () => {
      fake.faultNext('chat', { kind: 'malformed_json' });
      const { error } = await failure(classifier().classify(few));
      expect(error).toBeInstanceOf(ClassifierResponseError);
      expect(error).toMatchObject({ retryable: true, message: expect.stringMatching(/not valid JSON/) });
    });

    it('a missing index is a ClassifierResponseError', async () => {
      fake.faultNext('chat', { kind: 'rewrite', rewrite: (answer) => ({ results: answer.results.slice(0, 2) }) });
      const { error } = await failure(classifier().classify(few));
      expect(error).toBeInstanceOf(ClassifierResponseError);
      expect((error as Error).message).toMatch(/index 3 is missing/);
    });

    it('a duplicated index is a ClassifierResponseError', async () => {
      fake.faultNext('chat', { kind: 'rewrite', rewrite: (answer) => ({ results: answer.results.map((r) => ({ ...r, index: Math.min(r.index, 2) })) }) });
      const { error } = await failure(classifier().classify(few));
      expect(error).toBeInstanceOf(ClassifierResponseError);
      expect((error as Error).message).toMatch(/index 2 is repeated.*index 3 is missing/);
    });

    it('a refusal is a ClassifierRefusalError that a retry cannot fix', async () => {
      fake.faultNext('chat', { kind: 'refusal', message: "I can't help with that." });
      const { error } = await failure(classifier({ maxRetries: 2 }).classify(few));
      expect(error).toBeInstanceOf(ClassifierRefusalError);
      expect(error).toMatchObject({ retryable: false, code: 'classifier_refused', refusal: "I can't help with that." });
      expect(fake.requestsTo('chat')).toHaveLength(1);
    });
  });
});
