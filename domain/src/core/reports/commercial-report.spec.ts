import { describe, expect, it } from 'vitest';
import type { CostLine } from '../campaign-cost.ts';
import { isDomainError } from '../errors.ts';
import { paidTestsNotRead } from '../paid-test.ts';
import { NO_POSTS, attributionWindowOf, commercialRateDays, commercialReportOf, type CommercialReportInputs, type ScopedCampaign } from './commercial-report.ts';

const spring: ScopedCampaign = { id: 'spring', name: 'Spring', goal: 'sales', currency: 'USD', startsOn: '2026-03-01', endsOn: '2026-03-31', attributionWindowDays: 7 };
const fee: CostLine = {
  id: 'fee', campaignId: 'spring', sourceId: 'lea', kind: 'creator_fee', basis: 'flat', unitAmountMinor: 50_000, deliverables: 1, currency: 'USD',
  incurredOn: '2026-03-01', status: 'spent', split: null, shares: null,
};
const party = { campaignId: 'spring', campaignName: 'Spring', sourceId: 'lea', sourceName: 'Léa', sourceKind: 'ai_character' as const, assetsUsed: 1, paidSpendMinor: 10_000, deliverables: 2 };
const inputs: CommercialReportInputs = {
  campaigns: [spring],
  posts: { posts: 2, paidPosts: 1, measuredPosts: 1, impressions: 100_000, postsWithImpressions: 1, views: 40_000, postsWithViews: 1, currencies: ['USD'] },
  assets: [{ id: 'a1', state: 'published', currency: 'USD', generationCostMinor: 2_000, otherCostMinor: 0, productionHours: 2, hourlyRateMinor: 4_000, createdAt: new Date('2026-02-20T10:00:00Z') }],
  days: [
    { campaignId: 'spring', day: '2026-03-10', currency: 'USD', clicks: 1_000, sessions: 900, registrations: 100, targetActions: 40, sales: 20, revenueMinor: 200_000 },
    // After the attribution window (31 March + 7 days): not counted.
    { campaignId: 'spring', day: '2026-04-10', currency: 'USD', clicks: 500, sessions: null, registrations: null, targetActions: 10, sales: 5, revenueMinor: 50_000 },
  ],
  costs: { lines: [fee], parties: [party], paidSpend: [{ campaignId: 'spring', sourceId: 'lea', sourceKind: 'ai_character', publishedAt: '2026-03-05T12:00:00.000Z', currency: 'USD', spendMinor: 10_000 }] },
  workspaceCurrency: 'USD',
  currencyRule: { reportingCurrency: 'EUR', alwaysReporting: false },
};
const extras = { surveyAnswers: 12, lifts: paidTestsNotRead('Not read here.'), goal: 'sales' as const };

describe('commercialReportOf', () => {
  const report = commercialReportOf({ campaignId: 'spring' }, inputs, [], extras, {});

  it("composes the cost of the scope's lines, its paid spend and the production cost of the assets used", () => {
    // 500.00 fee + 100.00 spend + (20.00 generation + 2 h × 40.00) production.
    expect(report.kpis.cost?.total).toEqual({ amountMinor: 70_000, currency: 'USD' });
    expect(report.kpis.cost?.components.filter((c) => c.amount.amountMinor > 0).map((c) => [c.kind, c.amount.amountMinor, c.items])).toEqual([
      ['creator_fee', 50_000, 1],
      ['paid_spend', 10_000, 1],
      ['production', 10_000, 1],
    ]);
  });

  it("counts conversions inside the campaign's attribution window only", () => {
    expect(report.campaigns[0]?.attributionWindow).toEqual({ start: '2026-03-01', end: '2026-04-07' });
    expect(report.inputs).toMatchObject({ clicks: 1_000, registrations: 100, targetActions: 40, surveyAnswers: 12 });
    expect(report.kpis.sales).toBe(20);
    expect(report.kpis.revenue).toEqual({ amountMinor: 200_000, currency: 'USD' });
    // ROI = (2,000 − 700) / 700 × 100; CPA = 700 / 40.
    expect(report.kpis.roi.value).toBeCloseTo(185.714, 3);
    expect(report.kpis.cpa.value).toBe(17.5);
    expect(report.kpis.cpm.value).toBe(7);
  });

  it('gives the verdict of the selected campaign, and says which posts have no snapshot', () => {
    expect(report.verdict?.decisive).toContain('roi');
    expect(report.notes).toContain('1 post of 2 in scope have no metric snapshot in the period, so their impressions and views are unknown.');
    expect(commercialReportOf({}, inputs, [], extras, {}).verdict).toBeNull();
  });

  it('answers an empty scope with unknowns, never zeros', () => {
    const empty = commercialReportOf({}, { ...inputs, campaigns: [], posts: NO_POSTS, assets: [], days: [] }, [], extras, {});
    expect(empty.kpis.cost).toBeNull();
    expect(empty.kpis.cpa.value).toBeNull();
    expect(empty.currency).toBe('USD');
  });
});

describe('a scope in two currencies', () => {
  const mixed: CommercialReportInputs = { ...inputs, costs: { ...inputs.costs, lines: [{ ...fee, currency: 'GBP', incurredOn: '2026-03-02' }] } };

  it('asks for the rates over the days of its amounts, into the reporting currency', () => {
    expect(commercialRateDays({}, inputs)).toBeNull();
    expect(commercialRateDays({}, mixed)).toEqual({ currencies: ['GBP', 'USD', 'EUR'], from: '2026-02-20', to: '2026-04-10' });
  });

  it('refuses to answer without the rate of a day, naming it', () => {
    let refusal: unknown;
    try {
      commercialReportOf({}, mixed, [], extras, {});
    } catch (error) {
      refusal = error;
    }
    expect(isDomainError(refusal) && refusal.code).toBe('fx_rate_missing');
  });
});

describe('attributionWindowOf', () => {
  it('runs from the campaign start to its end plus the window, inclusive', () => {
    expect(attributionWindowOf(spring)).toEqual({ start: '2026-03-01', end: '2026-04-07' });
  });
});
