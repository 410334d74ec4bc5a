import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.ts';
import {
  DEFAULT_THRESHOLDS,
  rated,
  rateKpi,
  resolveThresholds,
  TIERED_KPI_IDS,
  tierOf,
  validateThresholdOverrides,
} from './tiers.ts';

describe('tiers', () => {
  it('lists every tiered KPI of the spec', () => {
    expect([...TIERED_KPI_IDS].sort()).toEqual(
      ['audience_growth_rate', 'brand_mentions_per_post', 'conversion_rate', 'cpa', 'cpc', 'ctr', 'cpv', 'engagement_rate', 'roi', 'target_actions'].sort(),
    );
  });

  it('puts a value on a boundary in the better tier (spec examples)', () => {
    expect(rated('ctr', 1.5).tier).toBe('strong');
    expect(rated('cpc', 1).tier).toBe('strong');
    expect(rated('cpa', 100).tier).toBe('average');
    expect(rated('engagement_rate', 4).tier).toBe('strong');
  });

  describe.each(TIERED_KPI_IDS)('%s boundaries', (kpiId) => {
    const t = DEFAULT_THRESHOLDS[kpiId];
    const eps = t.exceptional < 1 ? 0.0001 : 0.01;
    const worse = t.direction === 'higher_is_better' ? -eps : eps;
    it('places every cut point and its neighbour', () => {
      expect(rated(kpiId, t.average + worse).tier).toBe('weak');
      expect(rated(kpiId, t.average).tier).toBe('average');
      expect(rated(kpiId, t.strong + worse).tier).toBe('average');
      expect(rated(kpiId, t.strong).tier).toBe('strong');
      expect(rated(kpiId, t.exceptional + worse).tier).toBe('strong');
      expect(rated(kpiId, t.exceptional).tier).toBe('exceptional');
      expect(rated(kpiId, t.exceptional - worse).tier).toBe('exceptional');
    });
    it('has no tier without a value', () => {
      expect(rated(kpiId, null)).toEqual({ value: null, tier: null });
    });
  });

  it('rates lower-is-better KPIs the right way round', () => {
    expect(tierOf(2.5, DEFAULT_THRESHOLDS.cpc)).toBe('weak');
    expect(tierOf(1.5, DEFAULT_THRESHOLDS.cpc)).toBe('average');
    expect(tierOf(0.75, DEFAULT_THRESHOLDS.cpc)).toBe('strong');
    expect(tierOf(0.25, DEFAULT_THRESHOLDS.cpc)).toBe('exceptional');
    expect(tierOf(0, DEFAULT_THRESHOLDS.cpa)).toBe('exceptional');
  });

  it('reports default thresholds with their source and currency', () => {
    expect(resolveThresholds('ctr')).toMatchObject({ source: 'default', average: 0.5, currency: null });
    expect(resolveThresholds('cpc')).toMatchObject({ source: 'default', direction: 'lower_is_better', currency: 'USD' });
  });

  it('applies and reports workspace overrides', () => {
    const overrides = { ctr: { average: 1, strong: 2, exceptional: 4 } };
    const t = resolveThresholds('ctr', overrides);
    expect(t).toMatchObject({ source: 'workspace', average: 1, strong: 2, exceptional: 4, direction: 'higher_is_better' });
    expect(resolveThresholds('roi', overrides).source).toBe('default');
    const r = rateKpi('ctr', 1.5, { overrides });
    expect(r.tier).toBe('average');
    expect(r.thresholds.source).toBe('workspace');
  });

  it('refuses overrides that are not monotonic for the direction', () => {
    expect(() => resolveThresholds('ctr', { ctr: { average: 2, strong: 1, exceptional: 4 } })).toThrow(DomainError);
    expect(() => resolveThresholds('cpc', { cpc: { average: 0.5, strong: 1, exceptional: 2 } })).toThrow(/average > strong > exceptional/);
    expect(() => resolveThresholds('ctr', { ctr: { average: 1, strong: 1, exceptional: 4 } })).toThrow(/invalid|must/);
    expect(() => resolveThresholds('ctr', { ctr: { average: 1, strong: Number.NaN, exceptional: 4 } })).toThrow(DomainError);
  });

  it('validates a whole override map', () => {
    expect(() => validateThresholdOverrides({ reach: { average: 1, strong: 2, exceptional: 3 } })).toThrow(/no tiers/);
    expect(() => validateThresholdOverrides({ ctr: { average: 1, strong: 2, exceptional: 3, currency: 'USD' } })).toThrow(/not a money KPI/);
    expect(validateThresholdOverrides({ cpc: { average: 3, strong: 2, exceptional: 1, currency: 'EUR' } })).toEqual({
      cpc: { average: 3, strong: 2, exceptional: 1, currency: 'EUR' },
    });
  });

  it('does not apply USD cost tiers to another currency unless the workspace overrides them', () => {
    const eur = rateKpi('cpc', 1.2, { currency: 'EUR' });
    expect(eur.value).toBe(1.2);
    expect(eur.tier).toBeNull();
    expect(eur.tierUnavailable).toContain('USD');
    expect(rateKpi('cpc', 1.2, { currency: 'USD' }).tier).toBe('average');
    const own = rateKpi('cpc', 1.2, { currency: 'EUR', overrides: { cpc: { average: 3, strong: 2, exceptional: 1 } } });
    expect(own.tier).toBe('strong');
    const eurOverride = { cpc: { average: 3, strong: 2, exceptional: 1, currency: 'EUR' } };
    expect(rateKpi('cpc', 1.2, { currency: 'EUR', overrides: eurOverride }).tier).toBe('strong');
    expect(rateKpi('cpc', 1.2, { currency: 'GBP', overrides: eurOverride }).tier).toBeNull();
  });
});
