/**
 * Errors of the remote comment classifier, each with a stable `code` and whether a retry can fix it.
 *
 * The job layer maps them: `retryable: false` -> BullMQ `UnrecoverableError`; `RateLimitedError`
 * -> delay the job by `retryAfterMs` (when the server said) instead of burning an attempt; any other
 * retryable error -> rethrow so the job's exponential backoff applies.
 */
export const CLASSIFIER_ERROR_CODES = {
  rateLimited: 'classifier_rate_limited',
  timeout: 'classifier_timeout',
  unavailable: 'classifier_unavailable',
  rejected: 'classifier_rejected',
  quotaExceeded: 'classifier_quota_exceeded',
  badResponse: 'classifier_bad_response',
  refused: 'classifier_refused',
} as const;
export type ClassifierErrorCode = (typeof CLASSIFIER_ERROR_CODES)[keyof typeof CLASSIFIER_ERROR_CODES];

export abstract class ClassifierError extends Error {
  abstract readonly code: ClassifierErrorCode;
  abstract readonly retryable: boolean;
}

/** 429 from the API after the SDK's own (short) retries. Retryable, after `retryAfterMs` if known. */
export class RateLimitedError extends ClassifierError {
  override readonly name = 'RateLimitedError';
  readonly code = CLASSIFIER_ERROR_CODES.rateLimited;
  readonly retryable = true;
  /** What the server asked for (`retry-after-ms` or `retry-after`); undefined when it did not say. */
  readonly retryAfterMs: number | undefined;

  constructor(retryAfterMs: number | undefined, options?: ErrorOptions) {
    super(
      retryAfterMs === undefined
        ? 'OpenAI rate limit reached; retry later.'
        : `OpenAI rate limit reached; retry after ${Math.ceil(retryAfterMs)} ms.`,
      options,
    );
    this.retryAfterMs = retryAfterMs;
  }
}

/** No answer within the configured timeout (after the SDK's retries). Retryable. */
export class ClassifierTimeoutError extends ClassifierError {
  override readonly name = 'ClassifierTimeoutError';
  readonly code = CLASSIFIER_ERROR_CODES.timeout;
  readonly retryable = true;
}

/** Connection failure or a 5xx/408/409 answer (after the SDK's retries). Retryable. */
export class ClassifierUnavailableError extends ClassifierError {
  override readonly name = 'ClassifierUnavailableError';
  readonly code = CLASSIFIER_ERROR_CODES.unavailable;
  readonly retryable = true;
  readonly status: number | undefined;

  constructor(message: string, status: number | undefined, options?: ErrorOptions) {
    super(message, options);
    this.status = status;
  }
}

/**
 * The API refused the request itself (400, 401, 403, 404, 422, or 429 `insufficient_quota`):
 * a configuration or account problem that a retry cannot fix.
 */
export class ClassifierRejectedError extends ClassifierError {
  override readonly name = 'ClassifierRejectedError';
  readonly code: typeof CLASSIFIER_ERROR_CODES.rejected | typeof CLASSIFIER_ERROR_CODES.quotaExceeded;
  readonly retryable = false;
  readonly status: number | undefined;

  constructor(message: string, status: number | undefined, options?: ErrorOptions & { quotaExceeded?: boolean }) {
    super(message, options);
    this.status = status;
    this.code = options?.quotaExceeded ? CLASSIFIER_ERROR_CODES.quotaExceeded : CLASSIFIER_ERROR_CODES.rejected;
  }
}

/**
 * The model answered, but not with what the schema asks: not JSON, wrong shape, a missing,
 * duplicated or unknown index, or an answer cut off at the token limit. Retryable: the model's
 * output varies between calls, and the job's attempts are bounded.
 */
export class ClassifierResponseError extends ClassifierError {
  override readonly name = 'ClassifierResponseError';
  readonly code = CLASSIFIER_ERROR_CODES.badResponse;
  readonly retryable = true;
}

/**
 * The model refused to classify the batch (the structured-output `refusal`, or a content-filter
 * stop). Not retryable: the same comments get the same refusal; send them elsewhere (offline).
 */
export class ClassifierRefusalError extends ClassifierError {
  override readonly name = 'ClassifierRefusalError';
  readonly code = CLASSIFIER_ERROR_CODES.refused;
  readonly retryable = false;
  readonly refusal: string;

  constructor(refusal: string, options?: ErrorOptions) {
    super(`OpenAI refused to classify the comments: ${refusal}`, options);
    this.refusal = refusal;
  }
}
