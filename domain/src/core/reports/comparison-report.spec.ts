import { describe, expect, it } from 'vitest';
import { audienceReportOf, liftNotRead, type AudienceSums } from './audience-report.ts';
import { comparisonPlan, comparisonReportOf, type ComparisonSource, type SourceLayers, type WindowSample } from './comparison-report.ts';

const now = new Date('2026-12-01T00:00:00Z');
const sources: ComparisonSource[] = [
  { id: 'lea', name: 'Léa', kind: 'ai_character', launchedOn: '2026-06-01', firstPostAt: null },
  { id: 'maya', name: 'Maya', kind: 'human_creator', launchedOn: null, firstPostAt: new Date('2026-05-10T15:00:00Z') },
  { id: 'new', name: 'New', kind: 'human_creator', launchedOn: '2026-11-20', firstPostAt: null },
  { id: 'ghost', name: 'Ghost', kind: 'studio', launchedOn: null, firstPostAt: null },
];
const none = { posts: 0, count: null, base: null };
const sums = (reach: number, likes: number, followers: number): AudienceSums => ({
  posts: 5, withSnapshot: 5,
  totals: { views: null, reach, impressions: null, profileVisits: null, linkClicks: null, follows: null },
  reported: { views: 0, reach: 5, impressions: 0, profileVisits: 0, linkClicks: 0, follows: 0 },
  byFollowers: { posts: 5, likes, comments: 0, shares: 0, saves: 0, followers },
  byViews: { posts: 0, likes: null, comments: null, shares: null, saves: null, views: null },
  saves: { reach: none, impressions: none }, shares: { reach: none, impressions: none }, profileActionPosts: 0,
});
const sample = (sourceId: string): WindowSample => ({ sourceId, posts: 5, postsWithSnapshot: 5, snapshots: 9, likes: 10, comments: 1, shares: 1, saves: 1, reported: { likes: 5, comments: 5, shares: 5, saves: 5 } });
const layer = (sourceId: string, reach: number, likes: number, positive: number, negative: number): SourceLayers => ({
  sourceId,
  commercial: null,
  window: sample(sourceId),
  audience: audienceReportOf({ sourceId, lagDays: 14 }, {
    aggregates: sums(reach, likes, 10_000), growth: [], mentions: { posts: 0, comments: null, mentions: 0 },
    comments: { comments: 10, classified: 10, positive, neutral: 10 - positive - negative, negative, flagged: 0, mentioning: 0 },
    lift: liftNotRead('not read'), reason: null, startDay: null, endDay: null,
  }, {}),
});

describe('comparisonPlan', () => {
  const plan = comparisonPlan({ goal: 'engagement', windowDays: 90, live: false }, null, sources, now);

  it("aligns each source on its launch, else its first post's day, and reads only the aligned ones", () => {
    expect(plan.windows).toEqual([
      { sourceId: 'lea', from: new Date('2026-06-01T00:00:00Z'), to: new Date('2026-08-30T00:00:00Z') },
      { sourceId: 'maya', from: new Date('2026-05-10T00:00:00Z'), to: new Date('2026-08-08T00:00:00Z') },
    ]);
    expect(plan.aligned.map((a) => a.window?.status ?? null)).toEqual(['aligned', 'aligned', 'too_new_to_compare', null]);
    expect(plan).toMatchObject({ goal: 'engagement', goalFrom: 'query', reads: { audience: true } });
  });

  it("takes the campaign's goal, else every goal's deciding KPIs", () => {
    expect(comparisonPlan({ windowDays: 90, live: false }, { goal: 'sales' }, sources, now)).toMatchObject({ goal: 'sales', goalFrom: 'campaign' });
    const every = comparisonPlan({ windowDays: 90, live: false }, null, sources, now);
    expect(every).toMatchObject({ goal: null, goalFrom: 'every_goal', reads: { audience: true, commercial: true } });
  });
});

describe('comparisonReportOf', () => {
  const filters = { goal: 'awareness' as const, windowDays: 90, live: false };
  const plan = comparisonPlan(filters, null, sources, now);
  const report = comparisonReportOf(filters, plan, sources, [layer('lea', 50_000, 600, 7, 1), layer('maya', 40_000, 300, 5, 3)]);

  it('ranks each deciding KPI best first, net sentiment in points', () => {
    const sentiment = report.rankings.find((r) => r.kpiId === 'sentiment');
    expect(sentiment?.entries.filter((e) => e.rank !== null).map((e) => [e.name, e.rank, e.value])).toEqual([['Léa', 1, 60], ['Maya', 2, 20]]);
    const reach = report.sources.find((s) => s.sourceId === 'lea')?.kpis.find((k) => k.kpiId === 'reach');
    expect(reach).toMatchObject({ value: 50_000, currency: null, sample: { posts: 5 } });
    // No commercial layer was read: the cost KPIs are unknown, never 0.
    expect(report.rankings.find((r) => r.kpiId === 'cpm')?.entries.every((e) => e.value === null)).toBe(true);
  });

  it('lists sources too new or without a date, and says how each was aligned', () => {
    expect(report.sources.map((s) => [s.name, s.status, s.launch.basis])).toEqual([
      ['Léa', 'aligned', 'launched_on'], ['Maya', 'aligned', 'first_post'], ['New', 'too_new_to_compare', 'launched_on'], ['Ghost', 'no_launch_date', null],
    ]);
    expect(report.notes).toEqual([
      'Too new to compare (younger than 90 days on 2026-12-01): New (11 days). They are listed, never ranked: compare them again once their window has elapsed, or shorten windowDays.',
      'No launch date and no post, so no window: Ghost. Record their launch (or first-post) date.',
      'Aligned on their first post because no launch date is recorded: Maya.',
    ]);
    expect(report.scope).toMatchObject({ goal: 'awareness', goalFrom: 'query', asOf: '2026-12-01T00:00:00.000Z' });
  });
});
