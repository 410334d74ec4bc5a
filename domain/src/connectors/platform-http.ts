import { PlatformAuthError, PlatformError, PlatformGrantError, PlatformRateLimitError } from './platform-client.ts';

// The HTTP of every adapter: JSON in and out, a timeout, and the platform's answer sorted into the
// port's errors. `explain` reads the platform's own error body into one sentence.

// `waitMs`: how long a rate or quota error asks to wait when the platform says so in its body
// rather than in Retry-After (a daily quota resets at a known hour).
export type Explain = (status: number, body: unknown) => { message: string; kind?: 'auth' | 'grant' | 'rate'; waitMs?: number };

const defaultRetryAfterMs = 60_000;

/** Retry-After in seconds or as an HTTP date; a missing or unreadable one waits a minute. */
export function retryAfterMs(header: string | null, now = Date.now()): number {
  if (!header) return defaultRetryAfterMs;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? defaultRetryAfterMs : Math.max(0, at - now);
}

export async function callPlatform<T>(url: string, init: RequestInit & { timeoutMs?: number }, explain: Explain): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(init.timeoutMs ?? 30_000) });
  } catch (error) {
    throw new PlatformError(`${new URL(url).host} did not answer: ${(error as Error).message}`, 0);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  if (response.ok) return body as T;
  const { message, kind, waitMs } = explain(response.status, body);
  const detail = `${response.status} from ${new URL(url).host}${new URL(url).pathname}: ${message}`;
  if (response.status === 429 || kind === 'rate') throw new PlatformRateLimitError(detail, response.headers.has('retry-after') || waitMs === undefined ? retryAfterMs(response.headers.get('retry-after')) : waitMs);
  if (kind === 'grant') throw new PlatformGrantError(detail);
  if (response.status === 401 || kind === 'auth') throw new PlatformAuthError(detail);
  throw new PlatformError(detail, response.status);
}

export const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
  body: new URLSearchParams(fields).toString(),
});

/** A count the platform sends as a string or number; anything else is unknown. */
export function countOf(value: unknown): number | undefined {
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof number === 'number' && Number.isSafeInteger(number) && number >= 0 ? number : undefined;
}
