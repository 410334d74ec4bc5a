import { createHmac, timingSafeEqual } from 'node:crypto';

export const signatureHeader = 'x-persona-ops-signature';
export const timestampHeader = 'x-persona-ops-timestamp';

// HMAC-SHA256 over "<unix seconds>.<raw body>": the receiver recomputes it with the shared secret
// and rejects old timestamps, so a captured request cannot be replayed later.
export function signWebhook(secret: string, body: string, timestamp: number): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function verifyWebhook(secret: string, body: string, timestamp: number, signature: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, body, timestamp));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
