import { invalidInput } from './errors.ts';
import { assertCount } from './guards.ts';
import { normalCdf, normalQuantile } from './normal-distribution.ts';
import type { MaybeNumber } from './ratio.ts';

/**
 * The p-th percentile (0–100) by linear interpolation between closest ranks, the method of
 * Excel PERCENTILE.INC, NumPy's default and Hyndman & Fan type 7: sort ascending, take the
 * fractional rank h = (n − 1) × p / 100, and interpolate between the values at floor(h) and
 * ceil(h). So the median of [1, 2, 3, 4] is 2.5 and p90 of [1..10] is 9.1. Null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (!Number.isFinite(p) || p < 0 || p > 100) {
    throw invalidInput(`Percentile must be between 0 and 100 (got ${String(p)}).`);
  }
  if (values.some((v) => !Number.isFinite(v))) {
    throw invalidInput('Percentile values must be finite numbers.');
  }
  const sorted = [...values].sort((a, b) => a - b);
  const h = ((sorted.length - 1) * p) / 100;
  const lower = sorted[Math.floor(h)];
  const upper = sorted[Math.ceil(h)];
  if (lower === undefined || upper === undefined) return null;
  return lower + (h - Math.floor(h)) * (upper - lower);
}

export function median(values: readonly number[]): number | null {
  return percentile(values, 50);
}

export type Distribution = { median: number | null; p90: number | null; n: number };

export function distribution(values: readonly number[]): Distribution {
  return { median: median(values), p90: percentile(values, 90), n: values.length };
}

export type Interval = { low: number; high: number };

export type TwoProportionResult = {
  /** Success rates in percent. */
  rateA: number;
  rateB: number;
  /** rateA − rateB, in percentage points. */
  difference: number;
  /** (rateA − rateB) / rateB × 100; null when rateB is 0. */
  relativeLift: number | null;
  /** Pooled two-proportion z statistic; null when both groups are all-success or all-failure. */
  z: number | null;
  /** Two-sided p-value for "the rates differ". */
  pValue: number | null;
  confidence: number;
  /** Wald interval (unpooled standard error) for the difference, in percentage points. */
  differenceInterval: Interval;
  /**
   * Interval for the relative lift in percent: Katz's log method (normal approximation on
   * ln(rateA / rateB)), transformed back. Null when either group has no successes, where the
   * log is undefined.
   */
  liftInterval: Interval | null;
  /** pValue < 1 − confidence; null when pValue is. */
  significant: boolean | null;
};

/**
 * Compares group A's success rate with group B's (A = treatment / AI asset, B = holdout /
 * control) with the normal approximation. Null when any count is unknown or a group is empty.
 */
export function twoProportionTest(
  successA: MaybeNumber,
  totalA: MaybeNumber,
  successB: MaybeNumber,
  totalB: MaybeNumber,
  confidence = 0.95,
): TwoProportionResult | null {
  if (!Number.isFinite(confidence) || confidence <= 0 || confidence >= 1) {
    throw invalidInput(`Confidence must be between 0 and 1 exclusive (got ${String(confidence)}).`);
  }
  const counts = { successA, totalA, successB, totalB };
  for (const [name, value] of Object.entries(counts)) assertCount(name, value);
  if (!isKnown(successA) || !isKnown(totalA) || !isKnown(successB) || !isKnown(totalB)) return null;
  if (totalA === 0 || totalB === 0) return null;
  if (successA > totalA || successB > totalB) {
    throw invalidInput('Successes cannot exceed the group size.', counts);
  }

  const pA = successA / totalA;
  const pB = successB / totalB;
  const zCrit = normalQuantile(1 - (1 - confidence) / 2);

  const pooled = (successA + successB) / (totalA + totalB);
  const pooledSe = Math.sqrt(pooled * (1 - pooled) * (1 / totalA + 1 / totalB));
  const z = pooledSe > 0 ? (pA - pB) / pooledSe : null;
  const pValue = z === null ? null : Math.min(1, 2 * (1 - normalCdf(Math.abs(z))));

  const se = Math.sqrt((pA * (1 - pA)) / totalA + (pB * (1 - pB)) / totalB);
  const difference = (pA - pB) * 100;

  let liftInterval: Interval | null = null;
  if (successA > 0 && successB > 0) {
    const logSe = Math.sqrt(1 / successA - 1 / totalA + 1 / successB - 1 / totalB);
    const logRatio = Math.log(pA / pB);
    liftInterval = {
      low: (Math.exp(logRatio - zCrit * logSe) - 1) * 100,
      high: (Math.exp(logRatio + zCrit * logSe) - 1) * 100,
    };
  }

  return {
    rateA: (successA * 100) / totalA,
    rateB: (successB * 100) / totalB,
    difference,
    relativeLift: pB === 0 ? null : ((pA - pB) / pB) * 100,
    z,
    pValue,
    confidence,
    differenceInterval: { low: difference - zCrit * se * 100, high: difference + zCrit * se * 100 },
    liftInterval,
    significant: pValue === null ? null : pValue < 1 - confidence,
  };
}

function isKnown(value: MaybeNumber): value is number {
  return value !== null && value !== undefined;
}
