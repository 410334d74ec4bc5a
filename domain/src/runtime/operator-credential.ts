import { createHash, timingSafeEqual } from 'node:crypto';

// The operator's credential (OPERATOR_PASSWORD): it opens what spans every workspace (the queue
// board, /metrics of the API and of the workers), never a workspace's API key. HTTP Basic with any
// user name, because a browser (the board) and Prometheus can both send it.

/** The password of an HTTP Basic header (any user name), or null. */
export function basicPassword(header: string | undefined): string | null {
  const encoded = header?.match(/^Basic\s+(\S+)$/i)?.[1];
  if (!encoded) return null;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : decoded.slice(colon + 1);
}

/** Constant time whatever the lengths: both sides are hashed to 32 bytes first. */
export function passwordMatches(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected)) && expected.length > 0;
}

/** Whether an Authorization header carries the operator password. */
export function isOperator(authorization: string | undefined, operatorPassword: string): boolean {
  const password = basicPassword(authorization);
  return password !== null && passwordMatches(password, operatorPassword);
}
