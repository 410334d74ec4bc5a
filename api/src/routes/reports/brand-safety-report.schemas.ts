import { z } from 'zod';
import { BRAND_SAFETY_CATEGORIES, BRAND_SAFETY_HEADLINES } from '@persona-ops/domain/core';
import { previousPeriodSchema } from '../../http/previous-period.schemas.ts';
import { idSchema } from '../../http/common.schemas.ts';
import { reportQuery } from '../../http/report.schemas.ts';

export const brandSafetyReportQuery = reportQuery.extend({
  postId: idSchema.optional(),
});
export type BrandSafetyReportQuery = z.infer<typeof brandSafetyReportQuery>;

const percent = z.number().nullable();
const count = z.number().int();
const aiAuthenticityCounts = z.object({
  classified: count.describe('Classified comments (latest classification of each)'),
  flagged: count.describe('Of those, flagged ai_authenticity'),
  rate: percent.describe('flagged / classified × 100; null when nothing is classified'),
});
const aiAuthenticitySeries = z
  .array(aiAuthenticityCounts.extend({ day: z.iso.date() }))
  .describe('Per UTC day of posting, oldest first; days without classified comments are left out');

export const brandSafetyReportSchema = z
  .object({
    scope: brandSafetyReportQuery.extend({ basis: z.string() }),
    totals: z.object({
      comments: count.describe('Comments in scope, classified or not'),
      classified: count.describe('Comments with at least one classification'),
      waiting: count.describe('Comments with an open classification task'),
      positive: count,
      neutral: count,
      negative: count,
      flagged: count.describe('Classified comments with at least one brand-safety flag'),
      mentioningCharacter: count,
    }).describe('Every count uses the latest classification of each comment'),
    kpis: z.object({
      sentiment_share: z
        .object({ positive: percent, neutral: percent, negative: percent })
        .nullable()
        .describe('positive, neutral, negative / classified × 100; null when nothing is classified'),
      flagged_comment_rate: percent.describe('comments with any brand-safety flag / classified × 100'),
      character_mention_rate: percent.describe('comments that name the character / classified × 100'),
      reason: z.string().nullable().describe('Why the comment KPIs are null (no comment collected, none classified yet), or null when they are known'),
    }),
    flaggedByCategory: z
      .array(z.object({ category: z.enum(BRAND_SAFETY_CATEGORIES), count, rate: percent.describe('count / classified × 100') }))
      .describe('Every brand-safety category, most frequent first'),
    series: z
      .array(z.object({
        day: z.iso.date(),
        classified: count,
        positive: count,
        neutral: count,
        negative: count,
        flagged: count,
        positiveShare: percent,
        neutralShare: percent,
        negativeShare: percent,
        flaggedShare: percent,
      }))
      .describe('Classified comments per UTC day of posting, oldest first; days without any are left out'),
    spikes: z
      .array(z.object({
        day: z.iso.date(),
        metric: z.enum(['negative_share', 'flagged_share']),
        share: z.number(),
        baselineMean: z.number(),
        baselineSd: z.number().describe('Sample sd of the baseline shares, before the floor'),
        threshold: z.number().describe('The share the day had to reach'),
        comments: count,
        baselineDays: count,
      }))
      .describe('Days whose negative or flagged share is far above the trailing baseline (see spikeRule)'),
    spikeRule: z
      .object({
        baselineDays: count,
        minBaselineDays: count,
        minComments: count,
        sdMultiplier: z.number(),
        sdFloor: z.number(),
        minRatio: z.number(),
      })
      .describe('Spike when the day has ≥ minComments and share ≥ max(mean + sdMultiplier × max(sd, sdFloor), minRatio × mean) over the previous baselineDays days with data (at least minBaselineDays)'),
    aiAuthenticity: z
      .object({
        byPost: z
          .array(aiAuthenticityCounts.extend({
            postId: idSchema,
            channel: z.string(),
            url: z.string(),
            publishedAt: z.iso.datetime(),
            aiLabelApplied: z.boolean().describe("Whether the post carried the platform's AI-generated-content disclosure label"),
            series: aiAuthenticitySeries,
          }))
          .describe('Posts with classified comments in scope, the highest ai_authenticity rate first'),
        labelled: aiAuthenticityCounts.extend({ posts: count, series: aiAuthenticitySeries }).describe('Posts with the AI label, together'),
        unlabelled: aiAuthenticityCounts.extend({ posts: count, series: aiAuthenticitySeries }).describe('Posts without the AI label, together'),
      })
      .describe('Comments flagged ai_authenticity (the character called fake, a bot, creepy or uncanny, asked whether it is real, or said not to be disclosed as AI), per post and over time, next to each post\'s AI-disclosure label'),
    classifierMix: z
      .array(z.object({ classifier: z.string(), version: z.string(), count }))
      .describe('Latest classifications per classifier and version'),
    languageMix: z
      .array(z.object({
        language: z.string().nullable().describe("ISO 639-1 code the classifier detected, 'und' when the text did not say; null when it was not detected (classified before language detection, or by a classifier that does not detect it)"),
        count,
      }))
      .describe('Latest classifications per detected language, most first'),
    classificationCost: z
      .object({
        byClassifier: z.array(
          z.object({ classifier: z.string(), version: z.string(), comments: count, promptTokens: count, completionTokens: count, requests: count, costUsd: z.number() }),
        ),
        totalCostUsd: z.number(),
        unattributedComments: count.describe('Paid classifications stored before each one named its batch: their cost is not in the figures'),
      })
      .describe("Classifying the comments in scope (the report's filters and period): how many classifications each classifier made and what a paid one cost, each comment's equal share of its batch"),
    previousPeriod: previousPeriodSchema('BrandSafetyPreviousPeriod', BRAND_SAFETY_HEADLINES).optional(),
  })
  .meta({ id: 'BrandSafetyReport' });
