/*
 * The commercial report (layer 3) from its inputs, over the scope:
 * - campaigns: the selected one, or those whose run overlaps the period (with a source filter, those
 *   a matching source works on);
 * - posts published in the period, impressions and views from each one's latest snapshot in the period;
 * - conversion counts of the campaigns' links and codes on days in the period, kept inside each
 *   campaign's attribution window (attributedSales);
 * - cost = the scope's cost lines (own and shares of shared ones) + paid spend of the paid posts in
 *   scope + production cost of the AI-character assets those posts used (scopeCost); unknown, not
 *   zero, when a source in scope has nothing recorded.
 * One currency: the scope's own, or the reporting currency (each amount at its own day's rate) when
 * the scope mixes currencies or the report compares scopes; a missing rate is fx_rate_missing.
 * Reading the rates is the caller's: commercialRateDays says which, commercialReportOf uses them.
 */
import { scopeCost, type CostLine, type CostParty } from '../campaign-cost.ts';
import { attributedSales, attributionWindow, conversionRate, cpa, cpc, cpm, cpr, cpv, ctr, roi, targetActions } from '../commercial.ts';
import { funnel } from '../funnel.ts';
import type { FxRate } from '../fx.ts';
import { reportInsights } from '../insights.ts';
import { money, type Money } from '../money.ts';
import type { PaidTestLifts } from '../paid-test.ts';
import { plural } from '../plural.ts';
import { productionCost } from '../production.ts';
import { sumKnown } from '../ratio.ts';
import { reportCurrency, reportCurrencyOf } from '../report-currency.ts';
import type { RatedKpi, RateOptions } from '../tiers.ts';
import { isoDayOf, utcMidnight } from '../utc-day.ts';
import { campaignVerdict } from '../verdict.ts';
import type { AssetState } from '../asset-state.ts';
import type { CampaignGoal } from '../vocabulary.ts';
import type { ReportScope } from './report-scope.ts';

export type ScopedCampaign = { id: string; name: string; goal: CampaignGoal; currency: string; startsOn: string; endsOn: string; attributionWindowDays: number };

/** The posts in scope, each at its latest snapshot in the period, summed. */
export type PostSums = {
  posts: number;
  paidPosts: number;
  /** Posts in scope with a metric snapshot in the period. */
  measuredPosts: number;
  /** Sums over the latest snapshot of each post; null when no snapshot knows the counter. */
  impressions: number | null;
  postsWithImpressions: number;
  views: number | null;
  postsWithViews: number;
  currencies: string[];
};

export const NO_POSTS: PostSums = { posts: 0, paidPosts: 0, measuredPosts: 0, impressions: null, postsWithImpressions: 0, views: null, postsWithViews: 0, currencies: [] };

/** An AI character's asset the posts in scope used (once however often placed), with what its cost needs. */
export type UsedAsset = { id: string; state: AssetState; currency: string; generationCostMinor: number; otherCostMinor: number; productionHours: number; hourlyRateMinor: number; createdAt: Date };

/** Conversion counts of a campaign's links and codes on one UTC day in one currency; null: no row knew it. */
export type ConversionDayTotals = {
  campaignId: string;
  day: string;
  currency: string;
  clicks: number | null;
  sessions: number | null;
  registrations: number | null;
  targetActions: number | null;
  sales: number | null;
  revenueMinor: number | null;
};

/** A paid post's spend, converted at its own day when currencies mix. */
export type PaidSpendRecord = { campaignId: string; sourceId: string; sourceKind: string; publishedAt: string; currency: string; spendMinor: number };
export type CostPartyRecord = CostParty & { deliverables: number };
/** Cost lines, sources and paid posts of (at least) the campaigns in scope; the report narrows them to its scope. */
export type CostRecords = { lines: readonly CostLine[]; parties: readonly CostPartyRecord[]; paidSpend: readonly PaidSpendRecord[] };

export type CommercialReportInputs = {
  campaigns: readonly ScopedCampaign[];
  posts: PostSums;
  assets: readonly UsedAsset[];
  days: readonly ConversionDayTotals[];
  costs: CostRecords;
  workspaceCurrency: string;
  /** The workspace's reporting currency; alwaysReporting: the report compares scopes, so every one answers in it. */
  currencyRule: { reportingCurrency: string; alwaysReporting: boolean };
};

/** What only the full report shows: survey answers, paid-test lifts, the selected campaign's goal (for the verdict). */
export type CommercialExtras = { surveyAnswers: number | null; lifts: PaidTestLifts; goal: CampaignGoal | null };

/**
 * The paid posts of each campaign with their publication time parsed and their place in the list,
 * built once per list: the comparison narrows the same records (every paid post of every campaign)
 * for each of its sources, three times each, and parsing every date each time was most of its work
 * (270 ms of 430 at benchmark scale).
 */
const paidSpendIndex = new WeakMap<readonly PaidSpendRecord[], Map<string, Array<{ row: PaidSpendRecord; at: number; order: number }>>>();
function paidSpendByCampaign(records: readonly PaidSpendRecord[]) {
  let index = paidSpendIndex.get(records);
  if (!index) {
    index = new Map();
    for (const [order, row] of records.entries()) {
      const list = index.get(row.campaignId) ?? [];
      list.push({ row, at: Date.parse(row.publishedAt), order });
      index.set(row.campaignId, list);
    }
    paidSpendIndex.set(records, index);
  }
  return index;
}

/** The cost lines and paid posts of the scope's campaigns, the paid posts also in its period and sources (in the records' order). */
function scoped(query: ReportScope, { campaigns, costs }: CommercialReportInputs) {
  const campaignIds = new Set(campaigns.map((c) => c.id));
  const lines = costs.lines.filter((line) => campaignIds.has(line.campaignId));
  const from = query.from ? Date.parse(query.from) : -Infinity;
  const to = query.to ? Date.parse(query.to) : Infinity;
  const byCampaign = paidSpendByCampaign(costs.paidSpend);
  const paidSpend = [...campaignIds]
    .flatMap((id) => byCampaign.get(id) ?? [])
    .filter(({ row, at }) => at >= from && at < to && (!query.sourceId || row.sourceId === query.sourceId) && (!query.sourceKind || row.sourceKind === query.sourceKind))
    .sort((a, b) => a.order - b.order)
    .map(({ row }) => row);
  return { lines, paidSpend };
}

function currencyChoice(query: ReportScope, inputs: CommercialReportInputs) {
  const { campaigns, posts, assets, days } = inputs;
  const { lines, paidSpend } = scoped(query, inputs);
  const currencies = [...new Set([...campaigns.map((c) => c.currency), ...posts.currencies, ...assets.map((a) => a.currency), ...days.map((d) => d.currency), ...lines.map((l) => l.currency)])].sort();
  const choice = reportCurrencyOf({ currencies, reportingCurrency: inputs.currencyRule.reportingCurrency, fallback: inputs.workspaceCurrency, alwaysReporting: inputs.currencyRule.alwaysReporting });
  const amountDays = [...lines.map((l) => l.incurredOn), ...paidSpend.map((r) => isoDayOf(r.publishedAt)), ...assets.map((a) => isoDayOf(a.createdAt)), ...days.map((d) => d.day)].sort();
  return { currencies, choice, amountDays };
}

/** The rates the report needs (currencies and the days of its amounts); null: it converts nothing. */
export function commercialRateDays(query: ReportScope, inputs: CommercialReportInputs): { currencies: string[]; from: string; to: string } | null {
  const { currencies, choice, amountDays } = currencyChoice(query, inputs);
  return choice.converted && amountDays.length > 0 ? { currencies: [...currencies, choice.currency], from: amountDays[0]!, to: amountDays.at(-1)! } : null;
}

/** The days a campaign's conversions count on: its run plus its attribution window (YYYY-MM-DD, inclusive). */
export function attributionWindowOf(campaign: Pick<ScopedCampaign, 'startsOn' | 'endsOn' | 'attributionWindowDays'>): { start: string; end: string } {
  const window = attributionWindow({ campaignStart: utcMidnight(campaign.startsOn), campaignEnd: utcMidnight(campaign.endsOn), attributionWindowDays: campaign.attributionWindowDays });
  return { start: isoDayOf(window.start), end: isoDayOf(window.end) };
}

function ratedDto(kpi: RatedKpi) {
  const { kpiId: _, ...thresholds } = kpi.thresholds;
  return { value: kpi.value, tier: kpi.tier, thresholds, tierUnavailable: kpi.tierUnavailable };
}

export function commercialReportOf<Q extends ReportScope>(query: Q, inputs: CommercialReportInputs, rates: readonly FxRate[], extras: CommercialExtras, options: RateOptions) {
  const { campaigns, posts, assets, days, costs } = inputs;
  const { lines, paidSpend } = scoped(query, inputs);
  const inReportCurrency = reportCurrency(currencyChoice(query, inputs).choice, rates);
  const { currency, convert } = inReportCurrency;

  // Cost: each source's cost lines and parts of shared ones, paid spend, production cost of the AI
  // characters' assets used (each listed); unknown when a source in scope has nothing recorded.
  const production = assets.reduce((sum, asset) => sum + convert(productionCost([asset], asset.currency).total, isoDayOf(asset.createdAt)).amountMinor, 0);
  const cost = scopeCost({
    campaigns,
    lines,
    parties: costs.parties,
    filter: { sourceId: query.sourceId, sourceKind: query.sourceKind },
    paidSpend: { amount: money(paidSpend.reduce((sum, row) => sum + convert(money(row.spendMinor, row.currency), isoDayOf(row.publishedAt)).amountMinor, 0), currency), posts: paidSpend.length },
    production: { amount: money(production, currency), assets: assets.length },
    convert,
  });

  // Conversions inside each campaign's attribution window.
  const daysOf = Map.groupBy(days, (day) => day.campaignId);
  const windows = campaigns.map((campaign) => {
    const rows = daysOf.get(campaign.id) ?? [];
    const attributed = attributedSales({
      days: rows.map((row) => ({ date: utcMidnight(row.day), sales: row.sales ?? 0, revenue: convert(money(row.revenueMinor ?? 0, row.currency), row.day) })),
      campaignStart: utcMidnight(campaign.startsOn),
      campaignEnd: utcMidnight(campaign.endsOn),
      attributionWindowDays: campaign.attributionWindowDays,
      currency,
    });
    const inside = rows.filter((row) => {
      const day = utcMidnight(row.day).getTime();
      return day >= attributed.window.start.getTime() && day <= attributed.window.end.getTime();
    });
    const total = (key: keyof Pick<ConversionDayTotals, 'clicks' | 'sessions' | 'registrations' | 'targetActions' | 'sales' | 'revenueMinor'>) => sumKnown(inside.map((row) => row[key]));
    return {
      campaign,
      window: { start: isoDayOf(attributed.window.start), end: isoDayOf(attributed.window.end) },
      clicks: total('clicks'),
      sessions: total('sessions'),
      registrations: total('registrations'),
      targetActions: total('targetActions'),
      // Unknown (null) unless some day in the window recorded them; otherwise attributedSales' sums.
      sales: total('sales') === null ? null : attributed.sales,
      revenue: total('revenueMinor') === null ? null : attributed.revenue,
    };
  });
  const across = (key: 'clicks' | 'sessions' | 'registrations' | 'targetActions' | 'sales') => sumKnown(windows.map((w) => w[key]));
  const clicks = across('clicks');
  const registrations = across('registrations');
  const conversions = across('targetActions');
  const knownRevenue = windows.flatMap((w) => (w.revenue === null ? [] : [w.revenue]));
  const revenue: Money | null = knownRevenue.length === 0 ? null : money(knownRevenue.reduce((sum, r) => sum + r.amountMinor, 0), currency);

  const { surveyAnswers, lifts, goal } = extras;
  const kpi = {
    cpv: cpv({ cost: cost.total, currency, views: posts.views }, options),
    ctr: ctr({ clicks, impressions: posts.impressions, views: posts.views }, options),
    cpc: cpc({ cost: cost.total, currency, clicks }, options),
    cpa: cpa({ cost: cost.total, currency, targetActions: conversions }, options),
    conversion_rate: conversionRate({ conversions, clicks }, options),
    target_actions: targetActions(conversions, options),
    roi: roi({ revenue, cost: cost.total, currency }, options),
  };

  const verdict = query.campaignId && goal ? campaignVerdict({ goal, kpis: kpi }) : null;

  const notes: string[] = [...cost.missing.map((missing) => missing.prompt), ...cost.notes];
  if (posts.posts > 0 && posts.measuredPosts < posts.posts) {
    notes.push(`${plural(posts.posts - posts.measuredPosts, 'post')} of ${posts.posts} in scope have no metric snapshot in the period, so their impressions and views are unknown.`);
  }
  if (kpi.ctr.base === 'views') notes.push('CTR is clicks over views: no snapshot in scope records impressions.');

  return {
    scope: {
      ...query,
      basis: "campaigns running in the period (or the one selected); posts published in the period, each at its latest metric snapshot captured in the period; conversion counts of the campaigns' links and codes on days in the period and inside each campaign's attribution window",
    },
    currency,
    fx: { converted: inReportCurrency.converted, ratesUsed: inReportCurrency.ratesUsed() },
    campaigns: windows.map((w) => ({
      id: w.campaign.id,
      name: w.campaign.name,
      goal: w.campaign.goal,
      startsOn: w.campaign.startsOn,
      endsOn: w.campaign.endsOn,
      attributionWindowDays: w.campaign.attributionWindowDays,
      attributionWindow: w.window,
    })),
    inputs: {
      posts: posts.posts,
      paidPosts: posts.paidPosts,
      measuredPosts: posts.measuredPosts,
      postsWithImpressions: posts.postsWithImpressions,
      postsWithViews: posts.postsWithViews,
      impressions: posts.impressions,
      views: posts.views,
      clicks,
      sessions: across('sessions'),
      registrations,
      targetActions: conversions,
      surveyAnswers,
    },
    kpis: {
      cost: campaigns.length === 0 ? null : cost,
      cpm: cpm({ cost: cost.total, currency, impressions: posts.impressions }),
      cpv: { ...ratedDto(kpi.cpv), currency: kpi.cpv.currency },
      ctr: { ...ratedDto(kpi.ctr), base: kpi.ctr.base },
      cpc: { ...ratedDto(kpi.cpc), currency: kpi.cpc.currency },
      cpr: cpr({ cost: cost.total, currency, registrations }),
      cpa: { ...ratedDto(kpi.cpa), currency: kpi.cpa.currency },
      conversion_rate: ratedDto(kpi.conversion_rate),
      target_actions: ratedDto(kpi.target_actions),
      sales: across('sales'),
      revenue,
      roi: { ...ratedDto(kpi.roi), currency: kpi.roi.currency },
      incremental_lift: lifts.incremental_lift,
      paid_media_lift: lifts.paid_media_lift,
    },
    funnel: funnel(posts.views, clicks, registrations, conversions),
    insights: reportInsights(kpi),
    verdict,
    notes,
  };
}

export type CommercialReport = ReturnType<typeof commercialReportOf<ReportScope>>;
