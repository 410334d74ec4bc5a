import { z } from 'zod';
import { COMPARISON_KPIS, campaignGoals, sourceKinds } from '@persona-ops/domain/core';
import { dateSchema, idSchema, periodDaySchema, periodMomentSchema } from '../../http/common.schemas.ts';
import { formatQuery } from '../../http/report-export.ts';
import { freshnessSchema, liveQuery } from '../../http/freshness.schemas.ts';
import { reportQuery } from '../../http/report.schemas.ts';

export const DEFAULT_WINDOW_DAYS = 90;
const comparisonKpiIds = Object.keys(COMPARISON_KPIS) as [keyof typeof COMPARISON_KPIS, ...Array<keyof typeof COMPARISON_KPIS>];

// Each source is compared over its own window since launch, so the report period does not apply.
export const comparisonReportFilters = z.object({
  goal: z.enum(campaignGoals).optional().describe("The job the sources are compared on; it picks the deciding KPIs. Default: the campaign's goal; without a campaign, every goal's deciding KPIs"),
  windowDays: z.coerce
    .number()
    .int('must be a whole number of days')
    .min(1, 'must be 1–3650 days')
    .max(3650, 'must be 1–3650 days')
    .default(DEFAULT_WINDOW_DAYS)
    .describe("Each source is measured over [launch, launch + windowDays): the same age for every source"),
  asOf: z
    .union([periodMomentSchema, periodDaySchema])
    .optional()
    .describe('The moment the comparison is made (default now); a source whose window has not elapsed by then is too new to compare'),
  campaignId: reportQuery.shape.campaignId.describe("Only this campaign's sources and posts"),
  sourceKind: reportQuery.shape.sourceKind,
  ...liveQuery,
});
export type ComparisonReportFilters = z.infer<typeof comparisonReportFilters>;
export const comparisonReportQuery = comparisonReportFilters.extend(formatQuery);

const count = z.number().int();
const kpiId = z.enum(comparisonKpiIds);
const direction = z.enum(['higher_is_better', 'lower_is_better']);
const status = z.enum(['aligned', 'too_new_to_compare', 'no_launch_date']);

export const comparisonReportSchema = z
  .object({
    scope: comparisonReportFilters.extend({
      goal: z.enum(campaignGoals).nullable().describe('null: no goal asked and no campaign, so every goal\'s deciding KPIs'),
      goalFrom: z.enum(['query', 'campaign', 'every_goal']).describe('Where the goal came from'),
      asOf: z.iso.datetime(),
      basis: z.string(),
    }),
    freshness: freshnessSchema,
    currency: z.string().nullable().describe('The one currency of every money KPI compared; null when no deciding KPI is money'),
    decisiveKpis: z
      .array(z.object({ kpiId, direction, money: z.boolean(), goals: z.array(z.enum(campaignGoals)).describe('The goals this KPI decides') }))
      .describe("The KPIs that decide for the goal (for every goal without one), in the domain's order (cost KPIs: lower is better)"),
    sources: z
      .array(z.object({
        sourceId: idSchema,
        name: z.string(),
        kind: z.enum(sourceKinds),
        launch: z.object({
          on: dateSchema.nullable(),
          basis: z.enum(['launched_on', 'first_post']).nullable().describe("The source's recorded launch date, else its first post's UTC day"),
        }),
        status: status.describe('no_launch_date: neither a launch date nor any post, so no window'),
        daysSinceLaunch: count.nullable(),
        window: z.object({ from: z.iso.datetime(), to: z.iso.datetime() }).nullable().describe('The aligned window (to exclusive); null unless aligned'),
        currency: z.string().nullable().describe("The commercial report's currency for this source's window"),
        cost: z
          .object({
            known: z.boolean().describe('false: some cost of the window is not recorded, so its cost KPIs are null and it is never ranked on them'),
            missing: z.array(z.string()).describe('What to record, in sentences'),
          })
          .nullable()
          .describe('null: not aligned, no campaign in its window, or no commercial KPI asked'),
        sample: z
          .object({
            posts: count.describe('Posts published in the window'),
            postsWithSnapshot: count,
            snapshots: count.describe('Metric snapshots captured in the window'),
            clicks: count.nullable().describe('From conversion counts (when a deciding KPI is commercial)'),
            classifiedComments: count.nullable().describe('When a deciding KPI reads comments'),
          })
          .nullable()
          .describe('What the figures rest on; null unless aligned'),
        kpis: z
          .array(z.object({
            kpiId,
            value: z.number().nullable().describe('null: not enough data; money in major units of currency'),
            currency: z.string().nullable(),
            sample: z.record(z.string(), z.number().nullable()).describe('The counts behind this figure'),
          }))
          .describe('The deciding KPIs over the window; empty unless aligned'),
      }))
      .describe('Every source compared, by name'),
    rankings: z
      .array(z.object({
        kpiId,
        direction,
        currency: z.string().nullable(),
        entries: z.array(z.object({
          sourceId: idSchema,
          name: z.string(),
          kind: z.enum(sourceKinds),
          status: z.enum(['ranked', 'no_data', 'cost_not_recorded', 'too_new_to_compare']).describe('cost_not_recorded: a cost KPI of a source whose cost is not recorded: unknown, never ranked'),
          rank: count.nullable().describe('1 is best; ties share a rank'),
          value: z.number().nullable(),
        })).describe('Ranked best first, then sources without data, then those too new to compare'),
      }))
      .describe('One ranking per deciding KPI'),
    notes: z.array(z.string()),
  })
  .meta({ id: 'ComparisonReport' });
export type ComparisonReport = z.output<typeof comparisonReportSchema>;
