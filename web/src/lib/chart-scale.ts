// The scales the charts do not take from LayerCake and d3-scale: a tier axis's round upper bound and
// the HTML ranking bars' signed lengths. Pure, so they are testable.

/** A round upper bound for an axis: 1, 2, 2.5 or 5 times a power of ten, at least `max`. */
export function niceMax(max: number): number {
  if (!Number.isFinite(max) || max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

/**
 * Horizontal bars that may be negative (ROI, net sentiment): the axis spans 0 and every value,
 * each bar starts at 0 and runs right (positive) or left (negative). Returns x and width.
 */
export function signedBars(values: readonly (number | null)[], width: number) {
  const known = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const hi = Math.max(0, ...known);
  const lo = Math.min(0, ...known);
  const span = hi - lo || 1;
  const zero = lo === 0 ? 0 : (-lo / span) * width;
  return {
    zero,
    // An arrow, not a method: callers destructure it (`const { zero, bar } = signedBars(...)`).
    bar: (value: number | null): { x: number; width: number } | null => {
      if (typeof value !== 'number' || !Number.isFinite(value)) return null;
      const end = ((value - lo) / span) * width;
      return { x: Math.min(zero, end), width: Math.abs(end - zero) };
    },
  };
}
