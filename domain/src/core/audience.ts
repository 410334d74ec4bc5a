import { assertCount } from './guards.ts';
import type { MaybeNumber } from './ratio.ts';
import { difference, percent, ratio, sumKnown } from './ratio.ts';
import type { CommentClassification } from './safety-taxonomy.ts';
import type { BrandSafetyCategory } from './safety-taxonomy.ts';
import { BRAND_SAFETY_CATEGORIES, isBrandSafetyCategory } from './safety-taxonomy.ts';
import type { RatedKpi, RateOptions } from './tiers.ts';
import { rateKpi } from './tiers.ts';

function assertCounts(counts: Record<string, MaybeNumber>): void {
  for (const [name, value] of Object.entries(counts)) assertCount(name, value);
}

/** A summed KPI plus the parts the platform did not report (X has no saves, for example). */
export type PartialSum = { value: number | null; unreported: string[] };

function partialSum(parts: Record<string, MaybeNumber>): PartialSum {
  assertCounts(parts);
  const entries = Object.entries(parts);
  return {
    value: sumKnown(entries.map(([, v]) => v)),
    unreported: entries.filter(([, v]) => v === null || v === undefined).map(([k]) => k),
  };
}

export type EngagementCounts = { likes: MaybeNumber; comments: MaybeNumber; shares: MaybeNumber; saves: MaybeNumber };

/**
 * likes + comments + shares + saves. A count the platform does not report is left out (and
 * listed) rather than making the whole KPI unknown; all four unknown gives null.
 */
export function interactions(counts: EngagementCounts): PartialSum {
  return partialSum({ likes: counts.likes, comments: counts.comments, shares: counts.shares, saves: counts.saves });
}

export function engagementRate(
  input: EngagementCounts & { followers: MaybeNumber },
  options?: RateOptions,
): RatedKpi & { unreported: string[] } {
  assertCount('followers', input.followers);
  const sum = interactions(input);
  return { ...rateKpi('engagement_rate', percent(sum.value, input.followers), options), unreported: sum.unreported };
}

/** Same numerator over video views; shown beside the follower-based rate, untiered. */
export function engagementRateByViews(input: EngagementCounts & { views: MaybeNumber }): PartialSum {
  assertCount('views', input.views);
  const sum = interactions(input);
  return { value: percent(sum.value, input.views), unreported: sum.unreported };
}

export type ExposureBase = 'reach' | 'impressions';
export type BasedRate = { value: number | null; base: ExposureBase | null };
type Exposure = { reach: MaybeNumber; impressions: MaybeNumber };

// Reach (unique accounts) is the better base; impressions stand in only when reach is unknown,
// and the result says which base was used so the two are never compared unawares.
function perExposure(count: MaybeNumber, exposure: Exposure): BasedRate {
  assertCounts({ reach: exposure.reach, impressions: exposure.impressions });
  if (exposure.reach !== null && exposure.reach !== undefined) return { value: percent(count, exposure.reach), base: 'reach' };
  if (exposure.impressions !== null && exposure.impressions !== undefined) {
    return { value: percent(count, exposure.impressions), base: 'impressions' };
  }
  return { value: null, base: null };
}

export function saveRate(input: { saves: MaybeNumber } & Exposure): BasedRate {
  assertCount('saves', input.saves);
  return perExposure(input.saves, input);
}

export function shareRate(input: { shares: MaybeNumber } & Exposure): BasedRate {
  assertCount('shares', input.shares);
  return perExposure(input.shares, input);
}

export function profileActions(input: { profileVisits: MaybeNumber; linkClicks: MaybeNumber; follows: MaybeNumber }): PartialSum {
  return partialSum({ profileVisits: input.profileVisits, linkClicks: input.linkClicks, follows: input.follows });
}

export function audienceGrowthRate(
  input: { followersBefore: MaybeNumber; followersAfter: MaybeNumber },
  options?: RateOptions,
): RatedKpi {
  assertCounts(input);
  const gained = difference(input.followersAfter, input.followersBefore);
  return rateKpi('audience_growth_rate', percent(gained, input.followersBefore), options);
}

/*
 * "Missing is never zero" (kpi-spec.md): a KPI counted over comments is unknown when no comment was
 * collected for the posts in scope, never 0. A comment-based KPI therefore reports why it is null.
 */

/** Why a KPI over collected comments is unknown; null when comments were collected. */
export function noCommentsReason(comments: MaybeNumber, kpi: string): string | null {
  assertCount('comments', comments);
  if (comments === null || comments === undefined) return `Comments were not counted, so ${kpi} is unknown.`;
  if (comments === 0) return `No comments were collected for the posts in scope, so ${kpi} is unknown (not 0): ingest or import the posts' comments.`;
  return null;
}

/**
 * Why a KPI over classified comments is unknown (no comment collected, or none classified yet);
 * null when at least one comment in scope is classified.
 */
export function unclassifiedCommentsReason(input: { comments: MaybeNumber; classified: MaybeNumber }, kpi: string): string | null {
  assertCounts(input);
  if (input.classified !== null && input.classified !== undefined && input.classified > 0) return null;
  const none = noCommentsReason(input.comments, kpi);
  if (none !== null) return none;
  return `None of the ${String(input.comments)} comments in scope is classified yet, so ${kpi} is unknown until the classifier has run.`;
}

export type ExplainedRatedKpi = RatedKpi & {
  /** Why value is null (e.g. no comment collected), or null when it is known. */
  reason: string | null;
};

/**
 * Brand mentions (comments naming the brand) per campaign post. `comments` is how many comments
 * were collected on those posts: with none collected the mentions are unknown, not 0, so the KPI
 * is null with the reason (and no weak tier drives a verdict).
 */
export function brandMentionsPerPost(
  input: { brandMentions: MaybeNumber; posts: MaybeNumber; comments: MaybeNumber },
  options?: RateOptions,
): ExplainedRatedKpi {
  assertCounts(input);
  const unknown = (reason: string): ExplainedRatedKpi => ({ ...rateKpi('brand_mentions_per_post', null, options), reason });
  if (input.posts === null || input.posts === undefined || input.posts === 0) {
    return unknown('No campaign post with tracking keywords is in scope, so brand mentions per post is unknown.');
  }
  const noComments = noCommentsReason(input.comments, 'brand mentions per post');
  if (noComments !== null) return unknown(noComments);
  if (input.brandMentions === null || input.brandMentions === undefined) return unknown('Brand mentions were not counted, so brand mentions per post is unknown.');
  return { ...rateKpi('brand_mentions_per_post', ratio(input.brandMentions, input.posts), options), reason: null };
}

/** Share of comments that name the character: a synthetic character must build its own signal. */
export function characterMentionRate(input: { mentioningComments: MaybeNumber; comments: MaybeNumber }): number | null {
  assertCounts(input);
  return percent(input.mentioningComments, input.comments);
}

export type SentimentShare = { positive: number | null; neutral: number | null; negative: number | null; classified: number };

/** Net sentiment: the positive share minus the negative share, in points; null while either is unknown. */
export function netSentiment(share: { positive: number | null; negative: number | null }): number | null {
  return difference(share.positive, share.negative);
}

/** Each label's share of classified comments; negatives are kept, they are brand-safety data. */
export function sentimentShare(input: { positive: number; neutral: number; negative: number }): SentimentShare {
  assertCounts(input);
  const classified = input.positive + input.neutral + input.negative;
  return {
    positive: percent(input.positive, classified),
    neutral: percent(input.neutral, classified),
    negative: percent(input.negative, classified),
    classified,
  };
}

export function flaggedCommentRate(input: { flagged: MaybeNumber; classified: MaybeNumber }): number | null {
  assertCounts(input);
  return percent(input.flagged, input.classified);
}

export type CommentTally = {
  classified: number;
  positive: number;
  neutral: number;
  negative: number;
  /** Comments with at least one brand-safety flag. */
  flagged: number;
  byCategory: Record<BrandSafetyCategory, number>;
  mentioningCharacter: number;
};

/** Counts classifier results into the inputs of the comment KPIs above. */
export function tallyClassifications(results: readonly CommentClassification[]): CommentTally {
  const byCategory = Object.fromEntries(BRAND_SAFETY_CATEGORIES.map((c) => [c, 0])) as CommentTally['byCategory'];
  const tally: CommentTally = { classified: 0, positive: 0, neutral: 0, negative: 0, flagged: 0, byCategory, mentioningCharacter: 0 };
  for (const r of results) {
    tally.classified += 1;
    tally[r.sentiment] += 1;
    if (r.flags.length > 0) tally.flagged += 1;
    for (const flag of new Set(r.flags)) {
      if (isBrandSafetyCategory(flag)) byCategory[flag] += 1;
    }
    if (r.mentionsCharacter) tally.mentioningCharacter += 1;
  }
  return tally;
}
