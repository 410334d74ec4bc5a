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

/** A box in the chart's pixels: x from left to right, y from top to bottom. */
export type Box = { left: number; right: number; top: number; bottom: number };

const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/**
 * Where a reference line's label goes (an 11 px text `labelWidth` wide, on a line at `lineY` across
 * `width`): above the line at its right end, else below it, else at the left end above then below,
 * the first place none of `taken` (the bars' figures) covers. Against the right end alone, a last
 * bar as tall as the mean hid the label under its figure.
 */
export function referenceLabelPlace(lineY: number, width: number, labelWidth: number, taken: readonly Box[]): { x: number; y: number; anchor: 'start' | 'end' } {
  const places = [
    { x: width, y: lineY - 5, anchor: 'end' as const },
    { x: width, y: lineY + 14, anchor: 'end' as const },
    { x: 0, y: lineY - 5, anchor: 'start' as const },
    { x: 0, y: lineY + 14, anchor: 'start' as const },
  ];
  // A text's box around its baseline y: 11 px above it, 3 px below for descenders.
  const boxOf = (place: (typeof places)[number]): Box => ({
    left: place.anchor === 'end' ? place.x - labelWidth : place.x,
    right: place.anchor === 'end' ? place.x : place.x + labelWidth,
    top: place.y - 11,
    bottom: place.y + 3,
  });
  return places.find((place) => !taken.some((box) => overlaps(boxOf(place), box))) ?? places[0]!;
}
