import { describe, expect, it } from 'vitest';
import { incrementalLift, paidMediaLift } from './lift.ts';

describe('lift', () => {
  it('incremental lift is the relative difference of conversion rates with its interval', () => {
    const r = incrementalLift({ treatment: { successes: 300, trials: 10_000 }, holdout: { successes: 200, trials: 10_000 } });
    expect(r.value).toBeCloseTo(50, 10); // (3 % − 2 %) / 2 %
    expect(r.test?.significant).toBe(true);
    expect(r.test?.liftInterval?.low).toBeGreaterThan(0);
    expect(r.test?.liftInterval?.high).toBeGreaterThan(50);
  });

  it('is null without a holdout rate', () => {
    expect(incrementalLift({ treatment: { successes: 3, trials: 100 }, holdout: { successes: 0, trials: 100 } }).value).toBeNull();
    expect(incrementalLift({ treatment: { successes: 3, trials: 100 }, holdout: { successes: null, trials: 100 } })).toEqual({ value: null, test: null });
  });

  it('paid media lift compares one funnel metric of the AI asset with the control', () => {
    const r = paidMediaLift({ metric: 'ctr', aiAsset: { successes: 150, trials: 10_000 }, control: { successes: 100, trials: 10_000 } });
    expect(r.metric).toBe('ctr');
    expect(r.value).toBeCloseTo(50, 10);
  });
});
