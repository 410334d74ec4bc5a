import { describe, expect, it } from 'vitest';
import type { Rated, Tier, TieredKpiId } from './tiers.ts';
import { brandMentionsPerPost } from './audience.ts';
import { campaignVerdict, decisiveTieredKpis, VERDICT_RULES } from './verdict.ts';
import { withArticle } from './vocabulary.ts';

const t = (tier: Tier, value = 1): Rated => ({ value, tier });
type Kpis = Partial<Record<TieredKpiId, Rated | null>>;

describe('campaign verdict', () => {
  it('knows the decisive tiered KPIs of each goal', () => {
    expect(decisiveTieredKpis('sales')).toEqual(['roi', 'conversion_rate', 'cpa']);
    expect(decisiveTieredKpis('traffic')).toEqual(['ctr', 'cpc']);
    expect(decisiveTieredKpis('awareness')).toEqual(['brand_mentions_per_post']);
  });

  const cases: Array<[rule: string, goal: Parameters<typeof campaignVerdict>[0]['goal'], kpis: Kpis, verdict: string]> = [
    ['not_enough_data', 'sales', { roi: null, ctr: t('strong') }, 'learn_and_repeat'],
    ['losing_on_every_front', 'traffic', { roi: t('weak', -20), ctr: t('weak'), conversion_rate: t('weak'), cpc: t('average') }, 'stop'],
    ['all_decisive_weak', 'lead_generation', { target_actions: t('weak'), ctr: t('weak'), cpa: t('weak') }, 'stop'],
    ['roi_strong', 'sales', { roi: t('exceptional', 450), conversion_rate: t('average'), cpa: t('strong'), ctr: t('weak') }, 'scale'],
    ['goal_kpis_strong', 'traffic', { ctr: t('exceptional'), cpc: t('strong') }, 'scale'],
    ['creative_call_to_action', 'lead_generation', { ctr: t('weak'), conversion_rate: t('strong'), target_actions: t('average') }, 'fix_the_creative'],
    ['creative_not_engaging', 'engagement', { engagement_rate: t('weak') }, 'fix_the_creative'],
    ['creative_not_engaging', 'awareness', { brand_mentions_per_post: t('weak') }, 'fix_the_creative'],
    ['funnel_after_click', 'sales', { roi: t('average', 150), ctr: t('strong'), conversion_rate: t('weak'), cpa: t('average') }, 'fix_the_funnel'],
    ['funnel_after_click', 'lead_generation', { ctr: t('average'), cpa: t('weak'), target_actions: t('average') }, 'fix_the_funnel'],
    ['creative_top_of_funnel', 'traffic', { ctr: t('weak'), cpc: t('average') }, 'fix_the_creative'],
    ['mixed_results', 'sales', { roi: t('average', 150), conversion_rate: t('average'), cpa: t('strong') }, 'learn_and_repeat'],
  ];

  it.each(cases)('%s (%s)', (rule, goal, kpis, verdict) => {
    const r = campaignVerdict({ goal, kpis });
    expect(r.rule).toBe(rule);
    expect(r.verdict).toBe(verdict);
    expect(r.reason.length).toBeGreaterThan(20);
  });

  it('fires every documented rule in the cases above', () => {
    expect(new Set(cases.map(([rule]) => rule))).toEqual(new Set(VERDICT_RULES.map((r) => r.id)));
  });

  it('says "not enough data" when nothing decisive is rated', () => {
    expect(campaignVerdict({ goal: 'awareness', kpis: {} }).reason).toMatch(/^Not enough data/);
  });

  it('does not stop on a single weak KPI', () => {
    expect(campaignVerdict({ goal: 'traffic', kpis: { ctr: t('weak') } }).verdict).toBe('fix_the_creative');
  });

  it('does not scale a sales campaign without ROI', () => {
    expect(campaignVerdict({ goal: 'sales', kpis: { conversion_rate: t('exceptional'), cpa: t('exceptional') } }).verdict).toBe(
      'learn_and_repeat',
    );
  });

  it('does not scale a campaign that loses money', () => {
    expect(campaignVerdict({ goal: 'traffic', kpis: { ctr: t('strong'), cpc: t('strong'), roi: t('weak', -5) } }).verdict).not.toBe(
      'scale',
    );
  });

  it('treats brand mentions that were never collected as unknown, not weak', () => {
    const mentions = brandMentionsPerPost({ brandMentions: 0, posts: 6, comments: 0 });
    const result = campaignVerdict({ goal: 'awareness', kpis: { brand_mentions_per_post: mentions } });
    expect(result.rule).toBe('not_enough_data');
    expect(result.reason).toContain('decide an awareness campaign');
  });

  it('says "an awareness campaign" and "a lead generation campaign"', () => {
    expect(campaignVerdict({ goal: 'awareness', kpis: { brand_mentions_per_post: t('weak') } }).reason).toContain('for an awareness campaign');
    expect(campaignVerdict({ goal: 'engagement', kpis: { engagement_rate: t('strong') } }).reason).toContain('decides an engagement campaign');
    expect(campaignVerdict({ goal: 'lead_generation', kpis: {} }).reason).toContain('decide a lead generation campaign');
    expect(withArticle('instagram')).toBe('an instagram');
    expect(withArticle('tiktok')).toBe('a tiktok');
  });
});
