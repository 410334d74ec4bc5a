import type { Principal } from '../http/principal.ts';

type Entry = { principal: Principal; checkedAt: number };

/**
 * Active API keys this process looked up recently, by key hash. Every request carries its key; reading
 * it from PostgreSQL each time cost a round trip per request, the largest share of a list's time.
 * A key revoked through this process is forgotten at once; one revoked through another API process
 * is honoured there for at most `ttlMs` (README, "Operating it"). Unknown keys are never kept, so a
 * flood of bad keys cannot grow the map; `maxEntries` bounds the good ones.
 */
export class ApiKeyCache {
  readonly #entries = new Map<string, Entry>();
  // Last use is informational: written at most once per `lastUseEveryMs` per key, not on every request.
  readonly #lastUseWrittenAt = new Map<string, number>();

  readonly ttlMs: number;
  readonly lastUseEveryMs: number;
  readonly maxEntries: number;

  constructor(ttlMs: number, lastUseEveryMs = 60_000, maxEntries = 10_000) {
    this.ttlMs = ttlMs;
    this.lastUseEveryMs = lastUseEveryMs;
    this.maxEntries = maxEntries;
  }

  get(keyHash: string, now: number): Principal | undefined {
    const entry = this.#entries.get(keyHash);
    if (!entry) return undefined;
    if (now - entry.checkedAt < this.ttlMs) return entry.principal;
    this.#entries.delete(keyHash);
    return undefined;
  }

  remember(keyHash: string, principal: Principal, now: number) {
    if (this.ttlMs <= 0) return;
    // A Map iterates in insertion order: dropping the first entry drops the oldest.
    if (this.#entries.size >= this.maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(keyHash, { principal, checkedAt: now });
  }

  forget(keyId: string) {
    for (const [hash, entry] of this.#entries) if (entry.principal.keyId === keyId) this.#entries.delete(hash);
  }

  /** Whether this use should be written as the key's last use (and, if so, notes that it is). */
  lastUseDue(keyId: string, now: number): boolean {
    const written = this.#lastUseWrittenAt.get(keyId);
    if (written !== undefined && now - written < this.lastUseEveryMs) return false;
    if (this.#lastUseWrittenAt.size >= this.maxEntries) this.#lastUseWrittenAt.clear();
    this.#lastUseWrittenAt.set(keyId, now);
    return true;
  }
}
