import { describe, expect, it } from 'vitest';
import { funnel } from './funnel.ts';

describe('funnel', () => {
  it('shows every step with its rate and finds the biggest drop', () => {
    const f = funnel(200_000, 4000, 1000, 50);
    expect(f.steps.map((s) => [s.step, s.count, s.rate])).toEqual([
      ['views', 200_000, null],
      ['clicks', 4000, 2],
      ['registrations', 1000, 25],
      ['target_actions', 50, 5],
    ]);
    expect(f.steps[3]?.overallRate).toBe(0.025);
    expect(f.biggestDrop).toEqual({ from: 'views', to: 'clicks', rate: 2, drop: 98 });
  });

  it('finds a later drop and skips unknown steps', () => {
    expect(funnel(10_000, 1000, 500, 1).biggestDrop).toMatchObject({ from: 'registrations', to: 'target_actions', rate: 0.2 });
    const partial = funnel(10_000, null, 500, 100);
    expect(partial.steps[1]?.rate).toBeNull();
    expect(partial.steps[2]?.rate).toBeNull();
    expect(partial.biggestDrop).toMatchObject({ from: 'registrations', to: 'target_actions', rate: 20 });
    expect(funnel(0, 0, 0, 0).biggestDrop).toBeNull();
  });
});
