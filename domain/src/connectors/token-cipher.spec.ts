import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keyIdOf, openToken, sealToken, tokenKeyOf, TokenKeyMissingError } from './token-cipher.ts';

const key = (id: string) => tokenKeyOf(id, randomBytes(32).toString('base64'), 'TEST_KEY');

describe('token sealing', () => {
  it('seals with a fresh nonce under the current key and opens what it sealed', () => {
    const keyring = { current: key('k1'), previous: [] };
    const a = sealToken(keyring, 'ya29.secret');
    const b = sealToken(keyring, 'ya29.secret');
    expect(a).not.toBe(b);
    expect(a).not.toContain('secret');
    expect(keyIdOf(a)).toBe('k1');
    expect(openToken(keyring, a)).toBe('ya29.secret');
  });

  it('after a rotation opens old tokens with the previous key and seals new ones with the new key', () => {
    const old = key('k1');
    const sealedBefore = sealToken({ current: old, previous: [] }, 'refresh-1');
    const rotated = { current: key('k2'), previous: [old] };
    expect(openToken(rotated, sealedBefore)).toBe('refresh-1');
    expect(keyIdOf(sealToken(rotated, 'refresh-1'))).toBe('k2');
    expect(() => openToken({ current: rotated.current, previous: [] }, sealedBefore)).toThrow(TokenKeyMissingError);
  });

  it('refuses a tampered ciphertext and a key that is not 32 bytes', () => {
    const keyring = { current: key('k1'), previous: [] };
    const sealed = sealToken(keyring, 'token');
    const [id, iv, tag, data] = sealed.split(':');
    const flipped = Buffer.from(data!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => openToken(keyring, [id, iv, tag, flipped.toString('base64url')].join(':'))).toThrow();
    expect(() => tokenKeyOf('k1', randomBytes(16).toString('base64'), 'CONNECTOR_TOKEN_KEY')).toThrow(/32 random bytes/);
  });
});
