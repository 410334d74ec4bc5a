/**
 * The OpenAI adapter of the `CommentClassifier` port.
 *
 * One batch (up to `batchSize` comments) costs two API calls made side by side:
 * - a chat completion with a strict structured output (zod schema): sentiment, score and flags per
 *   comment, the comments sent as a numbered JSON list;
 * - a moderation call (`omni-moderation-latest`) whose categories are mapped onto ours and merged.
 * `mentionsCharacter` and the `competitor` flag from the configured rival names are decided here,
 * deterministically; the model may add `competitor` only when rivals are configured.
 *
 * Retries: the SDK retries 5xx, 408/409, connection errors and timeouts up to `maxRetries` times
 * (keep it small: the BullMQ job has its own attempts). It would also sleep on a 429 for up to 60 s;
 * a fetch wrapper lets it do so only when the server asks for at most `maxInlineRetryAfterMs`, so a
 * long rate-limit wait becomes a `RateLimitedError` the job layer turns into a delayed job instead
 * of a blocked worker. Every failure surfaces as a `ClassifierError` (see classifier-errors.ts).
 */
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, RateLimitError } from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import {
  BRAND_SAFETY_CATEGORIES,
  type BrandSafetyCategory,
  type CommentClassification,
  type CommentClassifier,
  type CommentToClassify,
} from '@persona-ops/domain/core';
import {
  ClassifierError,
  ClassifierRefusalError,
  ClassifierRejectedError,
  ClassifierResponseError,
  ClassifierTimeoutError,
  ClassifierUnavailableError,
  RateLimitedError,
} from './classifier-errors.ts';
import { PROMPT_VERSION, answerFormatSchema, buildSystemPrompt, buildUserMessage, parseAnswer, type LabelledComment } from './comment-prompt.ts';
import { moderationToBrandSafety } from './moderation-categories.ts';
import { mentionsName } from '../offline/character-mentions.ts';
import { retryAfterMs } from './retry-after.ts';

export const OPENAI_CLASSIFIER_NAME = 'openai';
export const DEFAULT_OPENAI_MODEL = 'gpt-4o-mini';
export const MODERATION_MODEL = 'omni-moderation-latest';

export type OpenAiPricing = { inputPerMillionUsd: number; outputPerMillionUsd: number };

/** List prices (USD per million tokens, standard tier) of the models we expect; pass `pricing` for others. */
export const KNOWN_OPENAI_PRICING: Readonly<Record<string, OpenAiPricing>> = {
  'gpt-4o-mini': { inputPerMillionUsd: 0.15, outputPerMillionUsd: 0.6 },
  'gpt-4o': { inputPerMillionUsd: 2.5, outputPerMillionUsd: 10 },
  'gpt-4.1': { inputPerMillionUsd: 2, outputPerMillionUsd: 8 },
  'gpt-4.1-mini': { inputPerMillionUsd: 0.4, outputPerMillionUsd: 1.6 },
  'gpt-4.1-nano': { inputPerMillionUsd: 0.1, outputPerMillionUsd: 0.4 },
};

export type OpenAiClassifierOptions = {
  apiKey: string;
  /** e.g. a proxy or a test server; the SDK's default (api.openai.com) when absent. */
  baseURL?: string;
  model?: string;
  /** Comments per chat request. Default 50. */
  batchSize?: number;
  /** Per HTTP attempt. Default 60 000. */
  timeoutMs?: number;
  /** SDK retries per call (5xx, timeouts, connection errors, short 429s). Default 1. */
  maxRetries?: number;
  /** A 429 asking to wait longer than this is not retried in-process but surfaced. Default 2 000. */
  maxInlineRetryAfterMs?: number;
  /** Required for a model not in KNOWN_OPENAI_PRICING. */
  pricing?: OpenAiPricing;
  /** Rival brand names (and handles) that earn the `competitor` flag. */
  competitors?: string[];
};

export type ClassifierUsage = {
  promptTokens: number;
  completionTokens: number;
  /** Millionths of a USD (tokens × USD per million tokens), rounded. Moderation is free. */
  costUsdMicros: number;
  /** API calls made (chat + moderation), not counting the SDK's internal retries. */
  requests: number;
};

export type ClassifiedBatch = { results: CommentClassification[]; usage: ClassifierUsage };

export type OpenAiClassifier = CommentClassifier & {
  readonly name: typeof OPENAI_CLASSIFIER_NAME;
  /** `openai:<model>:<prompt version>` */
  readonly version: string;
  classifyBatch(comments: CommentToClassify[]): Promise<ClassifiedBatch>;
};

type Tally = { promptTokens: number; completionTokens: number; requests: number };

export function createOpenAiClassifier(options: OpenAiClassifierOptions): OpenAiClassifier {
  const model = options.model ?? DEFAULT_OPENAI_MODEL;
  const batchSize = options.batchSize ?? 50;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const maxRetries = options.maxRetries ?? 1;
  const maxInlineRetryAfterMs = options.maxInlineRetryAfterMs ?? 2_000;
  const competitors = (options.competitors ?? []).filter((name) => name.trim() !== '');
  const knownPricing = options.pricing ?? KNOWN_OPENAI_PRICING[model];

  if (options.apiKey.trim() === '') throw new TypeError('createOpenAiClassifier: apiKey is empty.');
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new TypeError(`createOpenAiClassifier: batchSize must be a positive integer, got ${batchSize}.`);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw new TypeError(`createOpenAiClassifier: timeoutMs must be a positive integer, got ${timeoutMs}.`);
  if (!Number.isInteger(maxRetries) || maxRetries < 0) throw new TypeError(`createOpenAiClassifier: maxRetries must be a whole number, got ${maxRetries}.`);
  if (!knownPricing) throw new TypeError(`createOpenAiClassifier: no known price for model "${model}"; pass pricing { inputPerMillionUsd, outputPerMillionUsd }.`);
  const pricing: OpenAiPricing = knownPricing;

  const client = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    timeout: timeoutMs,
    maxRetries,
    fetch: rateLimitAwareFetch(maxInlineRetryAfterMs),
  });
  const version = `${OPENAI_CLASSIFIER_NAME}:${model}:${PROMPT_VERSION}`;
  const systemPrompt = buildSystemPrompt(competitors);
  const responseFormat = zodResponseFormat(answerFormatSchema(competitors), 'comment_labels');
  // Reasoning models accept only the default temperature.
  const temperature = /^(o\d|gpt-5)/.test(model) ? undefined : 0;

  async function label(texts: string[], signal: AbortSignal, tally: Tally): Promise<LabelledComment[]> {
    tally.requests += 1;
    const completion = await client.chat.completions.create(
      {
        model,
        ...(temperature === undefined ? {} : { temperature }),
        store: false,
        max_completion_tokens: 200 + 80 * texts.length,
        response_format: responseFormat,
        messages: [
          { role: 'system', content: systemPrompt },
          { role: 'user', content: buildUserMessage(texts) },
        ],
      },
      { signal },
    );
    tally.promptTokens += completion.usage?.prompt_tokens ?? 0;
    tally.completionTokens += completion.usage?.completion_tokens ?? 0;
    const choice = completion.choices[0];
    if (!choice) throw new ClassifierResponseError('The model returned no answer (no choices).');
    if (choice.message.refusal) throw new ClassifierRefusalError(choice.message.refusal);
    if (choice.finish_reason === 'content_filter') throw new ClassifierRefusalError('the answer was stopped by the content filter.');
    if (choice.finish_reason === 'length') {
      throw new ClassifierResponseError(`The model's answer was cut off at the token limit for ${texts.length} comments; lower batchSize.`);
    }
    if (choice.message.content == null) throw new ClassifierResponseError('The model returned an empty answer.');
    return parseAnswer(choice.message.content, texts.length);
  }

  async function moderate(texts: string[], signal: AbortSignal, tally: Tally): Promise<BrandSafetyCategory[][]> {
    tally.requests += 1;
    const response = await client.moderations.create({ model: MODERATION_MODEL, input: texts }, { signal });
    if (response.results.length !== texts.length) {
      throw new ClassifierResponseError(`The moderation endpoint returned ${response.results.length} results for ${texts.length} comments.`);
    }
    return response.results.map((result) => moderationToBrandSafety(result.categories));
  }

  async function classifyChunk(chunk: CommentToClassify[], tally: Tally): Promise<CommentClassification[]> {
    const texts = chunk.map((comment) => comment.text);
    // When one call fails the other is cancelled: its answer would be thrown away anyway.
    const controller = new AbortController();
    const failFast = <T>(promise: Promise<T>) =>
      promise.catch((error: unknown) => {
        controller.abort();
        throw toClassifierError(error);
      });
    const [labels, moderation] = await Promise.all([
      failFast(label(texts, controller.signal, tally)),
      failFast(moderate(texts, controller.signal, tally)),
    ]);
    return chunk.map((comment, i) => {
      const labelled = labels[i];
      if (!labelled) throw new ClassifierResponseError(`No label for comment ${comment.id}.`);
      const flags = new Set<BrandSafetyCategory>(moderation[i] ?? []);
      for (const flag of labelled.flags) if (flag !== 'competitor' || competitors.length > 0) flags.add(flag);
      if (mentionsName(comment.text, competitors)) flags.add('competitor');
      return {
        id: comment.id,
        sentiment: labelled.sentiment,
        score: labelled.score,
        flags: BRAND_SAFETY_CATEGORIES.filter((category) => flags.has(category)),
        mentionsCharacter: mentionsName(comment.text, comment.characterNames),
        classifier: OPENAI_CLASSIFIER_NAME,
        version,
      };
    });
  }

  async function classifyBatch(comments: CommentToClassify[]): Promise<ClassifiedBatch> {
    const tally: Tally = { promptTokens: 0, completionTokens: 0, requests: 0 };
    const results: CommentClassification[] = [];
    // Batches run one after another: gentler on the rate limit, and a failure stops the spending.
    for (let start = 0; start < comments.length; start += batchSize) {
      results.push(...(await classifyChunk(comments.slice(start, start + batchSize), tally)));
    }
    const costUsdMicros = Math.round(tally.promptTokens * pricing.inputPerMillionUsd + tally.completionTokens * pricing.outputPerMillionUsd);
    return { results, usage: { ...tally, costUsdMicros } };
  }

  return {
    name: OPENAI_CLASSIFIER_NAME,
    version,
    classifyBatch,
    async classify(comments) {
      return (await classifyBatch(comments)).results;
    },
  };
}

/** Maps what the SDK throws onto the classifier errors; anything else passes through unchanged. */
export function toClassifierError(error: unknown): unknown {
  if (error instanceof ClassifierError || error instanceof APIUserAbortError) return error;
  if (error instanceof APIConnectionTimeoutError) {
    return new ClassifierTimeoutError('OpenAI did not answer within the configured timeout.', { cause: error });
  }
  if (error instanceof APIConnectionError) {
    return new ClassifierUnavailableError(`Could not reach OpenAI: ${error.message}`, undefined, { cause: error });
  }
  if (error instanceof RateLimitError) {
    if (error.code === 'insufficient_quota') {
      return new ClassifierRejectedError('The OpenAI account has no quota left: check its plan and billing.', 429, { cause: error, quotaExceeded: true });
    }
    return new RateLimitedError(retryAfterMs(error.headers), { cause: error });
  }
  if (error instanceof APIError) {
    const status = typeof error.status === 'number' ? error.status : undefined;
    if (status !== undefined && (status >= 500 || status === 408 || status === 409)) {
      return new ClassifierUnavailableError(`OpenAI answered ${status}: ${error.message}`, status, { cause: error });
    }
    return new ClassifierRejectedError(`OpenAI rejected the request (${status ?? 'no status'}): ${error.message}`, status, { cause: error });
  }
  return error;
}

/**
 * fetch for the SDK: a 429 whose wait is longer than `maxInlineMs`, or that means the quota is
 * spent, is marked `x-should-retry: false` (a header the SDK obeys), so the SDK hands it back at
 * once instead of sleeping up to 60 s in the worker.
 */
function rateLimitAwareFetch(maxInlineMs: number): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (response.status !== 429) return response;
    const wait = retryAfterMs(response.headers);
    const quotaSpent = await response
      .clone()
      .json()
      .then((body: unknown) => isQuotaError(body))
      .catch(() => false);
    if (!quotaSpent && (wait === undefined || wait <= maxInlineMs)) return response;
    const headers = new Headers(response.headers);
    headers.set('x-should-retry', 'false');
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
}

function isQuotaError(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = body.error;
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'insufficient_quota';
}
