import { describe, expect, it } from 'vitest';
import { attributedSales, conversionRate, cpa, cpc, cpm, cpr, cpv, ctr, roi, targetActions } from './commercial.ts';
import { money } from './money.ts';

const usd = (major: number) => money(Math.round(major * 100), 'USD');

describe('kpi-spec worked examples (commercial)', () => {
  it('CPM: 5,000 USD over 1,000,000 impressions = 5.00', () => {
    expect(cpm({ cost: usd(5000), impressions: 1_000_000 })).toEqual({ value: 5, currency: 'USD' });
  });

  it('CTR: 500 / 20,000 = 2.5 %, strong', () => {
    expect(ctr({ clicks: 500, impressions: 20_000 })).toMatchObject({ value: 2.5, tier: 'strong', base: 'impressions' });
  });

  it('ROI: revenue 15,000 on cost 5,000 = 200 %, strong', () => {
    expect(roi({ revenue: usd(15_000), cost: usd(5000) })).toMatchObject({ value: 200, tier: 'strong', currency: 'USD' });
  });

  it('CPA: 5,000 / 50 = 100, average (boundary)', () => {
    expect(cpa({ cost: usd(5000), targetActions: 50 })).toMatchObject({ value: 100, tier: 'average', currency: 'USD' });
  });

  it('CPC: 5,000 / 500 = 10, weak', () => {
    expect(cpc({ cost: usd(5000), clicks: 500 })).toMatchObject({ value: 10, tier: 'weak' });
  });

  it('CPV: 5,000 / 200,000 = 0.025, strong', () => {
    expect(cpv({ cost: usd(5000), views: 200_000 })).toMatchObject({ value: 0.025, tier: 'strong' });
  });

  it('conversion rate: 50 / 500 = 10 %, exceptional', () => {
    expect(conversionRate({ conversions: 50, clicks: 500 })).toMatchObject({ value: 10, tier: 'exceptional' });
  });
});

describe('commercial KPIs', () => {
  it('has no value and no tier for zero or missing denominators', () => {
    expect(cpm({ cost: usd(10), impressions: 0 }).value).toBeNull();
    expect(cpv({ cost: usd(10), views: null })).toMatchObject({ value: null, tier: null });
    expect(cpc({ cost: usd(10), clicks: 0 })).toMatchObject({ value: null, tier: null });
    expect(cpa({ cost: usd(10), targetActions: 0 })).toMatchObject({ value: null, tier: null });
    expect(cpr({ cost: usd(10), registrations: undefined }).value).toBeNull();
    expect(conversionRate({ conversions: 0, clicks: 0 })).toMatchObject({ value: null, tier: null });
    expect(roi({ revenue: usd(10), cost: usd(0) })).toMatchObject({ value: null, tier: null });
    expect(targetActions(null)).toMatchObject({ value: null, tier: null });
    expect(ctr({ clicks: 5, impressions: null, views: null })).toMatchObject({ value: null, tier: null, base: null });
  });

  it('falls back to views for CTR and says so', () => {
    expect(ctr({ clicks: 30, impressions: null, views: 1000 })).toMatchObject({ value: 3, tier: 'exceptional', base: 'views' });
  });

  it('computes CPR and target actions', () => {
    expect(cpr({ cost: usd(5000), registrations: 250 })).toEqual({ value: 20, currency: 'USD' });
    expect(targetActions(200)).toMatchObject({ value: 200, tier: 'strong' });
    expect(targetActions(49)).toMatchObject({ tier: 'weak' });
  });

  it('uses the currency exponent for major units', () => {
    expect(cpc({ cost: money(50_000, 'JPY'), clicks: 500 })).toMatchObject({ value: 100, currency: 'JPY' });
  });

  it('rates non-USD costs only against workspace thresholds', () => {
    const eur = cpc({ cost: money(100_000, 'EUR'), clicks: 1000 });
    expect(eur).toMatchObject({ value: 1, tier: null, currency: 'EUR' });
    expect(eur.tierUnavailable).toMatch(/USD/);
    const overrides = { cpc: { average: 2, strong: 1, exceptional: 0.5, currency: 'EUR' } };
    expect(cpc({ cost: money(100_000, 'EUR'), clicks: 1000 }, { overrides })).toMatchObject({ tier: 'strong', tierUnavailable: null });
  });

  it('reports negative ROI as weak', () => {
    expect(roi({ revenue: usd(4500), cost: usd(5000) })).toMatchObject({ value: -10, tier: 'weak' });
  });

  it('refuses to mix currencies', () => {
    expect(() => roi({ revenue: money(100, 'EUR'), cost: money(100, 'USD') })).toThrow(expect.objectContaining({ code: 'currency_mismatch' }));
  });

  it('refuses negative costs', () => {
    expect(() => cpc({ cost: usd(-1), clicks: 3 })).toThrow(/negative/);
  });

  it('attributes sales inside the window after the campaign end', () => {
    const day = (iso: string, sales: number) => ({ date: new Date(`${iso}T12:00:00Z`), sales, revenue: usd(sales * 50) });
    const r = attributedSales({
      days: [day('2026-02-28', 9), day('2026-03-01', 1), day('2026-03-10', 2), day('2026-04-07', 3), day('2026-04-08', 4)],
      campaignStart: new Date('2026-03-01T00:00:00Z'),
      campaignEnd: new Date('2026-03-10T00:00:00Z'),
      currency: 'USD',
    });
    // Default window 28 days: Mar 1 through Apr 7 inclusive.
    expect(r.sales).toBe(6);
    expect(r.revenue).toEqual(usd(300));
    expect(r.window.end.toISOString()).toBe('2026-04-07T00:00:00.000Z');
  });
});
