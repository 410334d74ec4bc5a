/*
 * The audience report (layer 2) from its inputs: the posts' summed counters (each post at its latest
 * snapshot in the period), follower counts per source at both ends, brand-mention and comment
 * counts, and the campaign's new-followers lift. Every ratio and tier is the audience KPI functions',
 * rated with the workspace's tier overrides. The inputs come live, from the rollups, or for many
 * scopes at once (the overview per kind, the comparison per source): the assembly is the same.
 */
import {
  audienceGrowthRate,
  brandMentionsPerPost,
  characterMentionRate,
  engagementRate,
  engagementRateByViews,
  flaggedCommentRate,
  interactions,
  profileActions,
  saveRate,
  sentimentShare,
  shareRate,
  unclassifiedCommentsReason,
  type BasedRate,
} from '../audience.ts';
import { DEFAULT_LAG_DAYS, newFollowersLift } from '../new-followers-lift.ts';
import { sumKnown } from '../ratio.ts';
import type { RateOptions } from '../tiers.ts';
import { isoDayOf } from '../utc-day.ts';
import type { ReportScope } from './report-scope.ts';

const DAY_MS = 86_400_000;

/** The report's filters, and the days after a campaign's end its lift still counts. */
export type AudienceReportQuery = ReportScope & { lagDays: number };

type Sum = number | null;
type CounterSums = { likes: Sum; comments: Sum; shares: Sum; saves: Sum };
/** A counter summed over the posts that report it beside its base (reach or impressions). */
export type ExposureSums = { posts: number; count: Sum; base: Sum };
type Counter = 'views' | 'reach' | 'impressions' | 'profileVisits' | 'linkClicks' | 'follows';

/** The posts in scope, each at its latest snapshot in the period, summed. */
export type AudienceSums = {
  /** Posts published in the period that match the filters. */
  posts: number;
  /** Of those, posts with at least one snapshot captured in the period (their latest one is used). */
  withSnapshot: number;
  /** Sums over the latest snapshots, and how many posts reported each counter. */
  totals: Record<Counter, Sum>;
  reported: Record<Counter, number>;
  /** Posts with a follower count at their date and any interaction counter. */
  byFollowers: CounterSums & { posts: number; followers: Sum };
  /** Posts with views and any interaction counter. */
  byViews: CounterSums & { posts: number; views: Sum };
  /** Saves (shares) over reach, over the posts reporting both; the same over impressions. */
  saves: { reach: ExposureSums; impressions: ExposureSums };
  shares: { reach: ExposureSums; impressions: ExposureSums };
  profileActionPosts: number;
};

/** A source's follower count at the start and the end of the period; null: no snapshot there. */
export type SourceGrowth = { sourceId: string; name: string; followersBefore: number | null; followersAfter: number | null };

/** Tracked campaign posts, the comments collected on them and those naming the brand; comments null when not counted. */
export type MentionCounts = { posts: number; comments: number | null; mentions: number };

/** `comments`: collected in scope, classified or not (null: not counted); the others count latest classifications. */
export type CommentSums = Record<'classified' | 'positive' | 'neutral' | 'negative' | 'flagged' | 'mentioning', number> & { comments: number | null };
type DayCounts = Omit<CommentSums, 'comments'>;

/** The comment counts the audience report reads, summed over the brand-safety report's days. */
export function commentSums(collected: number, days: ReadonlyArray<DayCounts>): CommentSums {
  const sum = (key: keyof DayCounts) => days.reduce((total, d) => total + d[key], 0);
  return { comments: collected, classified: sum('classified'), positive: sum('positive'), neutral: sum('neutral'), negative: sum('negative'), flagged: sum('flagged'), mentioning: sum('mentioning') };
}

// ---- new followers lift ------------------------------------------------------------------------

export type LiftCampaign = { name: string; startsOn: string; endsOn: string };

/**
 * The days a campaign's lift reads follower counts over: the baseline's start to the window's end
 * (UTC days, inclusive).
 */
export function liftReadDays(campaign: LiftCampaign, lagDays: number): { from: string; to: string } {
  const frame = newFollowersLift({ snapshots: [], campaignStart: new Date(campaign.startsOn), campaignEnd: new Date(campaign.endsOn), lagDays });
  return { from: isoDayOf(frame.baselineWindow.start), to: isoDayOf(frame.window.end) };
}

export type LiftInputs = {
  lagDays: number;
  /** The one campaign selected; null: none, so no lift. */
  campaign: LiftCampaign | null;
  /** The sources that published on the campaign (narrowed by the source filters). */
  sources: ReadonlyArray<{ id: string; name: string }>;
  /** Their follower snapshots around liftReadDays. */
  snapshots: ReadonlyArray<{ sourceId: string; date: string; followers: number }>;
  now: Date;
};

/**
 * new_followers_lift over ONE campaign's window (start → end + lag), for each source the campaign
 * published with (narrowed by the source filters; the report period does not apply: the window is
 * the campaign's). The total is the sum over the sources, and unknown when any source's is.
 */
export function campaignLiftOf({ lagDays, campaign, sources, snapshots, now }: LiftInputs) {
  const empty = { value: null, lagDays, window: null, baselineWindow: null, windowGain: null, baselineGain: null, sources: [] };
  if (campaign === null) {
    return { ...empty, reason: 'Select one campaign (campaignId): the lift is measured over a campaign\'s window and the same number of days before it.' };
  }
  const timing = { campaignStart: new Date(campaign.startsOn), campaignEnd: new Date(campaign.endsOn), lagDays };
  // The windows alone (no snapshots): what the lift is measured over.
  const frame = newFollowersLift({ snapshots: [], ...timing });
  const window = { start: isoDayOf(frame.window.start), end: isoDayOf(frame.window.end) };
  const baselineWindow = { start: isoDayOf(frame.baselineWindow.start), end: isoDayOf(frame.baselineWindow.end) };
  const framed = { ...empty, window, baselineWindow };

  if (sources.length === 0) return { ...framed, reason: 'The campaign has no posts from the sources in scope.' };
  const snapshotsOf = Map.groupBy(snapshots, (row) => row.sourceId);
  const perSource = sources.map((source) => {
    const lift = newFollowersLift({ snapshots: (snapshotsOf.get(source.id) ?? []).map((row) => ({ date: new Date(row.date), followers: row.followers })), ...timing });
    return { sourceId: source.id, name: source.name, value: lift.value, windowGain: lift.windowGain, baselineGain: lift.baselineGain, missing: lift.missing };
  });
  const known = perSource.every((s) => s.value !== null);
  const total = (key: 'value' | 'windowGain' | 'baselineGain') => (perSource.every((s) => s[key] !== null) ? sumKnown(perSource.map((s) => s[key])) : null);
  const pending = frame.window.end.getTime() + DAY_MS > now.getTime();
  const reason = known
    ? null
    : pending
      ? `The tracking window ends on ${window.end} (campaign end + ${lagDays} days); the lift is known once follower counts up to that day are in.`
      : `Follower counts are missing: ${perSource.filter((s) => s.value === null).map((s) => `${s.name}: ${s.missing}`).join(' ')}`;
  return { ...framed, value: known ? total('value') : null, windowGain: total('windowGain'), baselineGain: total('baselineGain'), sources: perSource, reason };
}

export type CampaignLift = ReturnType<typeof campaignLiftOf>;

/** What a report that does not show the lift puts in its place, saying why. */
export function liftNotRead(reason: string): CampaignLift {
  return { value: null, lagDays: DEFAULT_LAG_DAYS, window: null, baselineWindow: null, windowGain: null, baselineGain: null, sources: [], reason };
}

/** Why brand mentions are unknown when no post in scope is tracked (no campaign of theirs has keywords). */
export function noKeywordsReason(posts: number, campaignName: string | null): string {
  if (posts === 0) return 'No posts in scope.';
  if (campaignName !== null) {
    return `Campaign "${campaignName}" has no tracking keywords: add the brand's keywords, hashtags and mentions to the campaign to count brand mentions.`;
  }
  return "None of the campaigns of the posts in scope has tracking keywords: add the brand's keywords, hashtags and mentions to a campaign to count brand mentions.";
}

// ---- the report --------------------------------------------------------------------------------

const ENGAGEMENT_BASIS =
  "Each post's likes + comments + shares + saves at its latest snapshot in the period, over its source's follower count on the post's UTC publication day (the latest follower snapshot on or before that day); both summed over the posts that have both, so the rate is the follower-weighted mean of the posts' rates.";

export type AudienceReportInputs = {
  aggregates: AudienceSums;
  growth: readonly SourceGrowth[];
  mentions: MentionCounts;
  comments: CommentSums;
  lift: CampaignLift;
  /** Why brand mentions are unknown, when no post in scope is tracked (else the KPI says why). */
  reason: string | null;
  /** The period's first and last UTC day, where follower growth is read. */
  startDay: string | null;
  endDay: string | null;
};

/** The first and last UTC day of a period (`to` exclusive); null for an open end. */
export function periodDays(from: Date | undefined, to: Date | undefined): { startDay: string | null; endDay: string | null } {
  return { startDay: from ? isoDayOf(from) : null, endDay: to ? isoDayOf(new Date(to.getTime() - 1)) : null };
}

export function audienceReportOf<Q extends ReportScope>(query: Q, { aggregates, growth, mentions, comments, lift, reason, startDay, endDay }: AudienceReportInputs, options: RateOptions) {
  // Engagement over the posts with a follower count at their date (and an interaction counter).
  const f = aggregates.byFollowers;
  const er = engagementRate({ likes: f.likes, comments: f.comments, shares: f.shares, saves: f.saves, followers: f.followers }, options);
  const v = aggregates.byViews;
  const byViews = engagementRateByViews({ likes: v.likes, comments: v.comments, shares: v.shares, saves: v.saves, views: v.views });

  // One base per report: reach whenever some post reports it beside the count, so the rate is
  // never a mix of reach- and impression-based posts.
  const exposure = (sums: { reach: ExposureSums; impressions: ExposureSums }, rate: (base: { reach: number | null; impressions: number | null; count: number | null }) => BasedRate) => {
    const useReach = sums.reach.posts > 0;
    const chosen = useReach ? sums.reach : sums.impressions;
    const result = chosen.posts > 0 ? rate({ count: chosen.count, reach: useReach ? chosen.base : null, impressions: useReach ? null : chosen.base }) : { value: null, base: null };
    return { value: result.value, base: result.base, posts: chosen.posts, count: chosen.count, denominator: chosen.posts > 0 ? chosen.base : null };
  };
  const actions = profileActions({ profileVisits: aggregates.totals.profileVisits, linkClicks: aggregates.totals.linkClicks, follows: aggregates.totals.follows });

  // Growth per source, summed over the sources with a count at both ends.
  const measured = growth.filter((s) => s.followersBefore !== null && s.followersAfter !== null);
  const growthRate = audienceGrowthRate(
    { followersBefore: sumKnown(measured.map((s) => s.followersBefore)), followersAfter: sumKnown(measured.map((s) => s.followersAfter)) },
    options,
  );

  const mentionRate = brandMentionsPerPost({ brandMentions: mentions.mentions, posts: mentions.posts, comments: mentions.comments }, options);
  const sum = (key: keyof DayCounts) => comments[key];
  const classified = sum('classified');
  const share = sentimentShare({ positive: sum('positive'), neutral: sum('neutral'), negative: sum('negative') });
  // Unknown (null, with the reason), never 0, when no comment was collected or none is classified.
  const commentReason = (kpi: string) => unclassifiedCommentsReason({ comments: comments.comments, classified }, kpi);

  return {
    scope: {
      ...query,
      basis: 'posts published in the period that match the filters, each at its latest metric snapshot captured in the period',
    },
    sample: { posts: aggregates.posts, withSnapshot: aggregates.withSnapshot, withoutSnapshot: aggregates.posts - aggregates.withSnapshot },
    kpis: {
      reach: { value: aggregates.totals.reach, posts: aggregates.reported.reach },
      impressions: { value: aggregates.totals.impressions, posts: aggregates.reported.impressions },
      views: { value: aggregates.totals.views, posts: aggregates.reported.views },
      engagement_rate: {
        value: er.value,
        tier: er.tier,
        thresholds: er.thresholds,
        tierUnavailable: er.tierUnavailable,
        unreported: er.unreported,
        posts: f.posts,
        interactions: interactions(f).value,
        followers: f.followers,
        basis: ENGAGEMENT_BASIS,
      },
      engagement_rate_by_views: { value: byViews.value, unreported: byViews.unreported, posts: v.posts, interactions: interactions(v).value, views: v.views },
      save_rate: exposure(aggregates.saves, ({ count, reach, impressions }) => saveRate({ saves: count, reach, impressions })),
      share_rate: exposure(aggregates.shares, ({ count, reach, impressions }) => shareRate({ shares: count, reach, impressions })),
      profile_actions: { value: actions.value, unreported: actions.unreported, posts: aggregates.profileActionPosts },
      audience_growth_rate: {
        value: growthRate.value,
        tier: growthRate.tier,
        thresholds: growthRate.thresholds,
        tierUnavailable: growthRate.tierUnavailable,
        followersBefore: sumKnown(measured.map((s) => s.followersBefore)),
        followersAfter: sumKnown(measured.map((s) => s.followersAfter)),
        startDay,
        endDay,
        sources: growth.map((s) => ({ ...s, value: audienceGrowthRate({ followersBefore: s.followersBefore, followersAfter: s.followersAfter }, options).value })),
        sourcesWithoutData: growth.length - measured.length,
      },
      new_followers_lift: lift,
      brand_mentions_per_post: {
        value: mentionRate.value,
        tier: mentionRate.tier,
        thresholds: mentionRate.thresholds,
        tierUnavailable: mentionRate.tierUnavailable,
        mentions: mentionRate.value === null ? null : mentions.mentions,
        posts: mentions.posts,
        comments: mentions.comments ?? 0,
        reason: mentionRate.reason === null ? null : (reason ?? mentionRate.reason),
      },
      character_mention_rate: {
        value: characterMentionRate({ mentioningComments: sum('mentioning'), comments: classified }),
        mentioning: sum('mentioning'),
        classified,
        comments: comments.comments ?? 0,
        reason: commentReason('the character mention rate'),
      },
      sentiment_share: { positive: share.positive, neutral: share.neutral, negative: share.negative, classified: share.classified, comments: comments.comments ?? 0, reason: commentReason('the sentiment share') },
      flagged_comment_rate: { value: flaggedCommentRate({ flagged: sum('flagged'), classified }), flagged: sum('flagged'), classified, comments: comments.comments ?? 0, reason: commentReason('the flagged comment rate') },
    },
    commentBasis:
      'character_mention_rate, sentiment_share and flagged_comment_rate count the comments posted in the period on posts matching the filters, each at its latest classification: the brand-safety report\'s basis, so both reports agree. brand_mentions_per_post counts the comments posted in the period on the posts in scope.',
  };
}

export type AudienceReport = ReturnType<typeof audienceReportOf<AudienceReportQuery>>;
