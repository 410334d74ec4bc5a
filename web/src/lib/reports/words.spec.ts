import { describe, expect, it } from 'vitest';
import { answerLabel, formatKpi, formatKpiDifference, formatMajor, formatRelative, kpiLabel, readable } from './words.ts';

describe('report words', () => {
  it('formats each KPI in its unit', () => {
    expect(formatKpi('ctr', 1.7512)).toBe('1.8 %');
    expect(formatKpi('roi', -67.49)).toBe('−67.5 %');
    expect(formatKpi('roi', -150.4)).toBe('−150.4 %');
    expect(formatKpi('cpa', 84.04, 'USD')).toBe('USD\u00a084.04');
    expect(formatKpi('cpv', 0.017, 'USD')).toBe('USD\u00a00.017');
    expect(formatKpi('cpv', 0.701, 'USD')).toBe('USD\u00a00.70');
    expect(formatKpi('target_actions', 171)).toBe('171');
    expect(formatKpi('sentiment', 12.34)).toBe('+12.3 pts');
    expect(formatKpi('ctr', null)).toBe('—');
  });
  it('shows money in major units of its currency', () => {
    expect(formatMajor(1234.5, 'EUR')).toBe('EUR\u00a01,234.50');
    expect(formatMajor(3, null)).toBe('3');
  });
  it('names KPIs for people', () => {
    expect(kpiLabel('brand_mentions_per_post')).toBe('Brand mentions per post');
    expect(kpiLabel('something_new')).toBe('something new');
  });
  it('signs a difference in the KPI unit: percentage points for percent KPIs', () => {
    expect(formatKpiDifference('cpa', -86.3464, 'USD')).toBe('−USD\u00a086.35');
    expect(formatKpiDifference('conversion_rate', 0.60237)).toBe('+0.6 pp');
    expect(formatKpiDifference('sentiment', 12.34)).toBe('+12.3 pts');
    expect(formatKpiDifference('sales', 37)).toBe('+37');
    expect(formatKpiDifference('sales', 0)).toBe('±0');
    expect(formatKpiDifference('sales', null)).toBe('—');
    expect(formatRelative(60.66)).toBe('+61 %');
    expect(formatRelative(-79.09)).toBe('−79 %');
    expect(formatRelative(null)).toBe('—');
  });
  it('reads the API sentences in the words of people', () => {
    expect(readable('Results are mixed or average (engagement_rate average): repeat.')).toBe('Results are mixed or average (engagement rate average): repeat.');
    expect(readable('Select one campaign (campaignId): the lift is measured over a window.')).toBe('Select one campaign: the lift is measured over a window.');
    expect(readable('character_mention_rate and engagement_rate_by_views count comments')).toBe('Character mention rate and engagement rate by views count comments');
    expect(readable('The default cpa tiers are in USD.')).toBe('The default CPA tiers are in USD.');
    expect(readable(null)).toBe('');
  });
  it('says the executive answer in words', () => {
    expect(answerLabel('ai_better', 'human_creator')).toBe('AI character better');
    expect(answerLabel('other_better', 'product_ad')).toBe('Product ads better');
    expect(answerLabel('open', 'studio')).toBe('Open: not decided yet');
  });
});
