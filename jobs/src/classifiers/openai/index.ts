// The OpenAI comment classifier: the adapter, its errors, and the pieces the job layer may reuse.
export * from './openai-classifier.ts';
export * from './classifier-errors.ts';
export { PROMPT_VERSION } from './comment-prompt.ts';
export { moderationToBrandSafety } from './moderation-categories.ts';
export { retryAfterMs } from './retry-after.ts';
