import { z } from 'zod';
import { COMMERCIAL_HEADLINES, COST_COMPONENT_KINDS, FUNNEL_STEPS, TIERED_KPI_IDS, TIERS, Verdict, campaignGoals } from '@persona-ops/domain/core';
import { previousPeriodSchema } from '../../http/previous-period.schemas.ts';
import { dateSchema, idSchema } from '../../http/common.schemas.ts';
import { moneySchema, reportQuery } from '../../http/report.schemas.ts';
import { reportIncrementalLiftSchema, reportPaidMediaLiftSchema } from '../paid-tests/paid-test.schemas.ts';

const count = z.number().int();
const maybeCount = count.nullable();

const thresholdsSchema = z
  .object({
    source: z.enum(['default', 'workspace']).describe("The KPI's default cut points, or the workspace's own"),
    direction: z.enum(['higher_is_better', 'lower_is_better']),
    average: z.number(),
    strong: z.number(),
    exceptional: z.number(),
    currency: z.string().nullable().describe('Currency of money cut points (USD for the defaults); null: not money, or the workspace\'s own in any currency'),
  })
  .meta({ id: 'KpiThresholds' });

const ratedKpi = z
  .object({
    value: z.number().nullable().describe('null: not enough data'),
    tier: z.enum(TIERS).nullable(),
    thresholds: thresholdsSchema,
    tierUnavailable: z.string().nullable().describe('Why tier is null although value is not'),
  })
  .meta({ id: 'RatedKpi' });

const costKpi = z
  .object({ value: z.number().nullable().describe('Major units of currency per unit (5 means 5.00); null: not enough data'), currency: z.string() })
  .meta({ id: 'CostKpi' });

const missingCostSchema = z
  .object({
    campaignId: idSchema,
    campaignName: z.string(),
    sourceId: idSchema.nullable().describe('null: the campaign has no source and no cost line at all'),
    sourceName: z.string().nullable(),
    prompt: z.string().describe('What to record, in a sentence'),
  })
  .meta({ id: 'MissingCost' });

export const scopeCostSchema = z
  .object({
    total: moneySchema.nullable().describe('null: cost not recorded for some source in scope (see missing); never a partial sum'),
    components: z.array(z.object({
      kind: z.enum(COST_COMPONENT_KINDS),
      label: z.string(),
      amount: moneySchema,
      items: count.describe('Cost lines, paid posts or assets behind the amount'),
    })).describe('What is recorded, by kind, listed even when the total is unknown'),
    missing: z.array(missingCostSchema).describe('Sources (or campaigns) in scope with no cost recorded: each makes the total unknown'),
    splitRules: z.array(z.string()).describe('How the shared cost lines in scope were split among sources'),
    notes: z.array(z.string()),
  })
  .meta({ id: 'ScopeCost' })
  .describe('Money committed or spent, never the budget: cost lines (own and shares of shared ones) + paid spend of the paid posts + production cost of the AI-character assets used');

const ratedCostKpi = ratedKpi.extend({ value: z.number().nullable().describe('Major units of currency per unit; null: not enough data'), currency: z.string() }).meta({ id: 'RatedCostKpi' });

export const commercialReportSchema = z
  .object({
    scope: reportQuery.extend({ basis: z.string() }),
    currency: z.string().describe("Every amount is in this one currency: the scope's own, or the workspace's reporting currency when the scope mixes currencies (or the report compares scopes)"),
    fx: z
      .object({
        converted: z.boolean().describe('True when amounts were converted into the reporting currency, each at the rate of its own day'),
        ratesUsed: z.array(z.object({ day: dateSchema, base: z.string(), quote: z.string(), rate: z.string() })).describe('The stored rates applied (a rate may be up to 7 days older than its amount)'),
      })
      .meta({ id: 'FxUsed' }),
    campaigns: z
      .array(z.object({
        id: idSchema,
        name: z.string(),
        goal: z.enum(campaignGoals),
        startsOn: dateSchema,
        endsOn: dateSchema,
        attributionWindowDays: count,
        attributionWindow: z.object({ start: dateSchema, end: dateSchema }).describe('UTC days, inclusive: campaign start → end + attributionWindowDays'),
      }))
      .describe('Campaigns in scope'),
    inputs: z.object({
      posts: count.describe('Posts of the campaigns in scope published in the period'),
      paidPosts: count,
      measuredPosts: count.describe('Posts with a metric snapshot captured in the period'),
      postsWithImpressions: count,
      postsWithViews: count,
      impressions: maybeCount.describe("Sum of each post's latest snapshot in the period"),
      views: maybeCount,
      clicks: maybeCount.describe('From conversion counts, inside each campaign\'s attribution window'),
      sessions: maybeCount,
      registrations: maybeCount,
      targetActions: maybeCount,
      surveyAnswers: maybeCount.describe('Post-purchase survey answers naming the sources in scope'),
    }),
    kpis: z.object({
      cost: scopeCostSchema.nullable().describe('null when no campaign is in scope'),
      cpm: costKpi.describe('cost / impressions × 1000'),
      cpv: ratedCostKpi.describe('cost / views'),
      ctr: ratedKpi.extend({ base: z.enum(['impressions', 'views']).nullable().describe('What the clicks were divided by') }).describe('clicks / impressions × 100 (views when impressions are unknown)'),
      cpc: ratedCostKpi.describe('cost / clicks'),
      cpr: costKpi.describe('cost / registrations (or installs)'),
      cpa: ratedCostKpi.describe('cost / target actions'),
      conversion_rate: ratedKpi.describe('target actions / clicks × 100'),
      target_actions: ratedKpi,
      sales: maybeCount.describe('Attributed sales inside each campaign\'s attribution window'),
      revenue: moneySchema.nullable().describe('Attributed revenue inside each campaign\'s attribution window'),
      roi: ratedKpi.extend({ currency: z.string() }).describe('(revenue − cost) / cost × 100'),
      incremental_lift: reportIncrementalLiftSchema.describe('(treatment conversion rate − holdout conversion rate) / holdout conversion rate × 100, from the holdout paid tests of the campaigns in scope that run in the period (source filters do not narrow them)'),
      paid_media_lift: reportPaidMediaLiftSchema.describe('CTR, conversion rate and CPA of the AI asset against the control creative, from the creative A/B paid tests of the campaigns in scope that run in the period (source filters do not narrow them)'),
    }),
    funnel: z.object({
      steps: z.array(z.object({
        step: z.enum(FUNNEL_STEPS),
        count: maybeCount,
        rate: z.number().nullable().describe('Percent of the previous step; null for the first'),
        overallRate: z.number().nullable().describe('Percent of views'),
      })),
      biggestDrop: z
        .object({ from: z.enum(FUNNEL_STEPS), to: z.enum(FUNNEL_STEPS), rate: z.number(), drop: z.number().describe('100 − rate') })
        .nullable()
        .describe('The step with the lowest step-to-step rate'),
    }).describe('views → clicks → registrations → target actions'),
    insights: z.array(z.object({ kpiId: z.enum(TIERED_KPI_IDS), text: z.string() })).describe('One sentence per tiered KPI: what it means and what to try next'),
    verdict: z
      .object({
        verdict: z.enum(Verdict),
        rule: z.string().describe('The documented rule that decided (verdict.ts)'),
        reason: z.string(),
        decisive: z.array(z.enum(TIERED_KPI_IDS)),
      })
      .nullable()
      .describe('When one campaign is selected: scale, learn & repeat, fix the creative, fix the funnel, or stop (from the commercial KPIs)'),
    notes: z.array(z.string()).describe('What the figures leave out, in plain words'),
    previousPeriod: previousPeriodSchema('CommercialPreviousPeriod', COMMERCIAL_HEADLINES).optional(),
  })
  .meta({ id: 'CommercialReport' });
