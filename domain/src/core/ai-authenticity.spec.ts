import { describe, expect, it } from 'vitest';
import { aiAuthenticityReportOf, type AiDisclosurePost } from './ai-authenticity.ts';

const post = (postId: string, aiLabelApplied: boolean): AiDisclosurePost => ({ postId, channel: 'instagram', url: `https://i.example/${postId}`, publishedAt: '2026-03-01T10:00:00.000Z', aiLabelApplied });

describe('aiAuthenticityReportOf', () => {
  const posts = [post('a', true), post('b', false), post('c', false), post('d', true)];
  const rows = [
    { postId: 'a', day: '2026-03-02', classified: 40, flagged: 2 },
    { postId: 'a', day: '2026-03-01', classified: 10, flagged: 0 },
    { postId: 'b', day: '2026-03-01', classified: 20, flagged: 5 },
    { postId: 'b', day: '2026-03-02', classified: 20, flagged: 7 },
    { postId: 'c', day: '2026-03-02', classified: 10, flagged: 0 },
  ];
  const report = aiAuthenticityReportOf(posts, rows);

  it('gives each post with classified comments its label, rate and daily trend, highest rate first', () => {
    expect(report.byPost.map((p) => [p.postId, p.aiLabelApplied, p.classified, p.flagged, p.rate])).toEqual([
      ['b', false, 40, 12, 30],
      ['a', true, 50, 2, 4],
      ['c', false, 10, 0, 0],
    ]);
    expect(report.byPost[1]!.series).toEqual([
      { day: '2026-03-01', classified: 10, flagged: 0, rate: 0 },
      { day: '2026-03-02', classified: 40, flagged: 2, rate: 5 },
    ]);
  });

  it('leaves out posts without classified comments (no rate to show), rather than showing 0 %', () => {
    expect(report.byPost.map((p) => p.postId)).not.toContain('d');
  });

  it('sums the labelled and the unlabelled posts, each with its trend', () => {
    expect(report.labelled).toEqual({ posts: 1, classified: 50, flagged: 2, rate: 4, series: [{ day: '2026-03-01', classified: 10, flagged: 0, rate: 0 }, { day: '2026-03-02', classified: 40, flagged: 2, rate: 5 }] });
    expect(report.unlabelled).toMatchObject({ posts: 2, classified: 50, flagged: 12, rate: 24 });
    expect(report.unlabelled.series).toEqual([
      { day: '2026-03-01', classified: 20, flagged: 5, rate: 25 },
      { day: '2026-03-02', classified: 30, flagged: 7, rate: expect.closeTo(70 / 3, 10) },
    ]);
  });

  it('has null rates and empty trends when nothing is classified', () => {
    const empty = aiAuthenticityReportOf(posts, []);
    expect(empty.byPost).toEqual([]);
    expect(empty.labelled).toEqual({ posts: 0, classified: 0, flagged: 0, rate: null, series: [] });
  });
});
