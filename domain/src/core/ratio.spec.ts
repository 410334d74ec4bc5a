import { describe, expect, it } from 'vitest';
import { difference, mean, percent, ratio, sumKnown } from './ratio.ts';

describe('ratio and percent', () => {
  it('divides', () => {
    expect(ratio(1, 4)).toBe(0.25);
    expect(percent(400, 10_000)).toBe(4);
    expect(percent(500, 20_000)).toBe(2.5);
  });

  it('is null for a zero or unknown denominator, never 0, NaN or Infinity', () => {
    expect(ratio(5, 0)).toBeNull();
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(5, null)).toBeNull();
    expect(ratio(5, undefined)).toBeNull();
    expect(percent(5, 0)).toBeNull();
    expect(ratio(Number.NaN, 3)).toBeNull();
    expect(ratio(5, Number.POSITIVE_INFINITY)).toBeNull();
  });

  it('is null for an unknown numerator, and 0 for a known zero', () => {
    expect(ratio(null, 4)).toBeNull();
    expect(percent(undefined, 4)).toBeNull();
    expect(percent(0, 4)).toBe(0);
  });

  it('does not round', () => {
    expect(percent(1, 3)).toBeCloseTo(33.333333, 5);
  });

  it('sums and subtracts known values', () => {
    expect(sumKnown([1, null, 2, undefined])).toBe(3);
    expect(sumKnown([null, undefined])).toBeNull();
    expect(difference(5, 3)).toBe(2);
    expect(difference(5, null)).toBeNull();
    expect(mean([])).toBeNull();
    expect(mean([1, 2])).toBe(1.5);
  });
});
