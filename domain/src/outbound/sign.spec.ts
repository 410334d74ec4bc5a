import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from './sign.ts';

describe('webhook signatures', () => {
  const body = '{"type":"brand_safety.spike"}';
  it('verifies what it signed, within the time tolerance', () => {
    const signature = signWebhook('s3cret', body, 1_000);
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhook('s3cret', body, 1_000, signature, 1_100)).toBe(true);
  });
  it('rejects another secret, a changed body and a replay', () => {
    const signature = signWebhook('s3cret', body, 1_000);
    expect(verifyWebhook('other', body, 1_000, signature, 1_000)).toBe(false);
    expect(verifyWebhook('s3cret', `${body} `, 1_000, signature, 1_000)).toBe(false);
    expect(verifyWebhook('s3cret', body, 1_000, signature, 2_000)).toBe(false);
  });
});
