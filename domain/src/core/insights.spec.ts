import { describe, expect, it } from 'vitest';
import { insight, reportInsights } from './insights.ts';
import { rated, rateKpi, TIERED_KPI_IDS, TIERS } from './tiers.ts';

describe('figures in insights', () => {
  it('shows percentages to one decimal', () => {
    expect(insight('engagement_rate', rated('engagement_rate', 3.5444))).toContain('Engagement rate of 3.5 % is');
  });
  it('caps growth from a small base instead of printing thousands of percent', () => {
    const text = insight('audience_growth_rate', rated('audience_growth_rate', 6333.33));
    expect(text).toContain('more than 1,000 % (from a small base)');
    expect(text).not.toContain('6,333');
    expect(insight('audience_growth_rate', rated('audience_growth_rate', 222.44))).toContain('222.4 %');
  });
});

describe('ROI insight wording', () => {
  it('-10 %: the campaign lost money', () => {
    const text = insight('roi', rated('roi', -10));
    expect(text).toContain('lost money');
    expect(text).toContain('-10 %');
  });

  it('50 %: returned more than it cost but under the usual 100 % bar, never "did not break even"', () => {
    const text = insight('roi', rated('roi', 50));
    expect(text).toContain('returned more than it cost');
    expect(text).toContain('under the usual 100 % bar');
    expect(text).not.toMatch(/break even|lost money/i);
  });

  it('150 %: average, returned 2.5× its cost', () => {
    const text = insight('roi', rated('roi', 150));
    expect(text).toContain('is average');
    expect(text).toContain('2.5×');
    expect(text).not.toMatch(/break even|lost money|under the usual/i);
  });

  it('never says "did not break even" for any ROI under 100 %', () => {
    for (const v of [-50, -0.5, 0, 0.5, 20, 99.9]) expect(insight('roi', rated('roi', v))).not.toMatch(/did not break even/i);
    expect(insight('roi', rated('roi', 0))).toContain('exactly what it cost');
  });

  it("names the workspace's own bar when thresholds are overridden", () => {
    const r = rateKpi('roi', 120, { overrides: { roi: { average: 150, strong: 250, exceptional: 500 } } });
    expect(insight('roi', r)).toContain("under this workspace's 150 % bar");
  });
});

describe('insights', () => {
  it('writes one sentence for every tier of every tiered KPI', () => {
    for (const kpiId of TIERED_KPI_IDS) {
      for (const tier of TIERS) {
        const text = insight(kpiId, { value: 1, tier }, {});
        expect(text).toMatch(/^[A-Z].*\.$/);
        expect(text.split('. ').length).toBe(1);
      }
    }
  });

  it('explains the value and a next step', () => {
    const text = insight('engagement_rate', rated('engagement_rate', 4));
    expect(text).toBe(
      'Engagement rate of 4 % is strong (4 % to 6 %): the audience actively interacts with the character; keep the format and test the best posts in paid placements to reach beyond followers.',
    );
    expect(insight('cpc', { ...rated('cpc', 2.5), currency: 'USD' })).toContain('over USD\u00a02.00');
  });

  it('shows money in the currency\'s minor units, never "USD 3.968"', () => {
    const text = insight('cpc', { ...rated('cpc', 3.968), currency: 'USD' });
    expect(text).toContain('USD\u00a03.97');
    expect(text).not.toContain('3.968');
    expect(insight('cpa', { ...rated('cpa', 12.5), currency: 'EUR', tier: null, tierUnavailable: 'The default cpa tiers are in USD.' })).toContain('EUR\u00a012.50');
    // A sub-dime CPV keeps one more digit so it is not moved across a tier boundary.
    expect(insight('cpv', { ...rated('cpv', 0.025), currency: 'USD' })).toContain('USD\u00a00.025');
  });

  it('says when there is not enough data, or why a cost has no tier', () => {
    expect(insight('ctr', rated('ctr', null))).toBe('Not enough data to rate CTR yet.');
    const eur = rateKpi('cpa', 40, { currency: 'EUR' });
    expect(insight('cpa', { ...eur, currency: 'EUR' })).toContain('set workspace thresholds');
  });

  it('points a weak CTR with strong conversion at the call to action, not the landing page', () => {
    const kpis = { ctr: rated('ctr', 0.3), conversion_rate: rated('conversion_rate', 4) };
    const text = insight('ctr', kpis.ctr, { kpis });
    expect(text).toContain("creative's call to action, not the landing page");
    expect(insight('conversion_rate', kpis.conversion_rate, { kpis })).toContain('call to action');
  });

  it('points a strong CTR with weak conversion at the landing page or offer', () => {
    const kpis = { ctr: rated('ctr', 2), conversion_rate: rated('conversion_rate', 0.4) };
    expect(insight('ctr', kpis.ctr, { kpis })).toContain('fix the landing page or the offer');
    expect(insight('conversion_rate', kpis.conversion_rate, { kpis })).toContain('fix the landing page or the offer');
  });

  it('keeps the joint CTR/conversion reading off every other KPI of the report', () => {
    const kpis = { ctr: rated('ctr', 2), conversion_rate: rated('conversion_rate', 0.4), cpa: rated('cpa', 40), roi: rated('roi', 50) };
    const texts = reportInsights(kpis).map((i) => i.text);
    expect(texts.filter((text) => text.includes('fix the landing page or the offer'))).toHaveLength(2);
    expect(new Set(texts).size).toBe(texts.length);
    expect(insight('cpa', kpis.cpa, { kpis })).toMatch(/^Cost per action of 40.00 is strong/);
  });

  it('collects a report', () => {
    const list = reportInsights({ roi: rated('roi', 50), ctr: rated('ctr', 2), cpa: null });
    expect(list.map((i) => i.kpiId)).toEqual(['ctr', 'roi']);
  });
});
