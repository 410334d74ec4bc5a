export type MaybeNumber = number | null | undefined;

function usable(value: MaybeNumber): value is number {
  return value !== null && value !== undefined && Number.isFinite(value);
}

/**
 * numerator / denominator, or null ("not enough data") when either side is unknown or the
 * denominator is 0. Never returns NaN or Infinity.
 */
export function ratio(numerator: MaybeNumber, denominator: MaybeNumber): number | null {
  if (!usable(numerator) || !usable(denominator) || denominator === 0) return null;
  const result = numerator / denominator;
  return Number.isFinite(result) ? result : null;
}

/**
 * ratio × 100 as a percent value (4 means 4 %), unrounded. Multiplying before dividing keeps
 * whole-number inputs exact (400 / 10,000 gives exactly 4), so values on a tier boundary land on it.
 */
export function percent(numerator: MaybeNumber, denominator: MaybeNumber): number | null {
  if (!usable(numerator)) return null;
  return ratio(numerator * 100, denominator);
}

/** a − b, or null when either is unknown. */
export function difference(a: MaybeNumber, b: MaybeNumber): number | null {
  return usable(a) && usable(b) ? a - b : null;
}

/** Sums the known values; null when every value is unknown. */
export function sumKnown(values: readonly MaybeNumber[]): number | null {
  const known = values.filter(usable);
  return known.length === 0 ? null : known.reduce((a, b) => a + b, 0);
}

/** Arithmetic mean; null for an empty list. */
export function mean(values: readonly number[]): number | null {
  return ratio(
    values.reduce((a, b) => a + b, 0),
    values.length,
  );
}
