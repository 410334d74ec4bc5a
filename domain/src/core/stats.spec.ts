import { describe, expect, it } from 'vitest';
import { median, percentile, twoProportionTest } from './stats.ts';

describe('median and percentile (linear interpolation between closest ranks)', () => {
  it('is null for no values', () => {
    expect(median([])).toBeNull();
    expect(percentile([], 90)).toBeNull();
  });

  it('interpolates', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBeCloseTo(9.1, 10);
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([1, 2], 0)).toBe(1);
    expect(percentile([1, 2], 100)).toBe(2);
  });

  it('rejects a percentile out of range', () => {
    expect(() => percentile([1], 101)).toThrow(/between 0 and 100/);
  });
});

describe('twoProportionTest', () => {
  it('matches a textbook example', () => {
    // 120/1000 vs 100/1000: pooled p = 0.11, SE = sqrt(0.11 * 0.89 * 0.002) = 0.013994, z = 1.4292.
    const r = twoProportionTest(120, 1000, 100, 1000);
    expect(r).not.toBeNull();
    expect(r?.rateA).toBe(12);
    expect(r?.rateB).toBe(10);
    expect(r?.difference).toBeCloseTo(2, 10);
    expect(r?.relativeLift).toBeCloseTo(20, 10);
    expect(r?.z).toBeCloseTo(1.4293, 3);
    expect(r?.pValue).toBeCloseTo(0.1529, 3);
    expect(r?.significant).toBe(false);
    // Katz: se(ln RR) = sqrt(1/120 − 1/1000 + 1/100 − 1/1000) = 0.12780; RR 1.2 × e^(±1.95996 × 0.12780).
    expect(r?.liftInterval?.low).toBeCloseTo(-6.589, 2);
    expect(r?.liftInterval?.high).toBeCloseTo(54.158, 2);
    expect(r?.differenceInterval.low).toBeCloseTo(-0.7411, 3);
    expect(r?.differenceInterval.high).toBeCloseTo(4.7411, 3);
  });

  it('flags a significant difference', () => {
    const r = twoProportionTest(300, 1000, 200, 1000);
    expect(r?.significant).toBe(true);
    expect(r?.pValue).toBeLessThan(0.001);
  });

  it('is null-safe', () => {
    expect(twoProportionTest(null, 100, 5, 100)).toBeNull();
    expect(twoProportionTest(1, 0, 5, 100)).toBeNull();
    const zeroControl = twoProportionTest(5, 100, 0, 100);
    expect(zeroControl?.relativeLift).toBeNull();
    expect(zeroControl?.liftInterval).toBeNull();
    const bothZero = twoProportionTest(0, 100, 0, 100);
    expect(bothZero?.z).toBeNull();
    expect(bothZero?.pValue).toBeNull();
  });

  it('rejects impossible counts', () => {
    expect(() => twoProportionTest(101, 100, 5, 100)).toThrow(/exceed/);
    expect(() => twoProportionTest(1, 100, 5, 100, 1)).toThrow(/Confidence/);
  });
});
