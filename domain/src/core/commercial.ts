import { invalidInput } from './errors.ts';
import { assertCount, assertValidDate } from './guards.ts';
import type { Money } from './money.ts';
import { assertMoney, commonCurrency, minorFactor, money, sameCurrency } from './money.ts';
import type { MaybeNumber } from './ratio.ts';
import { percent, ratio } from './ratio.ts';
import type { MoneyTieredKpiId, RatedKpi, RateOptions } from './tiers.ts';
import { rateKpi } from './tiers.ts';
import { utcMidnightMs } from './utc-day.ts';

/** A cost per unit, in major units of `currency` (5 means USD 5.00), unrounded. */
export type CostKpi = { value: number | null; currency: string };
export type RatedCostKpi = RatedKpi & { currency: string };

function assertCost(cost: Money): void {
  assertMoney(cost, 'cost');
  if (cost.amountMinor < 0) throw invalidInput('cost cannot be negative.', { field: 'cost' });
}

/**
 * A cost that was not recorded is unknown (null), never zero: every cost KPI over it is null. The
 * report still says in which currency it would be, so an unknown cost names its currency.
 */
export type KnownOrUnknownCost = { cost: Money | null; currency?: string };

function currencyOf(input: KnownOrUnknownCost): string {
  const currency = input.cost?.currency ?? input.currency;
  if (currency === undefined) throw invalidInput('An unknown cost (null) needs the currency it would be in.', { field: 'currency' });
  return currency;
}

function costPer(input: KnownOrUnknownCost, units: MaybeNumber, per = 1): CostKpi {
  const currency = currencyOf(input);
  if (input.cost === null) return { value: null, currency };
  assertCost(input.cost);
  const minor = ratio(input.cost.amountMinor * per, units);
  return { value: minor === null ? null : minor / minorFactor(currency), currency };
}

/*
 * Cost tiers (cpv, cpc, cpa) are defined in USD. A value in another currency keeps its value but
 * gets tier null with a reason, unless the workspace has set its own thresholds for that KPI
 * (in that currency, or with no currency meaning "ours, whatever we spend in"). Converting with a
 * rate the user never supplied would break the rule that KPIs never mix currencies.
 */
function ratedCost(kpiId: MoneyTieredKpiId, cost: KnownOrUnknownCost, units: MaybeNumber, options?: RateOptions): RatedCostKpi {
  const { value, currency } = costPer(cost, units);
  return { ...rateKpi(kpiId, value, { ...options, currency }), currency };
}

export function cpm(input: KnownOrUnknownCost & { impressions: MaybeNumber }): CostKpi {
  assertCount('impressions', input.impressions);
  return costPer(input, input.impressions, 1000);
}

export function cpv(input: KnownOrUnknownCost & { views: MaybeNumber }, options?: RateOptions): RatedCostKpi {
  assertCount('views', input.views);
  return ratedCost('cpv', input, input.views, options);
}

export function cpc(input: KnownOrUnknownCost & { clicks: MaybeNumber }, options?: RateOptions): RatedCostKpi {
  assertCount('clicks', input.clicks);
  return ratedCost('cpc', input, input.clicks, options);
}

/** Cost per registration (or per install, CPI). */
export function cpr(input: KnownOrUnknownCost & { registrations: MaybeNumber }): CostKpi {
  assertCount('registrations', input.registrations);
  return costPer(input, input.registrations);
}

export function cpa(input: KnownOrUnknownCost & { targetActions: MaybeNumber }, options?: RateOptions): RatedCostKpi {
  assertCount('targetActions', input.targetActions);
  return ratedCost('cpa', input, input.targetActions, options);
}

export type ClickBase = 'impressions' | 'views';

/** clicks / impressions × 100; views stand in when impressions are unknown, and `base` says so. */
export function ctr(
  input: { clicks: MaybeNumber; impressions: MaybeNumber; views?: MaybeNumber },
  options?: RateOptions,
): RatedKpi & { base: ClickBase | null } {
  for (const [name, value] of Object.entries(input)) assertCount(name, value);
  const base: ClickBase | null =
    input.impressions !== null && input.impressions !== undefined
      ? 'impressions'
      : input.views !== null && input.views !== undefined
        ? 'views'
        : null;
  const denominator = base === null ? null : input[base];
  return { ...rateKpi('ctr', percent(input.clicks, denominator), options), base };
}

export function conversionRate(input: { conversions: MaybeNumber; clicks: MaybeNumber }, options?: RateOptions): RatedKpi {
  for (const [name, value] of Object.entries(input)) assertCount(name, value);
  return rateKpi('conversion_rate', percent(input.conversions, input.clicks), options);
}

export function targetActions(count: MaybeNumber, options?: RateOptions): RatedKpi {
  assertCount('targetActions', count);
  return rateKpi('target_actions', count ?? null, options);
}

/** (revenue − cost) / cost × 100. Revenue and cost must share a currency. */
export function roi(input: { revenue: Money | null; cost: Money | null; currency?: string }, options?: RateOptions): RatedKpi & { currency: string } {
  if (input.revenue === null || input.cost === null) {
    return { ...rateKpi('roi', null, options), currency: input.cost?.currency ?? input.revenue?.currency ?? currencyOf({ cost: null, ...(input.currency ? { currency: input.currency } : {}) }) };
  }
  assertMoney(input.revenue, 'revenue');
  assertCost(input.cost);
  const currency = commonCurrency([input.revenue, input.cost]) ?? input.cost.currency;
  const value = percent(input.revenue.amountMinor - input.cost.amountMinor, input.cost.amountMinor);
  return { ...rateKpi('roi', value, options), currency };
}

export const DEFAULT_ATTRIBUTION_WINDOW_DAYS = 28;
export type ConversionDay = { date: Date; sales: number; revenue: Money };

const DAY_MS = 86_400_000;

/**
 * The days a campaign's conversions are attributed to it: from the campaign start through the
 * campaign end plus the attribution window (UTC days, inclusive). The window is fixed per campaign
 * so campaigns compare; default 28 days (consumer 14–28, B2B longer).
 */
export function attributionWindow(input: { campaignStart: Date; campaignEnd: Date; attributionWindowDays?: number }): { start: Date; end: Date } {
  const windowDays = input.attributionWindowDays ?? DEFAULT_ATTRIBUTION_WINDOW_DAYS;
  if (!Number.isInteger(windowDays) || windowDays < 1) {
    throw invalidInput(`attributionWindowDays must be a whole number of days, 1 or more (got ${String(windowDays)}).`);
  }
  assertValidDate('campaignStart', input.campaignStart);
  assertValidDate('campaignEnd', input.campaignEnd);
  const start = utcMidnightMs(input.campaignStart);
  const campaignEnd = utcMidnightMs(input.campaignEnd);
  if (campaignEnd < start) throw invalidInput('campaignEnd is before campaignStart.', { field: 'campaignEnd' });
  return { start: new Date(start), end: new Date(campaignEnd + windowDays * DAY_MS) };
}

/** Sales and revenue attributed to a campaign: the conversion days inside its attribution window. */
export function attributedSales(input: {
  days: readonly ConversionDay[];
  campaignStart: Date;
  campaignEnd: Date;
  attributionWindowDays?: number;
  currency: string;
}): { sales: number; revenue: Money; window: { start: Date; end: Date } } {
  const window = attributionWindow(input);
  const start = window.start.getTime();
  const end = window.end.getTime();
  let sales = 0;
  let revenue = 0;
  for (const day of input.days) {
    assertValidDate('date', day.date);
    assertCount('sales', day.sales);
    assertMoney(day.revenue, 'revenue');
    sameCurrency([day.revenue.currency], input.currency);
    const d = utcMidnightMs(day.date);
    if (d < start || d > end) continue;
    sales += day.sales;
    revenue += day.revenue.amountMinor;
  }
  return { sales, revenue: money(revenue, input.currency), window };
}
