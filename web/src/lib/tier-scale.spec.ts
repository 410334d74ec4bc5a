import { describe, expect, it } from 'vitest';
import { tierZones } from './tier-scale.ts';

describe('tier zones', () => {
  it('lays the four tiers out from weak to exceptional for a higher-is-better KPI', () => {
    // CTR: < 0.5 / 0.5–1.5 / 1.5–3 / > 3; the axis ends at a round number past 3 × 1.35.
    const { zones, marker, max } = tierZones({ direction: 'higher_is_better', average: 0.5, strong: 1.5, exceptional: 3 }, 1.75, 500);
    expect(max).toBe(5);
    expect(zones).toEqual([
      { tier: 'weak', x0: 0, x1: 50 },
      { tier: 'average', x0: 50, x1: 150 },
      { tier: 'strong', x0: 150, x1: 300 },
      { tier: 'exceptional', x0: 300, x1: 500 },
    ]);
    expect(marker).toBe(175);
  });
  it('puts the best zone nearest 0 for a cost KPI, and stretches the axis to a large value', () => {
    // CPA (USD): > 100 / 50–100 / 20–50 / < 20.
    const { zones, marker, max } = tierZones({ direction: 'lower_is_better', average: 100, strong: 50, exceptional: 20 }, 240, 250);
    expect(max).toBe(250);
    expect(zones.map((z) => z.tier)).toEqual(['exceptional', 'strong', 'average', 'weak']);
    expect(zones[0]).toEqual({ tier: 'exceptional', x0: 0, x1: 20 });
    expect(marker).toBe(240);
  });
  it('has no marker without a value', () => {
    expect(tierZones({ direction: 'higher_is_better', average: 2, strong: 4, exceptional: 6 }, null, 100).marker).toBeNull();
  });
});
