import { describe, expect, it } from 'vitest';
import {
  audienceGrowthRate,
  brandMentionsPerPost,
  characterMentionRate,
  engagementRate,
  engagementRateByViews,
  flaggedCommentRate,
  profileActions,
  saveRate,
  noCommentsReason,
  sentimentShare,
  shareRate,
  tallyClassifications,
  unclassifiedCommentsReason,
} from './audience.ts';
import type { CommentClassification } from './safety-taxonomy.ts';

describe('kpi-spec worked examples (audience)', () => {
  it('engagement: 300 likes + 50 comments + 20 shares + 30 saves over 10,000 followers = 4 %, strong', () => {
    const r = engagementRate({ likes: 300, comments: 50, shares: 20, saves: 30, followers: 10_000 });
    expect(r.value).toBe(4);
    expect(r.tier).toBe('strong');
    expect(r.thresholds.source).toBe('default');
  });

  it('growth: 10,000 -> 12,500 followers = 25 %', () => {
    const r = audienceGrowthRate({ followersBefore: 10_000, followersAfter: 12_500 });
    expect(r.value).toBe(25);
    expect(r.tier).toBe('exceptional');
  });

  it('brand mentions: 50 over 10 posts = 5, average', () => {
    expect(brandMentionsPerPost({ brandMentions: 50, posts: 10, comments: 400 })).toMatchObject({ value: 5, tier: 'average' });
  });
});

describe('audience KPIs', () => {
  it('has no value and no tier without a denominator', () => {
    expect(engagementRate({ likes: 3, comments: 0, shares: 0, saves: 0, followers: 0 })).toMatchObject({ value: null, tier: null });
    expect(audienceGrowthRate({ followersBefore: 0, followersAfter: 10 })).toMatchObject({ value: null, tier: null });
    expect(audienceGrowthRate({ followersBefore: null, followersAfter: 10 })).toMatchObject({ value: null, tier: null });
    expect(brandMentionsPerPost({ brandMentions: 5, posts: 0, comments: 40 })).toMatchObject({ value: null, tier: null });
  });

  it('leaves unreported interactions out and says which', () => {
    const r = engagementRate({ likes: 300, comments: 50, shares: 20, saves: null, followers: 10_000 });
    expect(r.value).toBe(3.7);
    expect(r.unreported).toEqual(['saves']);
    expect(engagementRate({ likes: null, comments: null, shares: null, saves: null, followers: 10 }).value).toBeNull();
  });

  it('rates engagement by views without a tier', () => {
    expect(engagementRateByViews({ likes: 300, comments: 50, shares: 20, saves: 30, views: 20_000 })).toEqual({ value: 2, unreported: [] });
  });

  it('uses reach for save and share rates, impressions when reach is unknown, and says which', () => {
    expect(saveRate({ saves: 30, reach: 1000, impressions: 3000 })).toEqual({ value: 3, base: 'reach' });
    expect(saveRate({ saves: 30, reach: null, impressions: 3000 })).toEqual({ value: 1, base: 'impressions' });
    expect(shareRate({ shares: 20, reach: undefined, impressions: 4000 })).toEqual({ value: 0.5, base: 'impressions' });
    expect(shareRate({ shares: 20, reach: null, impressions: null })).toEqual({ value: null, base: null });
    expect(saveRate({ saves: 30, reach: 0, impressions: 3000 })).toEqual({ value: null, base: 'reach' });
  });

  it('sums profile actions', () => {
    expect(profileActions({ profileVisits: 120, linkClicks: 30, follows: 12 })).toEqual({ value: 162, unreported: [] });
    expect(profileActions({ profileVisits: 120, linkClicks: null, follows: 12 })).toEqual({ value: 132, unreported: ['linkClicks'] });
  });

  it('computes comment KPIs', () => {
    expect(characterMentionRate({ mentioningComments: 25, comments: 200 })).toBe(12.5);
    expect(characterMentionRate({ mentioningComments: 0, comments: 0 })).toBeNull();
    expect(sentimentShare({ positive: 60, neutral: 30, negative: 10 })).toEqual({ positive: 60, neutral: 30, negative: 10, classified: 100 });
    expect(sentimentShare({ positive: 0, neutral: 0, negative: 0 }).negative).toBeNull();
    expect(flaggedCommentRate({ flagged: 3, classified: 200 })).toBe(1.5);
  });

  it('leaves audience counts that were never collected unknown, not 0', () => {
    // No snapshot reported reach, impressions or any interaction: null, never 0 %.
    expect(saveRate({ saves: null, reach: 1000, impressions: null }).value).toBeNull();
    expect(shareRate({ shares: null, reach: null, impressions: 500 }).value).toBeNull();
    expect(profileActions({ profileVisits: null, linkClicks: null, follows: null })).toEqual({ value: null, unreported: ['profileVisits', 'linkClicks', 'follows'] });
    expect(engagementRate({ likes: 10, comments: 1, shares: 0, saves: 0, followers: null })).toMatchObject({ value: null, tier: null });
    expect(audienceGrowthRate({ followersBefore: 1000, followersAfter: null })).toMatchObject({ value: null, tier: null });
  });

  it('brand mentions per post is unknown with the reason, never 0 and weak, when no comment was collected', () => {
    const none = brandMentionsPerPost({ brandMentions: 0, posts: 10, comments: 0 });
    expect(none).toMatchObject({ value: null, tier: null });
    expect(none.reason).toMatch(/No comments were collected.*unknown \(not 0\)/);
    expect(brandMentionsPerPost({ brandMentions: 0, posts: 10, comments: null }).reason).toMatch(/not counted/);
    expect(brandMentionsPerPost({ brandMentions: null, posts: 10, comments: 30 })).toMatchObject({ value: null, tier: null });
    expect(brandMentionsPerPost({ brandMentions: 0, posts: 0, comments: 0 }).reason).toMatch(/No campaign post/);
    // Comments collected and none names the brand: a real 0, rated weak.
    expect(brandMentionsPerPost({ brandMentions: 0, posts: 10, comments: 120 })).toMatchObject({ value: 0, tier: 'weak', reason: null });
  });

  it('comment KPIs say why they are unknown: no comment collected, or none classified yet', () => {
    expect(noCommentsReason(12, 'x')).toBeNull();
    expect(unclassifiedCommentsReason({ comments: 0, classified: 0 }, 'the sentiment share')).toMatch(/No comments were collected.*the sentiment share is unknown \(not 0\)/);
    expect(unclassifiedCommentsReason({ comments: 40, classified: 0 }, 'the flagged comment rate')).toMatch(/None of the 40 comments in scope is classified yet/);
    expect(unclassifiedCommentsReason({ comments: 40, classified: 3 }, 'x')).toBeNull();
    // The ratios themselves are null over no classified comment, never 0.
    expect(flaggedCommentRate({ flagged: 0, classified: 0 })).toBeNull();
    expect(characterMentionRate({ mentioningComments: 0, comments: 0 })).toBeNull();
    expect(sentimentShare({ positive: 0, neutral: 0, negative: 0 })).toEqual({ positive: null, neutral: null, negative: null, classified: 0 });
  });

  it('refuses negative counts', () => {
    expect(() => brandMentionsPerPost({ brandMentions: -1, posts: 3, comments: 10 })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });

  it('tallies classifier results', () => {
    const c = (sentiment: CommentClassification['sentiment'], flags: string[], mentionsCharacter: boolean): CommentClassification => ({
      id: 'x',
      sentiment,
      score: 0.9,
      flags,
      mentionsCharacter,
      classifier: 'offline',
      version: '1',
    });
    const tally = tallyClassifications([c('positive', [], true), c('negative', ['hate', 'profanity'], false), c('neutral', ['spam_scam'], true)]);
    expect(tally).toMatchObject({ classified: 3, positive: 1, neutral: 1, negative: 1, flagged: 2, mentioningCharacter: 2 });
    expect(tally.byCategory.hate).toBe(1);
    expect(tally.byCategory.spam_scam).toBe(1);
    expect(tally.byCategory.violence).toBe(0);
  });
});
