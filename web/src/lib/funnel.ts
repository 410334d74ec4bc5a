// The funnel chart's geometry: views → clicks → registrations → target actions. Each step is a bar
// whose length is its share of the first step on a log scale (clicks are often 1 % of views, so a
// linear scale would hide every step after the first), with the rate from the step before.

export type FunnelStep = { step: string; count: number | null; rate: number | null; overallRate: number | null };
export type FunnelDrop = { from: string; to: string; rate: number; drop: number } | null;
export type FunnelBar = FunnelStep & { width: number; biggestDrop: boolean };

/**
 * Bar widths in [minWidth, maxWidth]: the largest count gets maxWidth, each tenfold drop takes
 * an equal slice, so the smallest count still shows. A step without a count gets width 0.
 * `biggestDrop` marks the step the biggest drop leads to.
 */
export function funnelBars(steps: readonly FunnelStep[], drop: FunnelDrop, maxWidth: number, minWidth = maxWidth * 0.06): FunnelBar[] {
  const counts = steps.map((s) => s.count).filter((c): c is number => typeof c === 'number' && c > 0);
  const top = Math.max(0, ...counts);
  const bottom = Math.min(...counts);
  const decades = top > 0 && bottom < top ? Math.log10(top / bottom) : 0;
  return steps.map((s) => {
    let width = 0;
    if (typeof s.count === 'number' && s.count > 0 && top > 0) {
      width = decades === 0 ? maxWidth : minWidth + ((maxWidth - minWidth) * (decades - Math.log10(top / s.count))) / decades;
    }
    return { ...s, width, biggestDrop: drop !== null && drop.to === s.step };
  });
}
