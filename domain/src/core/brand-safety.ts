/**
 * Brand-safety trend: the daily series of classified comments and the spike rule over it.
 *
 * Spike rule (detectSpikes), applied to each day and to each metric (negative share, flagged
 * share) on its own:
 * - The baseline is the `baselineDays` (default 7) days with data that come BEFORE the day, the
 *   nearest first. A day "with data" has at least one classified comment; days without comments
 *   are skipped, not counted as 0 %. Earlier spike days stay in the baseline, so a lasting shift
 *   is reported when it starts and then becomes the new normal.
 * - Fewer than `minBaselineDays` (default 3) such days: no spike, there is no history to compare with.
 * - The day needs at least `minComments` (default 20) classified comments: 3 negatives out of 5 is noise.
 * - mean and sd are the baseline days' shares (percent values), sd the sample standard deviation
 *   (n − 1). The sd used is at least `sdFloor` (default 2 percentage points), so a flat baseline
 *   does not turn every wobble into a spike.
 * - Spike when share ≥ mean + `sdMultiplier` (default 3) × max(sd, sdFloor)
 *   AND share ≥ `minRatio` (default 1.5) × mean. A value exactly on a bound is a spike.
 * Shares come from the KPI functions (sentiment_share's negative part, flagged_comment_rate).
 */
import { flaggedCommentRate, sentimentShare } from './audience.ts';
import { invalidInput } from './errors.ts';
import { assertCount, assertNonNegative } from './guards.ts';
import { mean } from './ratio.ts';
import { BRAND_SAFETY_CATEGORIES, type BrandSafetyCategory } from './safety-taxonomy.ts';

/** One UTC day's classified comments (latest classification of each), by label. */
export type DailyCommentCounts = {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  classified: number;
  positive: number;
  neutral: number;
  negative: number;
  /** Comments with at least one brand-safety flag. */
  flagged: number;
};

export type DailySafetyPoint = DailyCommentCounts & {
  /** positive, neutral and negative / classified × 100 (sentiment_share); null when the day has no classified comment. */
  positiveShare: number | null;
  neutralShare: number | null;
  negativeShare: number | null;
  /** flagged / classified × 100 (flagged_comment_rate); null when the day has no classified comment. */
  flaggedShare: number | null;
};

/** Adds the day's sentiment and flagged shares, from the KPI functions. */
export function dailySafetyPoint(counts: DailyCommentCounts): DailySafetyPoint {
  const { positive, neutral, negative } = counts;
  const classified = positive + neutral + negative;
  if (classified !== counts.classified) {
    throw invalidInput(`${counts.day}: positive + neutral + negative (${classified}) must equal classified (${counts.classified}).`, { day: counts.day });
  }
  const shares = sentimentShare({ positive, neutral, negative });
  return {
    ...counts,
    positiveShare: shares.positive,
    neutralShare: shares.neutral,
    negativeShare: shares.negative,
    flaggedShare: flaggedCommentRate({ flagged: counts.flagged, classified }),
  };
}

export type SpikeMetric = 'negative_share' | 'flagged_share';

export type SpikeRule = {
  baselineDays: number;
  minBaselineDays: number;
  minComments: number;
  sdMultiplier: number;
  /** Percentage points. */
  sdFloor: number;
  minRatio: number;
};

export const DEFAULT_SPIKE_RULE: Readonly<SpikeRule> = Object.freeze({
  baselineDays: 7,
  minBaselineDays: 3,
  minComments: 20,
  sdMultiplier: 3,
  sdFloor: 2,
  minRatio: 1.5,
});

export type Spike = {
  day: string;
  metric: SpikeMetric;
  /** The day's share, percent. */
  share: number;
  baselineMean: number;
  /** Sample standard deviation of the baseline shares, before the floor. */
  baselineSd: number;
  /** The share the day had to reach: max(mean + k × max(sd, floor), minRatio × mean). */
  threshold: number;
  /** Classified comments that day. */
  comments: number;
  baselineDays: number;
};

const METRICS: ReadonlyArray<[SpikeMetric, 'negativeShare' | 'flaggedShare']> = [
  ['negative_share', 'negativeShare'],
  ['flagged_share', 'flaggedShare'],
];

// Shares are floats (1/3 × 100); a value on the bound must not miss it by a rounding error.
const TOLERANCE = 1e-9;

function sampleSd(values: readonly number[], average: number): number {
  if (values.length < 2) return 0;
  return Math.sqrt(values.reduce((sum, v) => sum + (v - average) ** 2, 0) / (values.length - 1));
}

export function resolveSpikeRule(options: Partial<SpikeRule> = {}): SpikeRule {
  const rule = { ...DEFAULT_SPIKE_RULE, ...options };
  for (const name of ['baselineDays', 'minBaselineDays', 'minComments'] as const) assertCount(name, rule[name]);
  for (const name of ['sdMultiplier', 'sdFloor', 'minRatio'] as const) assertNonNegative(name, rule[name]);
  if (rule.minBaselineDays < 1 || rule.minBaselineDays > rule.baselineDays) {
    throw invalidInput(`minBaselineDays must be between 1 and baselineDays (${rule.baselineDays}); got ${rule.minBaselineDays}.`);
  }
  return rule;
}

/** Days whose negative or flagged share is far above its trailing baseline (rule at the top of this file). */
export function detectSpikes(series: readonly DailySafetyPoint[], options: Partial<SpikeRule> = {}): Spike[] {
  const rule = resolveSpikeRule(options);
  const days = series.filter((point) => point.classified > 0).sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  days.forEach((point, index) => {
    if (index > 0 && days[index - 1]!.day === point.day) throw invalidInput(`The series has the day ${point.day} twice.`, { day: point.day });
  });
  const spikes: Spike[] = [];
  days.forEach((point, index) => {
    if (point.classified < rule.minComments) return;
    const baseline = days.slice(Math.max(0, index - rule.baselineDays), index);
    if (baseline.length < rule.minBaselineDays) return;
    for (const [metric, key] of METRICS) {
      const share = point[key];
      const shares = baseline.map((day) => day[key]).filter((value): value is number => value !== null);
      const average = mean(shares);
      if (share === null || average === null || shares.length < rule.minBaselineDays) continue;
      const sd = sampleSd(shares, average);
      const threshold = Math.max(average + rule.sdMultiplier * Math.max(sd, rule.sdFloor), rule.minRatio * average);
      if (share + TOLERANCE >= threshold) {
        spikes.push({ day: point.day, metric, share, baselineMean: average, baselineSd: sd, threshold, comments: point.classified, baselineDays: shares.length });
      }
    }
  });
  return spikes;
}

export type CategoryRate = { category: BrandSafetyCategory; count: number; rate: number | null };

/**
 * Every brand-safety category with its comment count and flagged_comment_rate over the classified
 * comments, most frequent first (ties in taxonomy order). Unknown categories are ignored.
 */
export function flaggedByCategory(counts: Readonly<Partial<Record<string, number>>>, classified: number): CategoryRate[] {
  return BRAND_SAFETY_CATEGORIES.map((category) => {
    const count = counts[category] ?? 0;
    return { category, count, rate: flaggedCommentRate({ flagged: count, classified }) };
  }).sort((a, b) => b.count - a.count);
}
