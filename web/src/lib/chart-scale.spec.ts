import { describe, expect, it } from 'vitest';
import { niceMax, referenceLabelPlace, signedBars, type Box } from './chart-scale.ts';

describe('chart scales', () => {
  it('rounds an axis up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect([0.7, 1, 13, 23, 41, 380, 9_100].map(niceMax)).toEqual([1, 1, 20, 25, 50, 500, 10_000]);
    expect(niceMax(0)).toBe(1);
    expect(niceMax(Number.NaN)).toBe(1);
  });
});

describe('signed bars', () => {
  it('starts every bar at zero and runs negative values to the left', () => {
    const { zero, bar } = signedBars([-50, 150, null], 200);
    expect(zero).toBe(50);
    expect(bar(150)).toEqual({ x: 50, width: 150 });
    expect(bar(-50)).toEqual({ x: 0, width: 50 });
    expect(bar(null)).toBeNull();
  });
  it('puts zero at the left edge when every value is positive', () => {
    const { zero, bar } = signedBars([10, 40], 100);
    expect(zero).toBe(0);
    expect(bar(10)).toEqual({ x: 0, width: 25 });
  });
});

describe('a reference line label', () => {
  const figure = (center: number, baseline: number): Box => ({ left: center - 10, right: center + 10, top: baseline - 11, bottom: baseline + 3 });

  it('sits above the line at its right end when nothing is there', () => {
    expect(referenceLabelPlace(100, 400, 120, [figure(50, 60)])).toEqual({ x: 400, y: 95, anchor: 'end' });
  });
  it('moves below the line, then to the left end, away from the bars figures', () => {
    // The last bar's figure sits right on the line's label.
    expect(referenceLabelPlace(100, 400, 120, [figure(380, 96)])).toEqual({ x: 400, y: 114, anchor: 'end' });
    // Figures above and below the line at the right end: the left end, above the line.
    expect(referenceLabelPlace(100, 400, 120, [figure(380, 96), figure(340, 116)])).toEqual({ x: 0, y: 95, anchor: 'start' });
  });
  it('keeps the right end when every place is taken', () => {
    const everywhere = [figure(380, 96), figure(380, 116), figure(20, 96), figure(20, 116)];
    expect(referenceLabelPlace(100, 400, 120, everywhere)).toEqual({ x: 400, y: 95, anchor: 'end' });
  });
});
