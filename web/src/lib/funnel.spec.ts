import { describe, expect, it } from 'vitest';
import { funnelBars } from './funnel.ts';

const steps = [
  { step: 'views', count: 100_000, rate: null, overallRate: 100 },
  { step: 'clicks', count: 1_000, rate: 1, overallRate: 1 },
  { step: 'registrations', count: 100, rate: 10, overallRate: 0.1 },
  { step: 'target_actions', count: 10, rate: 10, overallRate: 0.01 },
];

describe('funnel bars', () => {
  it('gives each tenfold drop an equal slice between the widest and the narrowest bar', () => {
    const bars = funnelBars(steps, { from: 'views', to: 'clicks', rate: 1, drop: 99 }, 400, 40);
    expect(bars.map((b) => b.width)).toEqual([400, 400 - 360 * (2 / 4), 400 - 360 * (3 / 4), 40]);
  });
  it('marks the step the biggest drop leads to', () => {
    const bars = funnelBars(steps, { from: 'clicks', to: 'registrations', rate: 10, drop: 90 }, 400);
    expect(bars.filter((b) => b.biggestDrop).map((b) => b.step)).toEqual(['registrations']);
  });
  it('draws no bar for a step without a count, and a full bar when all counts are equal', () => {
    const bars = funnelBars([{ step: 'views', count: 5, rate: null, overallRate: 100 }, { step: 'clicks', count: null, rate: null, overallRate: null }], null, 300);
    expect(bars.map((b) => [b.width, b.biggestDrop])).toEqual([[300, false], [0, false]]);
  });
});
