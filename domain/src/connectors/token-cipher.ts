import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

// Platform tokens at rest: AES-256-GCM with a random 96-bit nonce per value. Each ciphertext
// names the key that sealed it (`<keyId>:<iv>:<tag>:<data>`, base64url), so after a rotation the
// previous keys still open the tokens sealed before it while every new value uses the current key.

export type TokenKey = { id: string; key: Buffer };
export type TokenKeyring = { current: TokenKey; previous: readonly TokenKey[] };

const keyIdPattern = /^[A-Za-z0-9_-]{1,32}$/;

/** A key from its base64 text; refuses anything but 32 bytes, naming the variable it came from. */
export function tokenKeyOf(id: string, base64: string, variable: string): TokenKey {
  if (!keyIdPattern.test(id)) throw new Error(`${variable}: the key id "${id}" must be 1-32 letters, digits, - or _`);
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new Error(`${variable}: must be 32 random bytes in base64 (openssl rand -base64 32); got ${key.length} bytes`);
  return { id, key };
}

export function sealToken(keyring: TokenKeyring, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyring.current.key, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [keyring.current.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join(':');
}

export class TokenKeyMissingError extends Error {
  readonly keyId: string;
  constructor(keyId: string) {
    super(`The token was sealed with key "${keyId}", which is neither CONNECTOR_TOKEN_KEY_ID nor in CONNECTOR_TOKEN_PREVIOUS_KEYS; reconnect the account or restore that key.`);
    this.name = 'TokenKeyMissingError';
    this.keyId = keyId;
  }
}

export function openToken(keyring: TokenKeyring, sealed: string): string {
  const [keyId, iv, tag, data] = sealed.split(':');
  if (!keyId || !iv || !tag || data === undefined) throw new Error('openToken: not a sealed token');
  const key = [keyring.current, ...keyring.previous].find((candidate) => candidate.id === keyId);
  if (!key) throw new TokenKeyMissingError(keyId);
  const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}

/** The id of the key that sealed a value (a rotation re-seals the values whose key is not the current one). */
export const keyIdOf = (sealed: string) => sealed.slice(0, sealed.indexOf(':'));
