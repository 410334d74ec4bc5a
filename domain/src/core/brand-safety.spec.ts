import { describe, expect, it } from 'vitest';
import { dailySafetyPoint, detectSpikes, flaggedByCategory, type DailySafetyPoint } from './brand-safety.ts';

// Day n of March 2026, n from 1.
const day = (n: number) => `2026-03-${String(n).padStart(2, '0')}`;

function point(n: number, classified: number, negative: number, flagged = 0): DailySafetyPoint {
  return dailySafetyPoint({ day: day(n), classified, positive: classified - negative, neutral: 0, negative, flagged });
}

// `days` days of `classified` comments with `negative` negatives each, from day 1.
const flat = (days: number, classified: number, negative: number) => Array.from({ length: days }, (_, i) => point(i + 1, classified, negative));

describe('dailySafetyPoint', () => {
  it('adds the sentiment and flagged shares', () => {
    expect(dailySafetyPoint({ day: day(1), classified: 40, positive: 30, neutral: 4, negative: 6, flagged: 2 })).toEqual({
      day: day(1), classified: 40, positive: 30, neutral: 4, negative: 6, flagged: 2, positiveShare: 75, neutralShare: 10, negativeShare: 15, flaggedShare: 5,
    });
  });

  it('has null shares for a day without classified comments, and refuses inconsistent counts', () => {
    expect(point(1, 0, 0)).toMatchObject({ positiveShare: null, neutralShare: null, negativeShare: null, flaggedShare: null });
    expect(() => dailySafetyPoint({ day: day(1), classified: 10, positive: 3, neutral: 3, negative: 3, flagged: 0 })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });
});

describe('detectSpikes', () => {
  it('reports nothing on a flat baseline, nor a wobble under the sd floor', () => {
    // 10 % every day; then 14 %: above the 1.5 × mean? no (15), above mean + 3 × 2? no (16).
    expect(detectSpikes(flat(10, 50, 5))).toEqual([]);
    expect(detectSpikes([...flat(7, 50, 5), point(8, 50, 7)])).toEqual([]);
  });

  it('reports a clear spike with its baseline', () => {
    // Baseline 8, 12, 8, 12, 8, 12, 8 % (25 comments a day), then 56 %.
    const series = [2, 3, 2, 3, 2, 3, 2].map((negative, i) => point(i + 1, 25, negative));
    const spikes = detectSpikes([...series, point(8, 25, 14), point(9, 25, 3)]);
    const baseline = [8, 12, 8, 12, 8, 12, 8];
    const baselineMean = 68 / 7;
    const sd = Math.sqrt(baseline.reduce((s, v) => s + (v - baselineMean) ** 2, 0) / 6);
    expect(spikes).toEqual([
      { day: day(8), metric: 'negative_share', share: 56, baselineMean: expect.closeTo(baselineMean, 10), baselineSd: expect.closeTo(sd, 10), threshold: expect.closeTo(baselineMean + 3 * sd, 10), comments: 25, baselineDays: 7 },
    ]);
  });

  it('checks the flagged share on its own, and sorts the series first', () => {
    const series = [1, 2, 3, 4, 5].map((n) => point(n, 40, 4, 1));
    const spikes = detectSpikes([point(6, 40, 4, 8), ...series.reverse()]);
    expect(spikes).toEqual([expect.objectContaining({ day: day(6), metric: 'flagged_share', share: 20, baselineMean: 2.5, baselineSd: 0, threshold: 8.5, baselineDays: 5 })]);
  });

  it('needs at least minComments classified comments that day', () => {
    // 10 negatives out of 19 is 52.6 %, but 19 < 20 comments.
    expect(detectSpikes([...flat(7, 50, 5), point(8, 19, 10)])).toEqual([]);
    expect(detectSpikes([...flat(7, 50, 5), point(8, 20, 10)])).toHaveLength(1);
    expect(detectSpikes([...flat(7, 50, 5), point(8, 19, 10)], { minComments: 10 })).toHaveLength(1);
  });

  it('needs at least 3 baseline days with data', () => {
    expect(detectSpikes([point(1, 50, 5), point(2, 50, 5), point(3, 50, 40)])).toEqual([]);
    expect(detectSpikes([point(1, 50, 5), point(2, 50, 5), point(3, 0, 0), point(4, 50, 40)])).toEqual([]);
    expect(detectSpikes([point(1, 50, 5), point(2, 50, 5), point(3, 50, 5), point(4, 50, 40)])).toEqual([expect.objectContaining({ day: day(4), baselineDays: 3 })]);
  });

  it('uses only the previous 7 days with data as the baseline, skipping empty days', () => {
    // An old noisy stretch (0 %, 40 %) is out of the window; the 7 days before day 20 are flat 10 %.
    const old = [point(1, 50, 0), point(2, 50, 20), point(3, 50, 0), point(4, 50, 20)];
    const recent = [10, 11, 12, 14, 15, 16, 17].map((n) => point(n, 50, 5));
    const spikes = detectSpikes([...old, ...recent, point(18, 0, 0), point(20, 50, 10)]);
    expect(spikes).toEqual([expect.objectContaining({ day: day(20), share: 20, baselineMean: 10, baselineSd: 0, threshold: 16 })]);
  });

  it('counts a share exactly on the bound as a spike, and one just under it as none', () => {
    // Flat 10 % baseline: threshold max(10 + 3 × 2, 1.5 × 10) = 16 %; 4 of 25 is exactly 16 %.
    expect(detectSpikes([...flat(3, 20, 2), point(4, 25, 4)])).toEqual([expect.objectContaining({ share: 16, threshold: 16 })]);
    expect(detectSpikes([...flat(3, 20, 2), point(4, 50, 7)])).toEqual([]);
  });

  it('also requires 1.5 × the baseline mean when the sd bound is lower', () => {
    // Flat 40 %: mean + 3 × 2 = 46, but 1.5 × 40 = 60 decides.
    expect(detectSpikes([...flat(5, 50, 20), point(6, 50, 29)])).toEqual([]);
    expect(detectSpikes([...flat(5, 50, 20), point(6, 50, 30)])).toEqual([expect.objectContaining({ share: 60, threshold: 60 })]);
  });

  it('catches a spike from a baseline of 0 %', () => {
    expect(detectSpikes([...flat(3, 30, 0), point(4, 30, 2)])).toEqual([expect.objectContaining({ share: expect.closeTo(6.667, 3), threshold: 6 })]);
  });

  it('refuses a day given twice and an impossible rule', () => {
    expect(() => detectSpikes([point(1, 20, 2), point(1, 20, 2)])).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => detectSpikes([], { minBaselineDays: 8 })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => detectSpikes([], { minComments: -1 })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });
});

describe('flaggedByCategory', () => {
  it('lists every category, most frequent first, ties in taxonomy order', () => {
    const rows = flaggedByCategory({ spam_scam: 12, harassment: 6, profanity: 6, unknown: 99 }, 300);
    expect(rows).toHaveLength(11);
    expect(rows.slice(0, 4)).toEqual([
      { category: 'spam_scam', count: 12, rate: 4 },
      { category: 'profanity', count: 6, rate: 2 },
      { category: 'harassment', count: 6, rate: 2 },
      { category: 'hate', count: 0, rate: 0 },
    ]);
    expect(rows).toContainEqual({ category: 'ai_authenticity', count: 0, rate: 0 });
  });

  it('has null rates when nothing is classified', () => {
    expect(flaggedByCategory({}, 0).every((row) => row.count === 0 && row.rate === null)).toBe(true);
  });
});
