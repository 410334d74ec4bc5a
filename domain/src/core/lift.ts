import type { MaybeNumber } from './ratio.ts';
import type { TwoProportionResult } from './stats.ts';
import { twoProportionTest } from './stats.ts';

export type Proportion = { successes: MaybeNumber; trials: MaybeNumber };

/** A lift in percent with the test behind it (rates, z, p-value, interval for the lift). */
export type Lift = { value: number | null; test: TwoProportionResult | null };

function lift(treatment: Proportion, control: Proportion, confidence?: number): Lift {
  const test = twoProportionTest(treatment.successes, treatment.trials, control.successes, control.trials, confidence);
  return { value: test?.relativeLift ?? null, test };
}

/**
 * (treatment conversion rate − holdout conversion rate) / holdout conversion rate × 100, for
 * paid-social tests and holdouts. successes = conversions, trials = people exposed (or held out).
 */
export function incrementalLift(input: { treatment: Proportion; holdout: Proportion; confidence?: number }): Lift {
  return lift(input.treatment, input.holdout, input.confidence);
}

/**
 * The same funnel metric (e.g. ctr: clicks over impressions) of the AI asset against the
 * control creative in one paid test, as a relative lift in percent.
 */
export function paidMediaLift(input: {
  metric: string;
  aiAsset: Proportion;
  control: Proportion;
  confidence?: number;
}): Lift & { metric: string } {
  return { ...lift(input.aiAsset, input.control, input.confidence), metric: input.metric };
}
