import { describe, expect, it } from 'vitest';
import { dailyLine, dayIndex, linear, niceMax, plotSize, signedBars, ticks } from './chart-scale.ts';

describe('chart scales', () => {
  it('rounds an axis up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect([0.7, 1, 13, 23, 41, 380, 9_100].map(niceMax)).toEqual([1, 1, 20, 25, 50, 500, 10_000]);
    expect(niceMax(0)).toBe(1);
    expect(niceMax(Number.NaN)).toBe(1);
  });
  it('spaces ticks evenly from zero', () => {
    expect(ticks(25, 5)).toEqual([0, 5, 10, 15, 20, 25]);
  });
  it('maps values onto the range, clamped, and missing values to zero', () => {
    const x = linear(50, 200);
    expect([x(25), x(80), x(-3), x(null)]).toEqual([100, 200, 0, 0]);
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

describe('daily lines', () => {
  it('places each day along the x axis and its value up the y axis', () => {
    const points = [{ date: '2026-11-01', value: 0 }, { date: '2026-11-03', value: 50 }, { date: '2026-11-05', value: 100 }];
    expect(dailyLine(points, '2026-11-01', '2026-11-05', 400, 200, 100)).toBe('0.0,200.0 200.0,100.0 400.0,0.0');
    expect(dayIndex('2026-10-31', '2026-11-02')).toBe(2);
  });
  it('leaves the margins out of the plot area', () => {
    expect(plotSize(760, 280, { top: 14, right: 16, bottom: 34, left: 64 })).toEqual({ plotW: 680, plotH: 232 });
  });
});
