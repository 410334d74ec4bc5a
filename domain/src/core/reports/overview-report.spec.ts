import { describe, expect, it } from 'vitest';
import { DomainError, invalidInput } from '../errors.ts';
import { liftNotRead, audienceReportOf, type AudienceSums } from './audience-report.ts';
import { overviewReportOf } from './overview-report.ts';
import { productionReportOf } from './production-report.ts';
import { layerOrRefusal } from './report-layer.ts';

const none = { posts: 0, count: null, base: null };
const noPosts: AudienceSums = {
  posts: 0, withSnapshot: 0,
  totals: { views: null, reach: null, impressions: null, profileVisits: null, linkClicks: null, follows: null },
  reported: { views: 0, reach: 0, impressions: 0, profileVisits: 0, linkClicks: 0, follows: 0 },
  byFollowers: { posts: 0, likes: null, comments: null, shares: null, saves: null, followers: null },
  byViews: { posts: 0, likes: null, comments: null, shares: null, saves: null, views: null },
  saves: { reach: none, impressions: none }, shares: { reach: none, impressions: none }, profileActionPosts: 0,
};
const now = new Date('2026-03-10T00:00:00Z');

describe('layerOrRefusal', () => {
  it("answers a layer's refusal of its scope with its message, and lets any other error fail the page", async () => {
    expect(await layerOrRefusal(() => 1)).toEqual({ report: 1, unavailable: null });
    expect(await layerOrRefusal(() => { throw invalidInput('Asset a1: approval is before its start.'); })).toEqual({ report: null, unavailable: 'Asset a1: approval is before its start.' });
    await expect(layerOrRefusal(Promise.reject(new DomainError('fx_rate_missing', 'No EUR→USD rate on 2026-03-01.')))).rejects.toThrow('No EUR→USD rate');
    await expect(layerOrRefusal(() => { throw new Error('bug'); })).rejects.toThrow('bug');
  });
});

describe('overviewReportOf', () => {
  it('shows each kind\'s figures of the three reports, a refused layer as unavailable', async () => {
    const audience = audienceReportOf({ sourceKind: 'studio', lagDays: 14 }, {
      aggregates: noPosts, growth: [], mentions: { posts: 0, comments: null, mentions: 0 },
      comments: { comments: null, classified: 0, positive: 0, neutral: 0, negative: 0, flagged: 0, mentioning: 0 },
      lift: liftNotRead('not read'), reason: 'not read', startDay: null, endDay: null,
    }, {});
    const pipeline = await layerOrRefusal(() => productionReportOf({ sourceKind: 'studio' }, { assets: [], transitions: [], placements: [], workspaceCurrency: 'USD' }, now));
    const report = overviewReportOf({ live: false }, [{ sourceKind: 'studio', pipeline, audience, commerce: { report: null, unavailable: 'Cannot combine amounts in different currencies (EUR, USD).' } }]);
    expect(report.scope).toMatchObject({ live: false });
    expect(report.kinds).toEqual([{
      sourceKind: 'studio',
      production: { currency: 'USD', assets_in_scope: 0, approved_assets: 0, approval_rate: { value: null, decided: 0 }, cost_per_approved_asset: null },
      productionUnavailable: null,
      audience: { posts: 0, reach: { value: null, posts: 0 }, engagement_rate: audience.kpis.engagement_rate, audience_growth_rate: audience.kpis.audience_growth_rate },
      commerce: null,
      commerceUnavailable: 'Cannot combine amounts in different currencies (EUR, USD).',
    }]);
  });
});
