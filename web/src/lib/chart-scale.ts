// Scales for the hand-made SVG charts: pure, so each chart's geometry is testable.

/** A round upper bound for an axis: 1, 2, 2.5 or 5 times a power of ten, at least `max`. */
export function niceMax(max: number): number {
  if (!Number.isFinite(max) || max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

/** Evenly spaced ticks from 0 to `top` (inclusive), `count` intervals. */
export function ticks(top: number, count = 4): number[] {
  return Array.from({ length: count + 1 }, (_, i) => (top * i) / count);
}

/** Maps [0, domainMax] onto [0, rangeMax], clamped; a value that is not finite maps to 0. */
export function linear(domainMax: number, rangeMax: number) {
  return (value: number | null | undefined): number => {
    if (typeof value !== 'number' || !Number.isFinite(value) || domainMax <= 0) return 0;
    return Math.max(0, Math.min(rangeMax, (value / domainMax) * rangeMax));
  };
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

/** Whole UTC days between two ISO dates ("2026-11-01"), as a number (b − a). */
export function dayIndex(first: string, day: string): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / 86_400_000);
}

/** An SVG polyline's points for a daily series over [first, last]. */
export function dailyLine(points: readonly { date: string; value: number }[], first: string, last: string, width: number, height: number, yMax: number): string {
  const span = Math.max(1, dayIndex(first, last));
  const x = linear(span, width);
  const y = linear(yMax, height);
  return points.map((p) => `${x(dayIndex(first, p.date)).toFixed(1)},${(height - y(p.value)).toFixed(1)}`).join(' ');
}

/** The drawing area inside a chart's margins, which hold the axis labels. */
export function plotSize(width: number, height: number, margin: { top: number; right: number; bottom: number; left: number }): { plotW: number; plotH: number } {
  return { plotW: width - margin.left - margin.right, plotH: height - margin.top - margin.bottom };
}
