import type { EntityManager } from '@mikro-orm/postgresql';
import {
  Campaign,
  Workspace,
  aiCharacterAssetsUsed,
  campaignsInScope,
  conversionDayTotals,
  costLinesOf,
  costPartiesOf,
  loadFxRates,
  paidSpendOf,
  postAggregates,
  surveyAnswerTotal,
  type ReadScope,
  type ConversionDayTotals,
  type CostPartyRow,
  type FxRateScope,
  type PaidSpendRow,
  type PostAggregates,
  type ScopedCampaign,
  type UsedAsset,
} from '@persona-ops/domain/store';
import {
  attributedSales,
  campaignVerdict,
  productionCost,
  reportCurrency,
  reportCurrencyOf,
  conversionRate,
  cpa,
  cpc,
  cpm,
  cpr,
  cpv,
  ctr,
  funnel,
  money,
  reportInsights,
  roi,
  scopeCost,
  sumKnown,
  targetActions,
  validateThresholdOverrides,
  type CostLine,
  type FxRate,
  type Money,
  type RatedKpi,
  type RateOptions,
  type CampaignGoal,
} from '@persona-ops/domain/core';
import type { ReportQuery } from '../http/report.schemas.ts';
import { assertFilterIdsOwned } from './owned.ts';
import { reportLifts } from './paid-tests.service.ts';
import type { Basis } from './report-basis.ts';

export const NO_POSTS: PostAggregates = {
  posts: 0,
  paidPosts: 0,
  measuredPosts: 0,
  impressions: null,
  postsWithImpressions: 0,
  views: null,
  postsWithViews: 0,
  currencies: [],
};

const utcDay = (day: string) => new Date(`${day}T00:00:00Z`);
const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function ratedDto(kpi: RatedKpi) {
  const { kpiId: _, ...thresholds } = kpi.thresholds;
  return { value: kpi.value, tier: kpi.tier, thresholds, tierUnavailable: kpi.tierUnavailable };
}

/*
 * Layer 3, commercial influence, over the scope:
 * - campaigns: the selected one, or those whose run overlaps the period (with a source filter, those
 *   a matching source works on);
 * - posts published in the period, impressions and views from each one's latest snapshot in the period;
 * - conversion counts of the campaigns' links and codes on days in the period, kept inside each
 *   campaign's attribution window (via attributedSales);
 * - cost = the scope's cost lines (own and shares of shared ones) + paid spend of the paid posts +
 *   production cost of the AI-character assets those posts used (scopeCost); unknown, not zero,
 *   when a source in scope has nothing recorded.
 * On the rollup basis the post sums and the assets used come from the rollups.
 */
export async function commercialReport(em: EntityManager, workspaceId: string, query: ReportQuery, now: Date, basis: Basis = 'live') {
  await assertFilterIdsOwned(em, workspaceId, { campaignId: query.campaignId, sourceId: query.sourceId });
  const workspace = await em.findOneOrFail(Workspace, { id: workspaceId });
  const options = { overrides: validateThresholdOverrides(workspace.tierOverrides) };
  const scope: ReadScope = {
    workspaceId,
    campaignId: query.campaignId,
    sourceId: query.sourceId,
    sourceKind: query.sourceKind,
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
  };

  const campaigns = await campaignsInScope(em, { scope, grouping: { by: 'none' } });
  const ids = campaigns.map((campaign) => campaign.id);
  const read = { scope: { ...scope, campaignIds: ids }, grouping: { by: 'none' }, basis } as const;
  const [posts, assets, days, lines, parties, paidSpend] = ids.length === 0
    ? [NO_POSTS, [], [], [], [], []]
    : await Promise.all([
        postAggregates(em, read),
        aiCharacterAssetsUsed(em, read),
        conversionDayTotals(em, read),
        costLinesOf(em, workspaceId, ids),
        costPartiesOf(em, workspaceId, ids),
        paidSpendOf(em, workspaceId, ids),
      ]);

  return commercialFromInputs(query, { campaigns, posts, assets, days, costs: { lines, parties, paidSpend }, fx: currencyInputs(em, workspace), workspaceCurrency: workspace.currency }, now, options, async (single) => {
    const surveyAnswers = ids.length === 0
      ? null
      : await surveyAnswerTotal(em, read.scope, { firstDay: single?.start, lastDay: single?.end });
    // incremental_lift and paid_media_lift: from the paid tests of the campaigns in scope that run in the period.
    const lifts = await reportLifts(em, workspaceId, ids, { from: scope.from, to: scope.to }, options);
    const goal = query.campaignId ? (await em.findOneOrFail(Campaign, { id: query.campaignId, workspace: workspaceId })).goal : null;
    return { surveyAnswers, lifts, goal };
  });
}

/** Cost lines, sources and paid posts of (at least) the campaigns in scope; the report narrows them to its scope. */
export type CostInputs = { lines: CostLine[]; parties: CostPartyRow[]; paidSpend: PaidSpendRow[] };
/** The workspace's reporting currency and its rates, loaded only when a scope mixes currencies. */
export type CurrencyInputs = { reportingCurrency: string; alwaysReporting?: boolean; loadRates: (scope: FxRateScope) => Promise<FxRate[]> };
export type CommercialInputs = { campaigns: ScopedCampaign[]; posts: PostAggregates; assets: UsedAsset[]; days: ConversionDayTotals[]; costs: CostInputs; fx: CurrencyInputs; workspaceCurrency: string };
export type CommercialExtras = { surveyAnswers: number | null; lifts: Awaited<ReturnType<typeof reportLifts>>; goal: CampaignGoal | null };

/** What a report needs to answer in the reporting currency: the currency, and its rates on demand. */
export function currencyInputs(em: EntityManager, workspace: { id: string; reportingCurrency: string }, alwaysReporting = false): CurrencyInputs {
  return { reportingCurrency: workspace.reportingCurrency, alwaysReporting, loadRates: (scope) => loadFxRates(em.fork(), workspace.id, scope) };
}

const dayOf = (at: Date | string) => (typeof at === 'string' ? at : at.toISOString()).slice(0, 10);

/**
 * The commercial report from its inputs (read live, from the rollups, or for many sources at once
 * by the comparison); `extras` reads what only the full report shows (survey answers, paid-test
 * lifts, the selected campaign's goal for the verdict), given the selected campaign's window.
 */
export async function commercialFromInputs(
  query: ReportQuery,
  { campaigns, posts, assets, days, costs, fx, workspaceCurrency }: CommercialInputs,
  now: Date,
  options: RateOptions,
  extras: (single: { start: string; end: string } | undefined) => Promise<CommercialExtras>,
) {
  const campaignIds = new Set(campaigns.map((c) => c.id));
  const lines = costs.lines.filter((line) => campaignIds.has(line.campaignId));
  const from = query.from ? Date.parse(query.from) : -Infinity;
  const to = query.to ? Date.parse(query.to) : Infinity;
  const paidSpend = costs.paidSpend.filter((row) => {
    const at = Date.parse(row.publishedAt);
    return campaignIds.has(row.campaignId) && at >= from && at < to && (!query.sourceId || row.sourceId === query.sourceId) && (!query.sourceKind || row.sourceKind === query.sourceKind);
  });

  // One currency: the scope's own, or the reporting currency (each amount at its day's rate) when
  // the scope mixes currencies; a missing rate is a 422 naming the pair and the day.
  const currencies = [...new Set([...campaigns.map((c) => c.currency), ...posts.currencies, ...assets.map((a) => a.currency), ...days.map((d) => d.currency), ...lines.map((l) => l.currency)])].sort();
  const choice = reportCurrencyOf({ currencies, reportingCurrency: fx.reportingCurrency, fallback: workspaceCurrency, alwaysReporting: fx.alwaysReporting ?? false });
  const amountDays = [...lines.map((l) => l.incurredOn), ...paidSpend.map((r) => dayOf(r.publishedAt)), ...assets.map((a) => dayOf(a.createdAt)), ...days.map((d) => d.day)].sort();
  const rates = choice.converted && amountDays.length > 0 ? await fx.loadRates({ currencies: [...currencies, choice.currency], from: amountDays[0]!, to: amountDays.at(-1)! }) : [];
  const inReportCurrency = reportCurrency(choice, rates);
  const { currency, convert } = inReportCurrency;

  // Cost: each source's cost lines and parts of shared ones, paid spend, production cost of the AI
  // characters' assets used (each listed); unknown when a source in scope has nothing recorded.
  const production = assets.reduce((sum, asset) => {
    const own = productionCost([{
      // Only the cost is read here, so the pipeline fields (brief time, transitions, placements) stay empty.
      id: asset.id, sourceId: '', briefCreatedAt: asset.createdAt, state: asset.state, generationCostMinor: asset.generationCostMinor, otherCostMinor: asset.otherCostMinor,
      productionHours: asset.productionHours, currency: asset.currency, hourlyRateMinor: asset.hourlyRateMinor, transitions: [], placements: [],
    }], asset.currency).total;
    return sum + convert(own, dayOf(asset.createdAt)).amountMinor;
  }, 0);
  const cost = scopeCost({
    campaigns,
    lines,
    parties: costs.parties,
    filter: { sourceId: query.sourceId, sourceKind: query.sourceKind },
    paidSpend: { amount: money(paidSpend.reduce((sum, row) => sum + convert(money(row.spendMinor, row.currency), dayOf(row.publishedAt)).amountMinor, 0), currency), posts: paidSpend.length },
    production: { amount: money(production, currency), assets: assets.length },
    convert,
  });

  // Conversions inside each campaign's attribution window.
  const daysOf = Map.groupBy(days, (day) => day.campaignId);
  const windows = campaigns.map((campaign) => {
    const rows = daysOf.get(campaign.id) ?? [];
    const attributed = attributedSales({
      days: rows.map((row) => ({ date: utcDay(row.day), sales: row.sales ?? 0, revenue: convert(money(row.revenueMinor ?? 0, row.currency), row.day) })),
      campaignStart: utcDay(campaign.startsOn),
      campaignEnd: utcDay(campaign.endsOn),
      attributionWindowDays: campaign.attributionWindowDays,
      currency,
    });
    const inside = rows.filter((row) => {
      const day = utcDay(row.day).getTime();
      return day >= attributed.window.start.getTime() && day <= attributed.window.end.getTime();
    });
    const total = (key: keyof Pick<ConversionDayTotals, 'clicks' | 'sessions' | 'registrations' | 'targetActions' | 'sales' | 'revenueMinor'>) => sumKnown(inside.map((row) => row[key]));
    return {
      campaign,
      window: { start: isoDay(attributed.window.start), end: isoDay(attributed.window.end) },
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

  const single = query.campaignId ? windows.find((w) => w.campaign.id === query.campaignId) : undefined;
  const { surveyAnswers, lifts, goal } = await extras(single?.window);

  const kpi = {
    cpv: cpv({ cost: cost.total, currency, views: posts.views }, options),
    ctr: ctr({ clicks, impressions: posts.impressions, views: posts.views }, options),
    cpc: cpc({ cost: cost.total, currency, clicks }, options),
    cpa: cpa({ cost: cost.total, currency, targetActions: conversions }, options),
    conversion_rate: conversionRate({ conversions, clicks }, options),
    target_actions: targetActions(conversions, options),
    roi: roi({ revenue, cost: cost.total, currency }, options),
  };

  let verdict = null;
  if (query.campaignId && goal) verdict = campaignVerdict({ goal, kpis: kpi });

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
