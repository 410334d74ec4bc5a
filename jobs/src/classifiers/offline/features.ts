/**
 * Hashed sparse features for the linear models.
 *
 * Feature families, each in its own hash namespace (seed):
 * - word unigrams (negation-marked text, e.g. `good_NEG`)
 * - word bigrams (over the same token texts)
 * - character n-grams (charMin..charMax) inside word boundaries, on the un-negated word padded with
 *   spaces: ` love ` -> ` l`, `lo`, … `ove `
 *
 * Hash: 32-bit FNV-1a over UTF-16 code units with a per-family seed, finished with the murmur3 fmix32
 * avalanche; the bucket is the top `bits` bits. Fixed seeds, so a text always maps to the same buckets
 * on every machine and run.
 *
 * Values: every feature counts 1. A model scales the word group (unigrams + bigrams) by
 * wordWeight / sqrt(#word features) and the character group by charWeight / sqrt(#char features), an
 * L2-like length normalisation so that long and short comments score on the same scale. The extractor
 * only lists buckets: word features first, then `wordCount`, then char features.
 */
import { type Token, TokenKind, tokenize } from './tokenizer.ts';

export interface FeatureConfig {
  /** log2 of the number of hash buckets */
  readonly bits: number;
  readonly charMin: number;
  readonly charMax: number;
  readonly bigrams: boolean;
}

/** Per-model weights of the two feature groups, applied after the 1/sqrt(n) normalisation. */
export interface GroupWeights {
  readonly wordWeight: number;
  readonly charWeight: number;
}

export const DEFAULT_FEATURE_CONFIG: FeatureConfig = {
  bits: 18,
  charMin: 2,
  charMax: 5,
  bigrams: true,
};

const FNV_PRIME = 16777619;
const SEED_WORD = 0x811c9dc5; // the FNV-1a offset basis
const SEED_CHAR = 0x2f6b7d13;
const SEED_BIGRAM = 0x5bd1e995;

/** murmur3 32-bit finaliser. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over the UTF-16 code units of `s`, starting from `seed`. */
export function fnv1a(s: string, seed: number = SEED_WORD): number {
  let h = seed | 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/** Reusable growable list of hashed buckets for one text: word features, then char features. */
export class FeatureVector {
  idx: Int32Array;
  length = 0;
  /** entries [0, wordCount) are word features, [wordCount, length) char features */
  wordCount = 0;

  constructor(capacity = 1024) {
    this.idx = new Int32Array(capacity);
  }

  clear(): void {
    this.length = 0;
    this.wordCount = 0;
  }

  push(bucket: number): void {
    if (this.length === this.idx.length) {
      const idx = new Int32Array(this.idx.length * 2);
      idx.set(this.idx);
      this.idx = idx;
    }
    this.idx[this.length++] = bucket;
  }

  /** Value of a word feature under `weights` (1 / sqrt(n) normalisation), 0 when there are none. */
  wordScale(weights: GroupWeights): number {
    return this.wordCount > 0 ? weights.wordWeight / Math.sqrt(this.wordCount) : 0;
  }

  charScale(weights: GroupWeights): number {
    const n = this.length - this.wordCount;
    return n > 0 ? weights.charWeight / Math.sqrt(n) : 0;
  }
}

function isWordLike(tok: Token): boolean {
  return tok.kind === TokenKind.word;
}

/**
 * Append the hashed features of `tokens` to `out` (which is cleared first).
 */
export function extractTokenFeatures(tokens: readonly Token[], config: FeatureConfig, out: FeatureVector): void {
  out.clear();
  const shift = 32 - config.bits;

  // word unigrams and bigrams
  let prev = 0;
  let hasPrev = false;
  for (const tok of tokens) {
    const h = fnv1a(tok.text, SEED_WORD);
    out.push(fmix32(h) >>> shift);
    if (config.bigrams && hasPrev) out.push(fmix32(Math.imul(prev ^ SEED_BIGRAM, FNV_PRIME) ^ h) >>> shift);
    prev = h;
    hasPrev = true;
  }
  out.wordCount = out.length;

  // character n-grams inside word boundaries
  const { charMin, charMax } = config;
  for (const tok of tokens) {
    if (!isWordLike(tok)) continue;
    const w = tok.base;
    const len = w.length + 2; // padded with a space on each side
    for (let i = 0; i < len; i++) {
      let h = SEED_CHAR;
      const end = Math.min(len, i + charMax);
      for (let j = i; j < end; j++) {
        const c = j === 0 || j === len - 1 ? 32 : w.charCodeAt(j - 1);
        h = Math.imul(h ^ c, FNV_PRIME);
        if (j - i + 1 >= charMin) out.push(fmix32(h) >>> shift);
      }
    }
  }
}

/** Tokenise and extract in one call. */
export function extractFeatures(text: string, config: FeatureConfig, out: FeatureVector): Token[] {
  const tokens = tokenize(text);
  extractTokenFeatures(tokens, config, out);
  return tokens;
}

