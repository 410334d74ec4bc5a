import { z } from 'zod';
import { PRODUCTION_HEADLINES } from '@persona-ops/domain/core';
import { previousPeriodSchema } from '../../http/previous-period.schemas.ts';
import { distributionSchema, moneySchema, reportQuery } from '../../http/report.schemas.ts';

const rate = (extra: z.ZodRawShape) => z.object({ value: z.number().nullable(), ...extra });

export const productionReportSchema = z
  .object({
    scope: reportQuery.extend({ basis: z.string() }),
    currency: z.string(),
    kpis: z.object({
      assets_in_scope: z.number().int(),
      approved_assets: z.number().int().describe('Assets whose current state is approved or published'),
      rejected_assets: z.number().int(),
      approval_rate: rate({ decided: z.number().int() }).describe('approved / (approved + rejected) × 100'),
      revisions_per_approved: rate({ rounds: z.number().int(), n: z.number().int() }),
      first_pass_approval_rate: rate({ firstPass: z.number().int(), n: z.number().int() }),
      brief_to_approval_hours: distributionSchema,
      time_in_review_hours: distributionSchema.describe('approved_at − first submitted_at'),
      brief_to_post_hours: distributionSchema,
      content_velocity: z.object({
        series: z.array(z.object({ week: z.string(), approved: z.number().int() })),
        meanPerWeek: z.number().nullable(),
        weeks: z.number().int(),
        approved: z.number().int(),
      }),
      production_cost: z
        .object({ total: moneySchema, generation: moneySchema, people: moneySchema, other: moneySchema, hours: z.number() })
        .nullable()
        .describe('generation cost + production hours × hourly rate + other costs, over ALL assets in scope'),
      cost_per_approved_asset: moneySchema.nullable(),
      channel_reuse: rate({ n: z.number().int() }),
      paid_reuse_rate: rate({ paidReused: z.number().int(), n: z.number().int() }),
      review_queue: z.object({ n: z.number().int(), oldestHours: z.number().nullable(), medianAgeHours: z.number().nullable() }),
    }),
    aiDisclosure: z
      .object({ aiCharacterPosts: z.number().int(), missingLabel: z.number().int() })
      .describe("AI-character posts, and those published without the platform's AI-generated-content label"),
    previousPeriod: previousPeriodSchema('ProductionPreviousPeriod', PRODUCTION_HEADLINES).optional(),
  })
  .meta({ id: 'ProductionReport' });
