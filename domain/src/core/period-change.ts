/*
 * A KPI this period against the same KPI over the previous period. A rate (a percentage) moves in
 * percentage points, since "+50 %" of a 2 % CTR is ambiguous; a count, an amount or a duration by
 * its relative change in percent. A change that cannot be worked out is null with the reason:
 * missing is never read as zero.
 */

export const changeMeasures = ['points', 'relative'] as const;
/** points: current − previous, in percentage points; relative: (current − previous) / previous × 100. */
export type ChangeMeasure = (typeof changeMeasures)[number];

export const changeDirections = ['up', 'down', 'flat'] as const;
export type ChangeDirection = (typeof changeDirections)[number];

export const changeUnavailableReasons = [
  /** The period has no start (all time), so there is nothing before it of the same length. */
  'no_previous_period',
  'current_unknown',
  'previous_unknown',
  /** Growth from zero has no percentage. */
  'previous_zero',
  /** Growth from a negative base has no meaningful percentage (its sign would flip). */
  'previous_negative',
  /** Amounts in two currencies are not compared without a rate. */
  'currency_differs',
] as const;
export type ChangeUnavailableReason = (typeof changeUnavailableReasons)[number];

/** One KPI's value in one period; money carries its currency. */
export type PeriodFigure = { value: number | null; currency?: string | null };

export type PeriodChange = {
  current: number | null;
  previous: number | null;
  currency: string | null;
  measure: ChangeMeasure;
  /** Percentage points (measure points) or percent (measure relative); null with a reason. */
  change: number | null;
  /** Which way the value moved; null when either value is unknown (or the currencies differ). */
  direction: ChangeDirection | null;
  reason: ChangeUnavailableReason | null;
};

const finite = (value: number | null | undefined): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * The change of one KPI from the previous period to this one. `previous` is null when there is no
 * previous period at all; a previous figure whose value is null is a period without enough data.
 */
export function periodChange(current: PeriodFigure, previous: PeriodFigure | null, measure: ChangeMeasure): PeriodChange {
  const currency = current.currency ?? previous?.currency ?? null;
  const base = { current: finite(current.value) ? current.value : null, previous: previous && finite(previous.value) ? previous.value : null, currency, measure };
  const unavailable = (reason: ChangeUnavailableReason, direction: ChangeDirection | null = null): PeriodChange => ({ ...base, change: null, direction, reason });

  if (previous === null) return unavailable('no_previous_period');
  if (base.current === null) return unavailable('current_unknown');
  if (base.previous === null) return unavailable('previous_unknown');
  if ((current.currency ?? null) !== (previous.currency ?? null)) return unavailable('currency_differs');

  const difference = base.current - base.previous;
  const direction: ChangeDirection = difference > 0 ? 'up' : difference < 0 ? 'down' : 'flat';
  if (measure === 'points') return { ...base, change: difference, direction, reason: null };
  // The direction still holds from a zero or negative base; only the percentage has no meaning.
  if (base.previous === 0) return unavailable('previous_zero', direction);
  if (base.previous < 0) return unavailable('previous_negative', direction);
  return { ...base, change: (difference / base.previous) * 100, direction, reason: null };
}
