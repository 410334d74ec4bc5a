import { z } from 'zod';
import { changeDirections, changeMeasures, changeUnavailableReasons, noPreviousPeriodReasons } from '@persona-ops/domain/core';

// The production, audience and commercial reports compare their headline KPIs with the previous
// period when asked (compare=previous): the same report over [from − (to − from), from).

export const compareQuery = {
  compare: z
    .enum(['none', 'previous'])
    .default('none')
    .describe('previous: also compute the same report over the previous period of the same length, [from − (to − from), from) (to defaults to now), and answer previousPeriod with each headline KPI\'s change. Costs a second report; none (default) leaves previousPeriod out'),
};

export const periodChangeSchema = z
  .object({
    current: z.number().nullable().describe('The KPI in this period; null: not enough data'),
    previous: z.number().nullable().describe('The KPI in the previous period; null: not enough data, or no previous period (see reason)'),
    currency: z.string().nullable().describe('For money: the currency of both values (minor units for totals, major units for per-unit costs)'),
    measure: z.enum(changeMeasures).describe('points: a rate, change in percentage points (current − previous); relative: change in percent of the previous value'),
    change: z.number().nullable().describe('Percentage points or percent, per measure; null when it has no meaning (see reason), never 0 for unknown'),
    direction: z.enum(changeDirections).nullable().describe('Which way the value moved; null when either value is unknown. Kept when only the percentage is meaningless (a zero or negative base)'),
    reason: z
      .enum(changeUnavailableReasons)
      .nullable()
      .describe('Why change is null: no_previous_period, current_unknown, previous_unknown, previous_zero (growth from 0 has no percentage), previous_negative, currency_differs'),
  })
  .meta({ id: 'PeriodChange' });

/** previousPeriod of one report: its headline KPIs, each with its change. */
export function previousPeriodSchema<K extends string>(id: string, kpiIds: readonly K[]) {
  // One field per headline KPI, so the client knows each by name.
  const changes = Object.fromEntries(kpiIds.map((kpiId) => [kpiId, periodChangeSchema])) as Record<K, typeof periodChangeSchema>;
  return z
    .object({
      from: z.string().nullable().describe('Start of the previous period (inclusive); null when there is none'),
      to: z.string().nullable().describe('End of the previous period (exclusive): this period\'s start'),
      reason: z
        .enum(noPreviousPeriodReasons)
        .nullable()
        .describe('Why there is no previous period: no_start (all time, or no from), empty_period, before_earliest (it would start before 1900)'),
      refused: z.string().nullable().describe("When the previous period's report was refused (e.g. its assets mix currencies): why; every change is then previous_unknown"),
      changes: z.object(changes),
    })
    .describe('Present with compare=previous: each headline KPI against the same report over the previous period of the same length')
    .meta({ id });
}
