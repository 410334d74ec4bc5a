import { z } from 'zod';
import { TIERS } from '@persona-ops/domain/core';
import { paidTestArmRoles, paidTestKinds } from '@persona-ops/domain/store';
import { currencySchema, dateSchema, idSchema, minorUnits, paginationQuery, pageOf } from '../../http/common.schemas.ts';
import { moneySchema } from '../../http/report.schemas.ts';

const count = z.number().int('must be a whole number').min(0, 'cannot be negative');
const maybeCount = z.number().int().nullable();
const armName = z.string().trim().min(1, 'must not be empty').max(100);

// ---- input -------------------------------------------------------------------------------------

/** What an arm counted so far; an omitted count is unknown (null), not 0. */
const armCounts = {
  spendMinor: minorUnits.describe('What the arm spent so far, in minor units of the campaign\'s currency (0 for a holdout)'),
  currency: currencySchema.describe("The campaign's currency"),
  audience: count.nullish().describe('People in the arm (exposed, or held out); required for both arms of a holdout test'),
  impressions: count.nullish(),
  clicks: count.nullish().describe('At most the impressions'),
  conversions: count.nullish().describe("The campaign's target action; at most the clicks (creative_ab) or the audience (holdout)"),
};

const armInput = z.object({
  name: armName.describe('Unique in the test; names the arm in PUT /v1/paid-tests/{id}/arms/{name}'),
  role: z.enum(paidTestArmRoles),
  assetId: idSchema.optional().describe("The creative the arm ran: one of the campaign's assets (none for a holdout)"),
  aiGenerated: z.boolean().optional().describe("Whether the arm's creative is the AI asset. Defaults to whether the asset's source is an AI character (false without an asset)"),
  ...armCounts,
});

export const createPaidTestBody = z
  .object({
    campaignId: idSchema,
    name: z.string().trim().min(1, 'must not be empty').max(255),
    kind: z.enum(paidTestKinds).describe('creative_ab: the AI asset (the one treatment arm, aiGenerated) against one or more control creatives. holdout: one treatment arm against one holdout arm that saw no ad'),
    startsOn: dateSchema,
    endsOn: dateSchema,
    arms: z.array(armInput).min(2, 'a test needs at least 2 arms').max(20, 'a test has at most 20 arms'),
  })
  .refine((body) => body.startsOn <= body.endsOn, { message: 'endsOn must be on or after startsOn', path: ['endsOn'] })
  .superRefine((body, context) => {
    const seen = new Map<string, number>();
    body.arms.forEach((arm, index) => {
      const first = seen.get(arm.name);
      if (first === undefined) seen.set(arm.name, index);
      else context.addIssue({ code: 'custom', path: ['arms', index, 'name'], message: `repeats the name of arm ${first}; each arm needs its own name` });
    });
  });

export const updatePaidTestArmBody = z
  .object(armCounts)
  .describe("The arm's counts as they stand now, replacing the stored ones (an omitted count becomes unknown); sending the same body again changes nothing");

export const paidTestArmParams = z.object({ id: idSchema, name: armName.describe("The arm's name") });

export const listPaidTestsQuery = z.object({
  campaignId: idSchema.optional(),
  kind: z.enum(paidTestKinds).optional(),
  ...paginationQuery(['createdAt', 'startsOn', 'name'] as const, 'createdAt'),
});

// ---- results -----------------------------------------------------------------------------------

const interval = z.object({ low: z.number(), high: z.number() }).meta({ id: 'ConfidenceInterval' });

/** One side of a two-proportion comparison, with its sample size named. */
const sample = z
  .object({
    arm: z.string().describe("The arm's name"),
    successes: maybeCount.describe('What succeeded (successesAre); null: not counted yet'),
    successesAre: z.enum(['clicks', 'conversions']),
    trials: maybeCount.describe('The sample size (trialsAre); null: not counted yet'),
    trialsAre: z.enum(['impressions', 'clicks', 'audience']),
    rate: z.number().nullable().describe('successes / trials × 100'),
  })
  .meta({ id: 'PaidTestSample' });

const testStatistics = {
  value: z.number().nullable().describe('The lift: (rate A − rate B) / rate B × 100, in percent; null: not enough data (see reason)'),
  difference: z.number().nullable().describe('rate A − rate B, in percentage points'),
  differenceInterval: interval.nullable().describe('Confidence interval of the difference in points (normal approximation, unpooled standard error)'),
  liftInterval: interval.nullable().describe("Confidence interval of the lift in percent (Katz's log method); null when a side has no successes"),
  z: z.number().nullable().describe('Pooled two-proportion z statistic'),
  pValue: z.number().nullable().describe('Two-sided p-value for "the rates differ"'),
  confidence: z.number().describe('Confidence level of the intervals (0.95)'),
  significant: z.boolean().nullable().describe('pValue < 1 − confidence'),
  reason: z.string().nullable().describe('Why a figure above is null'),
};

const proportionLift = z
  .object({
    metric: z.enum(['ctr', 'conversion_rate']),
    definition: z.string(),
    aiAsset: sample.describe('A: the AI arm'),
    control: sample.describe('B: the control arm'),
    ...testStatistics,
  })
  .meta({ id: 'PaidMediaProportionLift' });

const armCpa = z.object({
  arm: z.string(),
  spend: moneySchema,
  conversions: maybeCount,
  value: z.number().nullable().describe('spend / conversions, in major units (20 means 20.00)'),
  tier: z.enum(TIERS).nullable(),
});

const cpaLift = z
  .object({
    metric: z.literal('cpa'),
    definition: z.string(),
    aiAsset: armCpa,
    control: armCpa,
    value: z.number().nullable().describe('(AI CPA − control CPA) / control CPA × 100: below 0 the AI asset buys a conversion for less'),
    difference: z.number().nullable().describe('AI CPA − control CPA, in major units'),
    lowerIsBetter: z.literal(true),
    differenceInterval: z.null(),
    liftInterval: z.null(),
    z: z.null(),
    pValue: z.null(),
    confidence: z.number(),
    significant: z.null().describe('CPA is money per conversion, not a proportion: the two-proportion test does not apply'),
    reason: z.string().nullable(),
  })
  .meta({ id: 'PaidMediaCpaLift' });

export const paidMediaLiftSchema = z
  .object({
    aiArm: z.string().describe('The treatment arm: the AI asset'),
    comparisons: z.array(z.object({
      controlArm: z.string(),
      ctr: proportionLift.describe('clicks / impressions × 100'),
      conversion_rate: proportionLift.describe('conversions / clicks × 100'),
      cpa: cpaLift.describe('spend / conversions'),
    })).describe('The AI arm against each control arm, one comparison each'),
  })
  .meta({ id: 'PaidMediaLift' });

export const incrementalLiftSchema = z
  .object({
    definition: z.string(),
    treatment: sample.describe('A: the treatment arm, conversions over its audience'),
    holdout: sample.describe('B: the holdout arm, conversions over its audience'),
    ...testStatistics,
  })
  .meta({ id: 'IncrementalLift' });

// ---- the test ----------------------------------------------------------------------------------

export const paidTestArmSchema = z
  .object({
    name: z.string(),
    role: z.enum(paidTestArmRoles),
    assetId: idSchema.nullable(),
    aiGenerated: z.boolean(),
    spendMinor: z.number().int(),
    currency: z.string(),
    audience: maybeCount,
    impressions: maybeCount,
    clicks: maybeCount,
    conversions: maybeCount,
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'PaidTestArm' });

export const paidTestSchema = z
  .object({
    id: idSchema,
    campaignId: idSchema,
    name: z.string(),
    kind: z.enum(paidTestKinds),
    startsOn: dateSchema,
    endsOn: dateSchema,
    arms: z.array(paidTestArmSchema).describe('Treatment first, then controls, then the holdout; by name within a role'),
    result: z.object({
      incremental_lift: incrementalLiftSchema.nullable().describe('holdout tests: (treatment conversion rate − holdout conversion rate) / holdout conversion rate × 100'),
      paid_media_lift: paidMediaLiftSchema.nullable().describe('creative_ab tests: CTR, conversion rate and CPA of the AI asset against each control creative'),
    }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'PaidTest' });

export const paidTestPage = pageOf(paidTestSchema);

// ---- in the commercial report ------------------------------------------------------------------

const testInScope = {
  testId: idSchema,
  name: z.string(),
  campaignId: idSchema,
  startsOn: dateSchema,
  endsOn: dateSchema,
};

export const reportIncrementalLiftSchema = z
  .object({
    result: incrementalLiftSchema.nullable().describe('The result of the one holdout test in scope; null with none or several (see reason)'),
    reason: z.string().nullable().describe('Why result is null'),
    tests: z.array(z.object({ ...testInScope, result: incrementalLiftSchema.nullable().describe('null: its arms do not fit a holdout test') })).describe('Every holdout test in scope, one entry each (never pooled)'),
  })
  .meta({ id: 'ReportIncrementalLift' });

export const reportPaidMediaLiftSchema = z
  .object({
    result: paidMediaLiftSchema.nullable().describe('The result of the one creative A/B test in scope; null with none or several (see reason)'),
    reason: z.string().nullable().describe('Why result is null'),
    tests: z.array(z.object({ ...testInScope, result: paidMediaLiftSchema.nullable().describe('null: its arms do not fit a creative A/B test') })).describe('Every creative A/B test in scope, one entry each (never pooled)'),
  })
  .meta({ id: 'ReportPaidMediaLift' });
