import { describe, expect, it } from 'vitest';
import { formatKpi, formatMajor, kpiLabel } from './words.ts';

describe('report words', () => {
  it('formats each KPI in its unit', () => {
    expect(formatKpi('ctr', 1.7512)).toBe('1.75 %');
    expect(formatKpi('roi', -150.4)).toBe('-150 %');
    expect(formatKpi('cpa', 84.04, 'USD')).toBe('$84.04');
    expect(formatKpi('target_actions', 171)).toBe('171');
    expect(formatKpi('sentiment', 12.34)).toBe('+12.3 pts');
    expect(formatKpi('ctr', null)).toBe('—');
  });
  it('shows money in major units of its currency', () => {
    expect(formatMajor(1234.5, 'EUR')).toBe('€1,234.50');
    expect(formatMajor(3, null)).toBe('3');
  });
  it('names KPIs for people', () => {
    expect(kpiLabel('brand_mentions_per_post')).toBe('Brand mentions per post');
    expect(kpiLabel('something_new')).toBe('something new');
  });
});
