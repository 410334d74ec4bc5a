import { describe, expect, it } from 'vitest';
import { executiveAnswer, type AnswerSource } from './executive-answer.ts';

const source = (over: Partial<AnswerSource> & Pick<AnswerSource, 'name' | 'kind'>): AnswerSource => ({
  sourceId: over.name, status: 'aligned', daysSinceLaunch: 200, posts: 10, costKnown: true, values: {}, ...over,
});

// Sales: sales, revenue, roi, conversion_rate, cpa decide; CPA is the cost per result.
const lea = source({ name: 'Léa', kind: 'ai_character', values: { sales: 120, revenue: 9_000, roi: 150, conversion_rate: 4, cpa: 12.5, sentiment: 40 } });
const maya = source({ name: 'Maya', kind: 'human_creator', values: { sales: 80, revenue: 12_000, roi: 210, conversion_rate: 2.5, cpa: 31, sentiment: 18 } });
const jon = source({ name: 'Jon', kind: 'human_creator', costKnown: false, values: { sales: 100, revenue: 5_000, roi: null, conversion_rate: 3, cpa: null, sentiment: 10 } });
const studio = source({ name: 'Studio', kind: 'studio', values: { sales: 200, revenue: 20_000, roi: 300, conversion_rate: 5, cpa: 8, sentiment: 5 } });
const ad = source({ name: 'Ad', kind: 'product_ad', status: 'too_new_to_compare', daysSinceLaunch: 20, posts: 2 });

describe('executiveAnswer', () => {
  const answer = executiveAnswer({ goal: 'sales', windowDays: 90, currency: 'USD', sources: [lea, maya, jon, studio, ad], approvedAssets: { ai_character: 45, human_creator: 10, studio: 13 } });
  const against = (kind: string) => answer.kinds.find((k) => k.kind === kind)!;

  it('answers against human creators on the deciding KPIs, never reading an unrecorded cost as free', () => {
    const humans = against('human_creator');
    // Medians of Maya and Jon, except cost KPIs: Jon's cost is unknown, so Maya's alone.
    expect(humans.deciding.map((f) => [f.kpiId, f.ai, f.other, f.better])).toEqual([
      ['sales', 120, 90, 'ai'],
      ['revenue', 9_000, 8_500, 'ai'],
      ['roi', 150, 210, 'other'],
      ['conversion_rate', 4, 2.75, 'ai'],
      ['cpa', 12.5, 31, 'ai'],
    ]);
    expect(humans).toMatchObject({ answer: 'ai_better', rule: 'wins', compared: { ai: ['Léa'], other: ['Maya', 'Jon'] } });
    expect(humans.costPerResult).toMatchObject({ kpiId: 'cpa', ai: 12.5, other: 31, difference: -18.5 });
    expect(humans.open).toEqual(['Cost not recorded for Jon: their CPA and ROI are left out until it is.']);
    expect(humans.sentence).toBe(
      'Against human creators (Maya and Jon): worth it for sales (better on 4 of 5 deciding KPIs). ' +
        'Better on sales (120 vs 90, 33 % higher), revenue (USD 9,000.00 vs USD 8,500.00, 6 % higher), conversion rate (4 % vs 2.8 %, 45 % higher) and CPA (USD 12.50 vs USD 31.00, 60 % lower). ' +
        'Worse on ROI (150 % vs 210 %, 29 % lower). Audience: net sentiment (+40 points vs +14 points, 186 % higher). Approved assets per week: 3.5 vs 0.8.',
    );
  });

  it('says when the other kind does better, and keeps too-new sources open rather than losing', () => {
    expect(against('studio')).toMatchObject({ answer: 'other_better', rule: 'losses' });
    expect(against('product_ad')).toMatchObject({ answer: 'open', rule: 'no_other', open: ['Too new to compare (younger than 90 days): Ad (20 days).'] });
    expect(answer.headline).toBe("For sales, over each source's first 90 days: Léa beats human creators, trails studio content and cannot be judged against product ads yet.");
  });

  it('stays open with too few posts or too few known KPIs, or without an AI character old enough', () => {
    const thin = executiveAnswer({ goal: 'sales', windowDays: 90, currency: 'USD', sources: [{ ...lea, posts: 2 }, maya], approvedAssets: {} });
    expect(thin.kinds[0]).toMatchObject({ rule: 'too_few_results', answer: 'open' });
    expect(thin.kinds[0]!.open).toContain('Too few posts in the window (under 3): Léa (2).');
    const unknown = executiveAnswer({ goal: 'traffic', windowDays: 90, currency: 'USD', sources: [source({ name: 'L', kind: 'ai_character', values: { ctr: 2 } }), source({ name: 'M', kind: 'human_creator', values: { ctr: 1 } })], approvedAssets: {} });
    expect(unknown.kinds[0]).toMatchObject({ rule: 'too_few_kpis', answer: 'open' });
    const young = executiveAnswer({ goal: 'sales', windowDays: 90, currency: 'USD', sources: [{ ...lea, status: 'too_new_to_compare' }, maya], approvedAssets: {} });
    expect(young.kinds.map((k) => k.rule)).toEqual(['no_character', 'no_character', 'no_character']);
    expect(young.headline).toBe("For sales, over each source's first 90 days: no AI character is old enough to compare yet.");
  });
});
