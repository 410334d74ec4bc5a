import { describe, expect, it } from 'vitest';
import { brandSafetyReportOf, type CommentCounts } from './brand-safety-report.ts';

const day = (d: string, classified: number, negative: number, flagged: number) => ({ day: d, classified, positive: classified - negative, neutral: 0, negative, flagged, mentioning: 1 });
const counts: CommentCounts = {
  comments: 60,
  waiting: 2,
  days: [day('2026-03-01', 10, 1, 0), day('2026-03-02', 10, 1, 1), day('2026-03-03', 10, 1, 0), day('2026-03-04', 10, 1, 0), day('2026-03-05', 10, 8, 5)],
  categories: { harassment: 4, spam_scam: 2 },
  classifiers: [{ classifier: 'offline', version: '1', count: 50 }],
  languages: [{ language: 'en', count: 40 }, { language: 'fr', count: 8 }, { language: null, count: 2 }],
};

describe('brandSafetyReportOf', () => {
  const usage = [
    { classifier: 'openai', version: 'p1', comments: 3, promptTokens: 250, completionTokens: 40, costUsdMicros: 12_000, requests: 1, unattributed: 1 },
    { classifier: 'offline', version: '1', comments: 47, promptTokens: 0, completionTokens: 0, costUsdMicros: 0, requests: 0, unattributed: 0 },
  ];
  const report = brandSafetyReportOf({ campaignId: 'spring' }, counts, usage);

  it('totals the days and rates the comments at their latest classification', () => {
    expect(report.totals).toEqual({ comments: 60, classified: 50, waiting: 2, positive: 38, neutral: 0, negative: 12, flagged: 6, mentioningCharacter: 5 });
    expect(report.kpis).toMatchObject({ sentiment_share: { positive: 76, neutral: 0, negative: 24 }, flagged_comment_rate: 12, character_mention_rate: 10, reason: null });
    expect(report.flaggedByCategory.find((c) => c.category === 'harassment')).toEqual({ category: 'harassment', count: 4, rate: 8 });
  });

  it('passes the language mix through, undetected languages as null', () => {
    expect(report.languageMix).toEqual([{ language: 'en', count: 40 }, { language: 'fr', count: 8 }, { language: null, count: 2 }]);
  });

  it('marks a day whose negative share jumps as a spike', () => {
    const rough = brandSafetyReportOf({}, { ...counts, days: [...counts.days.slice(0, 4), day('2026-03-05', 20, 16, 5)] }, []);
    expect(rough.spikes.map((s) => [s.day, s.metric])).toContainEqual(['2026-03-05', 'negative_share']);
  });

  it('costs the classification in dollars from micro-dollars, and counts what it cannot attribute', () => {
    expect(report.classificationCost.byClassifier.map((row) => [row.classifier, row.costUsd])).toEqual([['openai', 0.012], ['offline', 0]]);
    expect(report.classificationCost).toMatchObject({ totalCostUsd: 0.012, unattributedComments: 1 });
  });

  it('answers unknowns, not zeros, when nothing is classified', () => {
    const empty = brandSafetyReportOf({}, { comments: 0, waiting: 0, days: [], categories: {}, classifiers: [], languages: [] }, []);
    expect(empty.kpis.sentiment_share).toBeNull();
    expect(empty.kpis.flagged_comment_rate).toBeNull();
    expect(empty.kpis.reason).not.toBeNull();
  });
});
