/**
 * Honest evaluation splits: a held-back slice that nothing is ever tuned on, and k fixed folds over
 * the rest for cross-validation.
 *
 * Both are decided by a hash of the text itself (FNV-1a + fmix32, fixed seeds), never by position or
 * a random generator: the same text always lands in the same place on every machine and run, a
 * duplicated text cannot sit on both sides of a split, and appending data does not reshuffle the
 * existing folds.
 */
import { fmix32, fnv1a } from './features.ts';

/** One text in HELD_BACK_EVERY is held back (10 %). */
export const HELD_BACK_EVERY = 10;
export const DEFAULT_FOLDS = 5;

const SEED_SPLIT = 0x3c6ef372;

function textHash(text: string): number {
  return fmix32(fnv1a(text, SEED_SPLIT));
}

export function isHeldBack(text: string): boolean {
  return textHash(text) % HELD_BACK_EVERY === 0;
}

/** Fold of a text that is not held back: 0 .. k-1 (independent bits of the same hash). */
export function foldOf(text: string, k: number = DEFAULT_FOLDS): number {
  return Math.floor(textHash(text) / HELD_BACK_EVERY) % k;
}

export interface LabelledTexts {
  readonly texts: readonly string[];
  readonly labels: readonly number[];
}

export interface EvaluationSplit {
  /** everything not held back, with its fold */
  readonly pool: LabelledTexts & { readonly folds: readonly number[] };
  readonly heldBack: LabelledTexts;
}

export function evaluationSplit(data: LabelledTexts, k: number = DEFAULT_FOLDS): EvaluationSplit {
  const pool = { texts: [] as string[], labels: [] as number[], folds: [] as number[] };
  const heldBack = { texts: [] as string[], labels: [] as number[] };
  data.texts.forEach((text, i) => {
    const label = data.labels[i] ?? 0;
    if (isHeldBack(text)) {
      heldBack.texts.push(text);
      heldBack.labels.push(label);
    } else {
      pool.texts.push(text);
      pool.labels.push(label);
      pool.folds.push(foldOf(text, k));
    }
  });
  return { pool, heldBack };
}

export interface Spread {
  readonly mean: number;
  /** sample standard deviation over the folds */
  readonly sd: number;
  readonly min: number;
  readonly max: number;
}

export function spread(values: readonly number[]): Spread {
  const n = values.length;
  if (n === 0) return { mean: Number.NaN, sd: Number.NaN, min: Number.NaN, max: Number.NaN };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = n > 1 ? values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1) : 0;
  return { mean, sd: Math.sqrt(variance), min: Math.min(...values), max: Math.max(...values) };
}

/** "66.1 ± 0.8" in percent. */
export function formatSpread(s: Spread): string {
  return `${(s.mean * 100).toFixed(1)} ± ${(s.sd * 100).toFixed(1)}`;
}
