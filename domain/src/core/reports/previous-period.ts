/*
 * A report's previous period: the same length, immediately before, [from − (to − from), from).
 * Each headline KPI of the report is compared with the same KPI of the same report asked over that
 * period (periodChange).
 */
import { periodChange, type ChangeMeasure, type PeriodChange, type PeriodFigure } from '../period-change.ts';

export const noPreviousPeriodReasons = [
  /** All time, or a period open at the start: nothing lies before it. */
  'no_start',
  /** The period ends where it starts or before (or starts after "now" when it has no end). */
  'empty_period',
  /** The previous period would start before the earliest moment reports take. */
  'before_earliest',
] as const;
export type NoPreviousPeriodReason = (typeof noPreviousPeriodReasons)[number];

export type PreviousPeriod = { from: string; to: string; reason: null } | { from: null; to: null; reason: NoPreviousPeriodReason };

/**
 * The period of the same length right before [from, to). A period without an end runs to `now`;
 * `earliest` is the first moment a report may be asked for.
 */
export function previousPeriodOf(period: { from?: string | undefined; to?: string | undefined }, now: Date, earliest: Date): PreviousPeriod {
  const none = (reason: NoPreviousPeriodReason): PreviousPeriod => ({ from: null, to: null, reason });
  if (!period.from) return none('no_start');
  const start = Date.parse(period.from);
  const end = period.to ? Date.parse(period.to) : now.getTime();
  if (!(end > start)) return none('empty_period');
  const previousStart = start - (end - start);
  if (previousStart < earliest.getTime()) return none('before_earliest');
  return { from: new Date(previousStart).toISOString(), to: new Date(start).toISOString(), reason: null };
}

/** One headline KPI of a report as read for the comparison: its value (and currency) and how it moves. */
export type Headline = { figure: PeriodFigure; measure: ChangeMeasure };
export type Headlines<K extends string> = Record<K, Headline>;

/**
 * Each headline of this period against the previous one's: null when there is no previous period,
 * 'unknown' when there is one whose figures could not be had (its report was refused).
 */
export function compareHeadlines<K extends string>(current: Headlines<K>, previous: Headlines<K> | 'unknown' | null): Record<K, PeriodChange> {
  const previousFigure = (kpiId: K): PeriodFigure | null => (previous === null ? null : previous === 'unknown' ? { value: null } : previous[kpiId].figure);
  const entries = (Object.entries(current) as [K, Headline][]).map(([kpiId, { figure, measure }]) => [kpiId, periodChange(figure, previousFigure(kpiId), measure)] as const);
  return Object.fromEntries(entries) as Record<K, PeriodChange>;
}
