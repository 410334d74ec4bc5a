import { describe, expect, it } from 'vitest';
import { ApiKeyCache } from './api-key-cache.ts';

const principal = (keyId: string) => ({ workspaceId: 'w', userId: 'u', role: 'admin' as const, keyId });

describe('ApiKeyCache', () => {
  it('trusts a looked-up key for its time to live, then asks again', () => {
    const cache = new ApiKeyCache(5_000);
    cache.remember('hash-a', principal('a'), 1_000);
    expect(cache.get('hash-a', 5_999)).toEqual(principal('a'));
    expect(cache.get('hash-a', 6_000)).toBeUndefined();
    expect(cache.get('hash-a', 6_001)).toBeUndefined();
  });

  it('forgets a revoked key at once, by its id', () => {
    const cache = new ApiKeyCache(5_000);
    cache.remember('hash-a', principal('a'), 0);
    cache.remember('hash-b', principal('b'), 0);
    cache.forget('a');
    expect(cache.get('hash-a', 1)).toBeUndefined();
    expect(cache.get('hash-b', 1)).toEqual(principal('b'));
  });

  it('keeps nothing with a time to live of zero', () => {
    const cache = new ApiKeyCache(0);
    cache.remember('hash-a', principal('a'), 0);
    expect(cache.get('hash-a', 0)).toBeUndefined();
  });

  it('holds at most maxEntries keys, dropping the oldest', () => {
    const cache = new ApiKeyCache(5_000, 60_000, 2);
    cache.remember('hash-a', principal('a'), 0);
    cache.remember('hash-b', principal('b'), 0);
    cache.remember('hash-c', principal('c'), 0);
    expect(cache.get('hash-a', 1)).toBeUndefined();
    expect(cache.get('hash-b', 1)).toEqual(principal('b'));
    expect(cache.get('hash-c', 1)).toEqual(principal('c'));
  });

  it('asks for a last-use write once per interval per key', () => {
    const cache = new ApiKeyCache(5_000, 60_000);
    expect(cache.lastUseDue('a', 0)).toBe(true);
    expect(cache.lastUseDue('a', 59_999)).toBe(false);
    expect(cache.lastUseDue('b', 59_999)).toBe(true);
    expect(cache.lastUseDue('a', 60_000)).toBe(true);
  });
});
