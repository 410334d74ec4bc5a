import { describe, expect, it } from 'vitest';
import { linesOf, majorFromMinor, minorFromTyped, readTierOverride, tierDefaults } from './settings.ts';

const typed = (values: Record<string, string>) => (name: string) => values[name] ?? '';

describe('settings forms', () => {
  it('reads three cut points, or null when all three are blank (back to the defaults)', () => {
    expect(readTierOverride('ctr', typed({ 'tierOverrides.ctr.average': '1', 'tierOverrides.ctr.strong': '2.5', 'tierOverrides.ctr.exceptional': '4' }))).toEqual({ override: { average: 1, strong: 2.5, exceptional: 4 }, errors: {} });
    expect(readTierOverride('ctr', typed({}))).toEqual({ override: null, errors: {} });
  });

  it('names each cut point that cannot be read instead of sending a partial override', () => {
    const { override, errors } = readTierOverride('cpa', typed({ 'tierOverrides.cpa.average': '100', 'tierOverrides.cpa.strong': 'fifty' }));
    expect(override).toBeNull();
    expect(Object.keys(errors).sort()).toEqual(['tierOverrides.cpa.exceptional', 'tierOverrides.cpa.strong']);
  });

  it('lists every tiered KPI with the default cut points beside it', () => {
    expect(tierDefaults.find((kpi) => kpi.kpiId === 'engagement_rate')).toMatchObject({ average: 2, strong: 4, exceptional: 6, direction: 'higher_is_better' });
  });

  it('types money in major units of the currency and sends minor units', () => {
    expect(minorFromTyped('45.5', 'USD')).toBe(4_550);
    expect(minorFromTyped('4500', 'JPY')).toBe(4_500);
    expect(minorFromTyped('', 'USD')).toBeNull();
    expect(minorFromTyped('-1', 'USD')).toBeNull();
    expect(majorFromMinor(4_550, 'USD')).toBe('45.5');
    expect(majorFromMinor(null, 'USD')).toBe('');
  });

  it('reads one name a line, blank lines dropped', () => {
    expect(linesOf(' Rival Co \n\nOther\n')).toEqual(['Rival Co', 'Other']);
  });
});
