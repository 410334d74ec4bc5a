import { describe, expect, it } from 'vitest';
import { campaignPacing } from '../campaign-cost.ts';
import { paidTestsNotRead } from '../paid-test.ts';
import { audienceReportOf, liftNotRead, type AudienceSums } from './audience-report.ts';
import { brandSafetyReportOf } from './brand-safety-report.ts';
import { campaignReportOf, type CampaignRecord, type CampaignReportInputs } from './campaign-report.ts';
import { commercialReportOf, type CommercialReportInputs } from './commercial-report.ts';
import { productionReportOf } from './production-report.ts';

const now = new Date('2026-03-16T12:00:00Z');
const campaign: CampaignRecord = {
  id: 'spring', name: 'Spring', goal: 'sales', startsOn: '2026-03-01', endsOn: '2026-03-31', attributionWindowDays: 7,
  budgetMinor: 100_000, currency: 'USD', targetAction: 'purchase', trackingKeywords: ['#spring'],
};
const none = { posts: 0, count: null, base: null };
const twoPosts: AudienceSums = {
  posts: 2, withSnapshot: 2,
  totals: { views: 40_000, reach: 80_000, impressions: 100_000, profileVisits: null, linkClicks: null, follows: null },
  reported: { views: 1, reach: 2, impressions: 2, profileVisits: 0, linkClicks: 0, follows: 0 },
  byFollowers: { posts: 2, likes: 3_000, comments: 500, shares: 300, saves: 200, followers: 100_000 },
  byViews: { posts: 1, likes: 1_000, comments: 100, shares: 50, saves: 50, views: 40_000 },
  saves: { reach: none, impressions: none }, shares: { reach: none, impressions: none }, profileActionPosts: 0,
};
const commerce: CommercialReportInputs = {
  campaigns: [{ id: 'spring', name: 'Spring', goal: 'sales', currency: 'USD', startsOn: '2026-03-01', endsOn: '2026-03-31', attributionWindowDays: 7 }],
  posts: { posts: 2, paidPosts: 0, measuredPosts: 2, impressions: 100_000, postsWithImpressions: 2, views: 40_000, postsWithViews: 1, currencies: ['USD'] },
  assets: [],
  days: [{ campaignId: 'spring', day: '2026-03-10', currency: 'USD', clicks: 1_000, sessions: 900, registrations: 100, targetActions: 40, sales: 20, revenueMinor: 200_000 }],
  costs: {
    lines: [{ id: 'fee', campaignId: 'spring', sourceId: 'lea', kind: 'creator_fee', basis: 'flat', unitAmountMinor: 50_000, deliverables: 1, currency: 'USD', incurredOn: '2026-03-01', status: 'spent', split: null, shares: null }],
    parties: [{ campaignId: 'spring', campaignName: 'Spring', sourceId: 'lea', sourceName: 'Léa', sourceKind: 'ai_character', assetsUsed: 0, paidSpendMinor: 0, deliverables: 2 }],
    paidSpend: [],
  },
  workspaceCurrency: 'USD',
  currencyRule: { reportingCurrency: 'USD', alwaysReporting: false },
};
const day = (d: string, classified: number, negative: number, flagged: number) => ({ day: d, classified, positive: classified - negative, neutral: 0, negative, flagged, mentioning: 1 });

function inputs(overrides: Partial<CampaignReportInputs> = {}): CampaignReportInputs {
  return {
    campaign,
    audience: audienceReportOf({ campaignId: 'spring', lagDays: 14 }, {
      aggregates: twoPosts, growth: [], mentions: { posts: 2, comments: 40, mentions: 6 },
      comments: { comments: 40, classified: 40, positive: 30, neutral: 6, negative: 4, flagged: 2, mentioning: 3 },
      lift: liftNotRead('not read'), reason: null, startDay: null, endDay: null,
    }, {}),
    commercial: commercialReportOf({ campaignId: 'spring' }, commerce, [], { surveyAnswers: null, lifts: paidTestsNotRead('Not read here.'), goal: 'sales' }, {}),
    pipeline: { report: productionReportOf({ campaignId: 'spring' }, { assets: [], transitions: [], placements: [], workspaceCurrency: 'USD' }, now), unavailable: null },
    safety: brandSafetyReportOf({ campaignId: 'spring' }, {
      comments: 40, waiting: 0, days: [day('2026-03-02', 20, 2, 0), day('2026-03-03', 20, 2, 2)],
      categories: { harassment: 2, ai_authenticity: 0 }, classifiers: [{ classifier: 'offline', version: '1', count: 40 }], languages: [{ language: 'en', count: 40 }],
    }, []),
    breakdowns: [{ dimension: 'country', basis: 'posts', subjects: 2, inScope: 2, keys: [{ key: 'FR', shareSum: 120 }, { key: 'US', shareSum: 80 }] }],
    pacing: campaignPacing({ budgetMinor: 100_000, currency: 'USD', startsOn: '2026-03-01', endsOn: '2026-03-31', shares: [], parties: [], now }),
    ...overrides,
  };
}

describe('campaignReportOf', () => {
  const report = campaignReportOf({ lagDays: 14 }, inputs(), now);

  it('puts the layers side by side: reach and engagement from the audience, cost and funnel from commerce', () => {
    expect(report.campaign).toMatchObject({ id: 'spring', budget: { amountMinor: 100_000, currency: 'USD' }, trackingKeywords: ['#spring'] });
    expect(report.scope).toMatchObject({ lagDays: 14, basis: expect.stringContaining('narrowed by the same filters') });
    expect(report.generatedAt).toBe('2026-03-16T12:00:00.000Z');
    expect(report.reach.impressions).toEqual(inputs().audience.kpis.impressions);
    expect(report.cost).toEqual(inputs().commercial.kpis.cost);
    expect(report.funnel).toEqual(inputs().commercial.funnel);
  });

  it('lists every tiered KPI of layers 2 and 3 with its layer, and one insight each', () => {
    expect(report.tieredKpis.map((kpi) => [kpi.kpiId, kpi.layer])).toEqual([
      ['engagement_rate', 'audience'], ['audience_growth_rate', 'audience'], ['brand_mentions_per_post', 'audience'],
      ['cpv', 'commerce'], ['ctr', 'commerce'], ['cpc', 'commerce'], ['cpa', 'commerce'], ['conversion_rate', 'commerce'], ['target_actions', 'commerce'], ['roi', 'commerce'],
    ]);
    const roi = report.tieredKpis.find((kpi) => kpi.kpiId === 'roi')!;
    expect(roi.value).toBe(inputs().commercial.kpis.roi.value);
    expect(Object.keys(roi.thresholds)).toEqual(['source', 'direction', 'average', 'strong', 'exceptional', 'currency']);
    expect(report.insights.map((insight) => insight.kpiId)).toContain('roi');
  });

  it('judges the campaign on the tiers of every layer', () => {
    expect(report.verdict.decisive).toContain('roi');
  });

  it('averages the audience breakdown over the posts that have one, and shows none it was not given', () => {
    expect(report.audienceQuality).toEqual({ country: { basis: 'posts', subjects: 2, inScope: 2, shares: [{ key: 'FR', share: 60 }, { key: 'US', share: 40 }] }, language: null });
    expect(campaignReportOf({ lagDays: 14 }, inputs({ breakdowns: [] }), now).audienceQuality).toBeNull();
  });

  it('keeps only the flagged categories that occur', () => {
    expect(report.sentiment.flaggedByCategory.map((category) => category.category)).toEqual(['harassment']);
  });

  it('still answers when the production layer refuses its scope, and says why', () => {
    const refused = campaignReportOf({ lagDays: 14 }, inputs({ pipeline: { report: null, unavailable: 'Asset a1: approval is before its start.' } }), now);
    expect(refused.production).toBeNull();
    expect(refused.productionUnavailable).toBe('Asset a1: approval is before its start.');
  });
});
