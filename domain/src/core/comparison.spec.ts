import { describe, expect, it } from 'vitest';
import type { ComparisonEntry } from './comparison.ts';
import { alignWindow, compareByGoal, DECISIVE_KPIS, rankSources } from './comparison.ts';

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const asOf = d('2026-06-01');

describe('decisive KPIs by goal', () => {
  it('matches the spec', () => {
    expect(DECISIVE_KPIS).toEqual({
      awareness: ['reach', 'impressions', 'cpm', 'brand_mentions_per_post', 'sentiment'],
      traffic: ['ctr', 'clicks', 'cpc'],
      engagement: ['likes', 'comments', 'shares', 'saves', 'engagement_rate', 'save_rate', 'share_rate'],
      lead_generation: ['target_actions', 'conversions', 'ctr', 'cpa'],
      sales: ['sales', 'revenue', 'roi', 'conversion_rate', 'cpa'],
    });
  });
});

describe('alignWindow', () => {
  it('aligns on days since launch', () => {
    expect(alignWindow(d('2025-01-01'), 30, asOf)).toEqual({
      status: 'aligned',
      start: d('2025-01-01'),
      end: d('2025-01-31'),
      daysSinceLaunch: 516,
    });
  });

  it('calls a source younger than the window too new to compare', () => {
    expect(alignWindow(d('2026-05-18'), 30, asOf)).toEqual({ status: 'too_new_to_compare', daysSinceLaunch: 14 });
    expect(alignWindow(d('2026-05-02'), 30, asOf).status).toBe('aligned'); // exactly 30 days
  });

  it('rejects a bad window', () => {
    expect(() => alignWindow(d('2026-01-01'), 0, asOf)).toThrow(/windowDays/);
  });
});

describe('rankSources', () => {
  const window = alignWindow(d('2025-01-01'), 30, asOf);
  const young = alignWindow(d('2026-05-18'), 30, asOf);
  const entry = (sourceId: string, value: number | null, extra: Partial<ComparisonEntry> = {}): ComparisonEntry => ({
    sourceId,
    kind: 'human_creator',
    window,
    value,
    ...extra,
  });

  it('ranks lower-is-better KPIs cheapest first and never ranks too-new sources', () => {
    const r = rankSources('cpc', [
      entry('creator', 1.2, { currency: 'USD' }),
      entry('ad', 0.8, { currency: 'USD', kind: 'product_ad' }),
      entry('character', 0.1, { currency: 'USD', kind: 'ai_character', window: young }),
      entry('studio', null, { currency: 'USD', kind: 'studio' }),
    ]);
    expect(r.direction).toBe('lower_is_better');
    expect(r.currency).toBe('USD');
    expect(r.entries.map((e) => [e.sourceId, e.status, e.rank])).toEqual([
      ['ad', 'ranked', 1],
      ['creator', 'ranked', 2],
      ['studio', 'no_data', null],
      ['character', 'too_new_to_compare', null],
    ]);
  });

  it('ranks higher-is-better KPIs highest first with shared ranks for ties', () => {
    const r = rankSources('ctr', [entry('a', 1), entry('b', 3), entry('c', 3), entry('d', 2)]);
    expect(r.entries.map((e) => [e.sourceId, e.rank])).toEqual([
      ['b', 1],
      ['c', 1],
      ['d', 3],
      ['a', 4],
    ]);
  });

  it('refuses mixed currencies for money KPIs', () => {
    expect(() => rankSources('cpa', [entry('a', 10, { currency: 'USD' }), entry('b', 9, { currency: 'EUR' })])).toThrow(
      expect.objectContaining({ code: 'currency_mismatch' }),
    );
    expect(() => rankSources('cpa', [entry('a', 10)])).toThrow(/needs a currency/);
    // A too-new source's currency does not matter: it is not compared.
    expect(() => rankSources('cpa', [entry('a', 10, { currency: 'USD' }), entry('b', 9, { currency: 'EUR', window: young })])).not.toThrow();
  });

  it('compares by goal on each decisive KPI', () => {
    const rankings = compareByGoal('traffic', [
      { sourceId: 'character', kind: 'ai_character', window, currency: 'USD', values: { ctr: 2, clicks: 400, cpc: 0.5 } },
      { sourceId: 'creator', kind: 'human_creator', window, currency: 'USD', values: { ctr: 1, clicks: 900, cpc: 0.7 } },
    ]);
    expect(rankings.map((r) => [r.kpiId, r.entries[0]?.sourceId])).toEqual([
      ['ctr', 'character'],
      ['clicks', 'creator'],
      ['cpc', 'character'],
    ]);
  });
});
