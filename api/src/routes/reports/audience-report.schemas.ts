import { z } from 'zod';
import { AUDIENCE_HEADLINES, DEFAULT_LAG_DAYS, MAX_LAG_DAYS, MIN_LAG_DAYS, TIERED_KPI_IDS, TIERS } from '@persona-ops/domain/core';
import { previousPeriodSchema } from '../../http/previous-period.schemas.ts';
import { dateSchema, idSchema } from '../../http/common.schemas.ts';
import { reportQuery } from '../../http/report.schemas.ts';

export const audienceReportQuery = reportQuery.extend({
  lagDays: z.coerce
    .number()
    .int('must be a whole number of days')
    .min(MIN_LAG_DAYS, `must be ${MIN_LAG_DAYS}–${MAX_LAG_DAYS}`)
    .max(MAX_LAG_DAYS, `must be ${MIN_LAG_DAYS}–${MAX_LAG_DAYS}`)
    .default(DEFAULT_LAG_DAYS)
    .describe('new_followers_lift: days after the campaign end still counted (people follow late)'),
});
export type AudienceReportQuery = z.infer<typeof audienceReportQuery>;

const value = z.number().nullable();
const count = z.number().int();
const unreported = z.array(z.string()).describe('Counters no post in the sample reported (left out of the sum rather than read as 0)');

export const thresholdsSchema = z
  .object({
    kpiId: z.enum(TIERED_KPI_IDS),
    direction: z.enum(['higher_is_better', 'lower_is_better']),
    average: z.number(),
    strong: z.number(),
    exceptional: z.number(),
    source: z.enum(['default', 'workspace']).describe("'workspace' when the workspace overrides the default tiers"),
    currency: z.string().nullable(),
  })
  .meta({ id: 'TierThresholds' });

const tiered = {
  value,
  tier: z.enum(TIERS).nullable(),
  thresholds: thresholdsSchema.describe('The cut points that produced the tier (a value on one goes to the better tier)'),
  tierUnavailable: z.string().nullable(),
};

const total = z.object({ value, posts: count.describe('Posts whose latest snapshot reports it') });
const exposureRate = z.object({
  value,
  base: z.enum(['reach', 'impressions']).nullable().describe('reach when any post in scope reports it with the count, else impressions'),
  posts: count.describe('Posts reporting both the count and the base'),
  count: value,
  denominator: value,
});
const day = dateSchema.nullable();

export const audienceReportSchema = z
  .object({
    scope: audienceReportQuery.extend({ basis: z.string() }),
    sample: z.object({
      posts: count.describe('Posts published in the period that match the filters'),
      withSnapshot: count.describe('Of those, posts with a metric snapshot captured in the period (their latest one is used)'),
      withoutSnapshot: count,
    }),
    kpis: z.object({
      reach: total.describe('Sum of the posts\' reach (an account reached by two posts counts twice)'),
      impressions: total,
      views: total,
      engagement_rate: z
        .object({ ...tiered, unreported, posts: count, interactions: value, followers: value, basis: z.string() })
        .describe('(likes + comments + shares + saves) / followers × 100'),
      engagement_rate_by_views: z
        .object({ value, unreported, posts: count.describe('Posts reporting views and an interaction'), interactions: value, views: value })
        .describe('(likes + comments + shares + saves) / views × 100'),
      save_rate: exposureRate.describe('saves / reach × 100 (impressions when reach is unknown)'),
      share_rate: exposureRate.describe('shares / reach × 100 (impressions when reach is unknown)'),
      profile_actions: z
        .object({ value, unreported, posts: count.describe('Posts reporting any of the three') })
        .describe('profile visits + link-in-bio clicks + follows from the posts'),
      audience_growth_rate: z
        .object({
          ...tiered,
          followersBefore: value,
          followersAfter: value,
          startDay: day.describe("The period's first day (null: each source's first follower count)"),
          endDay: day.describe("The period's last day (null: each source's latest follower count)"),
          sources: z.array(z.object({ sourceId: idSchema, name: z.string(), followersBefore: value, followersAfter: value, value })),
          sourcesWithoutData: count.describe('Sources lacking a count at the start or the end: left out of the sums'),
        })
        .describe('(followers after − followers before) / followers before × 100, over the sources of the posts in scope, summed'),
      new_followers_lift: z
        .object({
          value,
          reason: z.string().nullable().describe('Why value is null'),
          lagDays: count,
          window: z.object({ start: dateSchema, end: dateSchema }).nullable(),
          baselineWindow: z.object({ start: dateSchema, end: dateSchema }).nullable(),
          windowGain: value,
          baselineGain: value,
          sources: z.array(z.object({ sourceId: idSchema, name: z.string(), value, windowGain: value, baselineGain: value, missing: z.string().nullable() })),
        })
        .describe('Followers gained from the campaign start to its end + lag, minus the organic gain of as many days before the start; one campaign only'),
      brand_mentions_per_post: z
        .object({
          ...tiered,
          mentions: count.nullable().describe('Null when no comment was collected on those posts: unknown, not 0'),
          posts: count,
          comments: count.describe('Comments collected on those posts in the period, naming the brand or not'),
          reason: z.string().nullable().describe('Why value is null (no tracked post, no comment collected), or null'),
        })
        .describe("Comments posted in the period on the posts in scope that contain one of the post's campaign tracking keywords / those posts; unknown (null, with the reason) when no comment was collected"),
      character_mention_rate: z
        .object({ value, mentioning: count, classified: count, comments: count, reason: z.string().nullable().describe('Why value is null (no comment collected, none classified yet), or null') })
        .describe('Comments that name the character / classified comments × 100, each at its latest classification'),
      sentiment_share: z
        .object({ positive: value, neutral: value, negative: value, classified: count, comments: count, reason: z.string().nullable().describe('Why the shares are null, or null') })
        .describe('positive, neutral, negative / classified comments × 100'),
      flagged_comment_rate: z
        .object({ value, flagged: count, classified: count, comments: count, reason: z.string().nullable().describe('Why value is null, or null') })
        .describe('Comments with any brand-safety flag / classified comments × 100'),
    }),
    commentBasis: z.string().describe('Which comments the last three KPIs count'),
    previousPeriod: previousPeriodSchema('AudiencePreviousPeriod', AUDIENCE_HEADLINES).optional(),
  })
  .meta({ id: 'AudienceReport' });
