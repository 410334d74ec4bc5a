import type { EntityManager } from '@mikro-orm/postgresql';
import {
  Campaign,
  Workspace,
  audienceAggregates,
  audienceAggregatesFromRollup,
  brandMentionCounts,
  brandMentionCountsFromRollup,
  rollupSourcesSql,
  brandSafetyCounts,
  campaignSources,
  followerGrowthBySource,
  followerSnapshotsAround,
  type AudienceAggregates,
  type AudienceScope,
  type ExposureSums,
  type SourceGrowth,
} from '@persona-ops/domain/store';
import {
  audienceGrowthRate,
  brandMentionsPerPost,
  characterMentionRate,
  engagementRate,
  engagementRateByViews,
  flaggedCommentRate,
  interactions,
  newFollowersLift,
  profileActions,
  saveRate,
  sentimentShare,
  shareRate,
  sumKnown,
  unclassifiedCommentsReason,
  type BasedRate,
  validateThresholdOverrides,
  type RateOptions,
} from '@persona-ops/domain/core';
import type { AudienceReportQuery } from '../routes/reports/audience-report.schemas.ts';
import { assertFilterIdsOwned, findOwned } from './owned.ts';
import type { Basis } from './report-basis.ts';

const DAY_MS = 86_400_000;
const utcDay = (date: Date) => date.toISOString().slice(0, 10);

const ENGAGEMENT_BASIS =
  "Each post's likes + comments + shares + saves at its latest snapshot in the period, over its source's follower count on the post's UTC publication day (the latest follower snapshot on or before that day); both summed over the posts that have both, so the rate is the follower-weighted mean of the posts' rates.";

/**
 * Layer 2, audience performance. Scope: the posts published in the period that match the
 * filters, each at its LATEST metric snapshot captured in the period. PostgreSQL sums the
 * counters; every ratio and tier comes from the domain's KPI functions, rated with the
 * workspace's tier overrides. On the rollup basis (whole-day periods only; see report-basis.ts) the
 * per-post sums come pre-summed from the rollups; everything after them is the same code.
 */
export async function audienceReport(em: EntityManager, workspaceId: string, query: AudienceReportQuery, now: Date, basis: Basis = 'live') {
  await assertFilterIdsOwned(em, workspaceId, { campaignId: query.campaignId, sourceId: query.sourceId });
  const workspace = await em.findOneOrFail(Workspace, { id: workspaceId });
  // Validated when saved; validating again gives them the KPI-keyed type the tier functions take.
  const options = { overrides: validateThresholdOverrides(workspace.tierOverrides) };
  const from = query.from ? new Date(query.from) : undefined;
  const to = query.to ? new Date(query.to) : undefined;
  const scope: AudienceScope = { workspaceId, campaignId: query.campaignId, sourceId: query.sourceId, sourceKind: query.sourceKind, from, to };
  const startDay = from ? utcDay(from) : null;
  const endDay = to ? utcDay(new Date(to.getTime() - 1)) : null;

  const [aggregates, growth, mentions, comments, lift] = await Promise.all([
    basis === 'rollup' ? audienceAggregatesFromRollup(em, scope) : audienceAggregates(em, scope),
    basis === 'rollup' ? followerGrowthBySource(em, scope, startDay, endDay, rollupSourcesSql(scope)) : followerGrowthBySource(em, scope, startDay, endDay),
    basis === 'rollup' ? brandMentionCountsFromRollup(em, scope) : brandMentionCounts(em, scope),
    brandSafetyCounts(em, workspaceId, { campaignId: query.campaignId, sourceId: query.sourceId, sourceKind: query.sourceKind, from, to }),
    campaignLift(em, workspaceId, query, now),
  ]);

  const reason = mentions.posts > 0 ? null : await noKeywordsReason(em, workspaceId, query, aggregates.posts);
  return audienceFromInputs(query, { aggregates, growth, mentions, comments: commentSums(comments.comments, comments.days), lift, reason, startDay, endDay }, options);
}

/** `comments`: collected in scope, classified or not (null: not counted); the others count latest classifications. */
export type CommentSums = Record<'classified' | 'positive' | 'neutral' | 'negative' | 'flagged' | 'mentioning', number> & { comments: number | null };
type DayCounts = Omit<CommentSums, 'comments'>;

/** The comment counts the audience report reads, summed over the brand-safety report's days. */
export function commentSums(collected: number, days: ReadonlyArray<DayCounts>): CommentSums {
  const sum = (key: keyof DayCounts) => days.reduce((total, d) => total + d[key], 0);
  return { comments: collected, classified: sum('classified'), positive: sum('positive'), neutral: sum('neutral'), negative: sum('negative'), flagged: sum('flagged'), mentioning: sum('mentioning') };
}

export type AudienceInputs = {
  aggregates: AudienceAggregates;
  growth: SourceGrowth[];
  /** Tracked campaign posts, the comments collected on them and those naming the brand; comments null when not counted. */
  mentions: { posts: number; comments: number | null; mentions: number };
  comments: CommentSums;
  lift: CampaignLift;
  /** Why brand mentions are unknown, when no post in scope is tracked (else the KPI says why). */
  reason: string | null;
  startDay: string | null;
  endDay: string | null;
};

/**
 * The audience report from its inputs (read live, from the rollups, or for many sources at once by
 * the comparison): every KPI from the domain's functions, rated with the workspace's overrides.
 */
export function audienceFromInputs(query: AudienceReportQuery, { aggregates, growth, mentions, comments, lift, reason, startDay, endDay }: AudienceInputs, options: RateOptions) {
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

async function noKeywordsReason(em: EntityManager, workspaceId: string, query: AudienceReportQuery, posts: number): Promise<string> {
  if (posts === 0) return 'No posts in scope.';
  if (query.campaignId) {
    const campaign = await findOwned(em, Campaign, 'campaign', query.campaignId, workspaceId);
    return `Campaign "${campaign.name}" has no tracking keywords: add the brand's keywords, hashtags and mentions to the campaign to count brand mentions.`;
  }
  return "None of the campaigns of the posts in scope has tracking keywords: add the brand's keywords, hashtags and mentions to a campaign to count brand mentions.";
}

/**
 * new_followers_lift over ONE campaign's window (start → end + lag), for each source the campaign
 * published with (narrowed by the source filters; the report period does not apply: the window is
 * the campaign's). The total is the sum over the sources, and unknown when any source's is.
 */
export type CampaignLift = Awaited<ReturnType<typeof campaignLift>>;

async function campaignLift(em: EntityManager, workspaceId: string, query: AudienceReportQuery, now: Date) {
  const empty = { value: null, lagDays: query.lagDays, window: null, baselineWindow: null, windowGain: null, baselineGain: null, sources: [] };
  if (!query.campaignId) {
    return { ...empty, reason: 'Select one campaign (campaignId): the lift is measured over a campaign\'s window and the same number of days before it.' };
  }
  const campaign = await findOwned(em, Campaign, 'campaign', query.campaignId, workspaceId);
  const timing = { campaignStart: new Date(campaign.startsOn), campaignEnd: new Date(campaign.endsOn), lagDays: query.lagDays };
  // The windows alone (no snapshots): where to read follower counts.
  const frame = newFollowersLift({ snapshots: [], ...timing });
  const window = { start: utcDay(frame.window.start), end: utcDay(frame.window.end) };
  const baselineWindow = { start: utcDay(frame.baselineWindow.start), end: utcDay(frame.baselineWindow.end) };
  const framed = { ...empty, window, baselineWindow };

  const sources = await campaignSources(em, workspaceId, campaign.id, { sourceId: query.sourceId, sourceKind: query.sourceKind });
  if (sources.length === 0) return { ...framed, reason: 'The campaign has no posts from the sources in scope.' };
  const snapshots = Map.groupBy(await followerSnapshotsAround(em, workspaceId, sources.map((s) => s.id), baselineWindow.start, window.end), (row) => row.sourceId);
  const perSource = sources.map((source) => {
    const lift = newFollowersLift({ snapshots: (snapshots.get(source.id) ?? []).map((row) => ({ date: new Date(row.date), followers: row.followers })), ...timing });
    return { sourceId: source.id, name: source.name, value: lift.value, windowGain: lift.windowGain, baselineGain: lift.baselineGain, missing: lift.missing };
  });
  const known = perSource.every((s) => s.value !== null);
  const total = (key: 'value' | 'windowGain' | 'baselineGain') => (perSource.every((s) => s[key] !== null) ? sumKnown(perSource.map((s) => s[key])) : null);
  const pending = frame.window.end.getTime() + DAY_MS > now.getTime();
  const reason = known
    ? null
    : pending
      ? `The tracking window ends on ${window.end} (campaign end + ${query.lagDays} days); the lift is known once follower counts up to that day are in.`
      : `Follower counts are missing: ${perSource.filter((s) => s.value === null).map((s) => `${s.name}: ${s.missing}`).join(' ')}`;
  return { ...framed, value: known ? total('value') : null, windowGain: total('windowGain'), baselineGain: total('baselineGain'), sources: perSource, reason };
}
