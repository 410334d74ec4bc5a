import { describe, expect, it } from 'vitest';
import { audienceReportOf, campaignLiftOf, commentSums, liftNotRead, liftReadDays, noKeywordsReason, periodDays, type AudienceSums } from './audience-report.ts';

const exposure = (posts: number, count: number | null, base: number | null) => ({ posts, count, base });
const sums: AudienceSums = {
  posts: 4,
  withSnapshot: 3,
  totals: { views: 10_000, reach: 8_000, impressions: 12_000, profileVisits: 50, linkClicks: null, follows: 5 },
  reported: { views: 3, reach: 2, impressions: 3, profileVisits: 3, linkClicks: 0, follows: 1 },
  byFollowers: { posts: 3, likes: 400, comments: 40, shares: 30, saves: 30, followers: 10_000 },
  byViews: { posts: 3, likes: 400, comments: 40, shares: 30, saves: 30, views: 10_000 },
  saves: { reach: exposure(2, 20, 8_000), impressions: exposure(3, 30, 12_000) },
  shares: { reach: exposure(0, null, null), impressions: exposure(3, 30, 12_000) },
  profileActionPosts: 3,
};
const comments = commentSums(12, [
  { classified: 6, positive: 3, neutral: 2, negative: 1, flagged: 1, mentioning: 2 },
  { classified: 4, positive: 2, neutral: 1, negative: 1, flagged: 0, mentioning: 1 },
]);

describe('audienceReportOf', () => {
  const report = audienceReportOf({ sourceKind: 'ai_character', lagDays: 14 }, {
    aggregates: sums,
    growth: [
      { sourceId: 'lea', name: 'Léa', followersBefore: 9_000, followersAfter: 9_900 },
      { sourceId: 'maya', name: 'Maya', followersBefore: null, followersAfter: 5_000 },
    ],
    mentions: { posts: 4, comments: 12, mentions: 6 },
    comments,
    lift: liftNotRead('Not read here.'),
    reason: null,
    ...periodDays(new Date('2026-03-01T00:00:00Z'), new Date('2026-04-01T00:00:00Z')),
  }, {});

  it('rates engagement over the posts with followers, and says what was not reported', () => {
    expect(report.kpis.engagement_rate).toMatchObject({ value: 5, posts: 3, interactions: 500, followers: 10_000 });
    expect(report.kpis.profile_actions).toMatchObject({ value: 55, unreported: ['linkClicks'] });
    expect(report.sample).toEqual({ posts: 4, withSnapshot: 3, withoutSnapshot: 1 });
  });

  it('takes one exposure base per rate: reach when some post reports it, else impressions', () => {
    expect(report.kpis.save_rate).toMatchObject({ base: 'reach', value: 0.25, posts: 2, count: 20, denominator: 8_000 });
    expect(report.kpis.share_rate).toMatchObject({ base: 'impressions', value: 0.25, posts: 3 });
  });

  it('grows followers over the sources with a count at both ends, over the period\'s days', () => {
    expect(report.kpis.audience_growth_rate).toMatchObject({ value: 10, followersBefore: 9_000, followersAfter: 9_900, sourcesWithoutData: 1, startDay: '2026-03-01', endDay: '2026-03-31' });
  });

  it('counts comments at their latest classification', () => {
    expect(comments).toEqual({ comments: 12, classified: 10, positive: 5, neutral: 3, negative: 2, flagged: 1, mentioning: 3 });
    expect(report.kpis.sentiment_share).toMatchObject({ positive: 50, neutral: 30, negative: 20, classified: 10, reason: null });
    expect(report.kpis.flagged_comment_rate.value).toBe(10);
    expect(report.kpis.character_mention_rate.value).toBe(30);
    expect(report.kpis.brand_mentions_per_post).toMatchObject({ value: 1.5, mentions: 6, posts: 4 });
  });
});

describe('the campaign lift', () => {
  const campaign = { name: 'Spring', startsOn: '2026-03-01', endsOn: '2026-03-14' };

  it('reads follower counts from the baseline start to the window end', () => {
    expect(liftReadDays(campaign, 7)).toEqual({ from: '2026-02-09', to: '2026-03-21' });
  });

  it('needs one campaign, and sums the sources only when every one is known', () => {
    expect(campaignLiftOf({ lagDays: 7, campaign: null, sources: [], snapshots: [], now: new Date() }).reason).toMatch(/Select one campaign/);
    const snapshots = [
      { sourceId: 'lea', date: '2026-02-09', followers: 1_000 },
      { sourceId: 'lea', date: '2026-03-01', followers: 1_210 },
      { sourceId: 'lea', date: '2026-03-21', followers: 1_720 },
    ];
    const lift = campaignLiftOf({ lagDays: 7, campaign, sources: [{ id: 'lea', name: 'Léa' }], snapshots, now: new Date('2026-05-01T00:00:00Z') });
    expect(lift).toMatchObject({ value: 300, windowGain: 510, baselineGain: 210, reason: null, window: { start: '2026-03-01', end: '2026-03-21' } });
    const unknown = campaignLiftOf({ lagDays: 7, campaign, sources: [{ id: 'lea', name: 'Léa' }, { id: 'maya', name: 'Maya' }], snapshots, now: new Date('2026-05-01T00:00:00Z') });
    expect(unknown.value).toBeNull();
    expect(unknown.reason).toMatch(/^Follower counts are missing: Maya:/);
  });

  it('says why brand mentions are unknown', () => {
    expect(noKeywordsReason(0, null)).toBe('No posts in scope.');
    expect(noKeywordsReason(3, 'Spring')).toMatch(/^Campaign "Spring" has no tracking keywords/);
  });
});
