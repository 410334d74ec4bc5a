import { describe, expect, it } from 'vitest';
import { niceMax, signedBars } from './chart-scale.ts';

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
