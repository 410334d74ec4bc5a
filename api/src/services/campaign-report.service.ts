import type { EntityManager } from '@mikro-orm/postgresql';
import { Campaign, campaignBreakdowns, costLinesOf, costPartiesOf, loadFxRates, paidSpendOf, type BreakdownShares, type CostPartyRow, type ICampaign, type PaidSpendRow } from '@persona-ops/domain/store';
import { allocateCostLines, campaignPacing, layerOrRefusal, campaignVerdict, deliverablesOf, money, ratio, reportCurrency, reportInsights, type CostLine, type TieredKpiId } from '@persona-ops/domain/core';
import type { CampaignReport, CampaignReportFilters } from '../routes/reports/campaign-report.schemas.ts';
import { audienceReport } from './audience-report.service.ts';
import { brandSafetyReport } from './brand-safety-report.service.ts';
import { commercialReport } from './commercial-report.service.ts';
import { assertFilterIdsOwned, findOwned } from './owned.ts';
import { productionReport } from './production-report.service.ts';

type Thresholds = CampaignReport['tieredKpis'][number]['thresholds'];
type Tiered = { value: number | null; tier: CampaignReport['tieredKpis'][number]['tier']; thresholds: Thresholds & { kpiId?: string }; tierUnavailable: string | null; currency?: string };

function tieredKpi(kpiId: TieredKpiId, layer: 'audience' | 'commerce', kpi: Tiered): CampaignReport['tieredKpis'][number] {
  const { source, direction, average, strong, exceptional, currency } = kpi.thresholds;
  return {
    kpiId,
    layer,
    value: kpi.value,
    tier: kpi.tier,
    currency: kpi.currency ?? null,
    thresholds: { source, direction, average, strong, exceptional, currency },
    tierUnavailable: kpi.tierUnavailable,
  };
}

function breakdown(rows: readonly BreakdownShares[], dimension: 'country' | 'language') {
  const found = rows.find((row) => row.dimension === dimension);
  if (!found) return null;
  return {
    basis: found.basis,
    subjects: found.subjects,
    inScope: found.inScope,
    shares: found.keys.map((key) => ({ key: key.key, share: ratio(key.shareSum, found.subjects) })),
  };
}

/**
 * Budget pacing in the campaign's currency: a cost line or paid post in another currency is
 * converted at its own day's rate (a missing rate is the report's 422, as for its cost).
 */
async function budgetPacing(em: EntityManager, campaign: ICampaign, inputs: { lines: CostLine[]; parties: CostPartyRow[]; paidSpend: PaidSpendRow[] }, now: Date) {
  const foreign = [...inputs.lines.map((l) => ({ currency: l.currency, day: l.incurredOn })), ...inputs.paidSpend.map((r) => ({ currency: r.currency, day: r.publishedAt.slice(0, 10) }))].filter((amount) => amount.currency !== campaign.currency);
  const days = foreign.map((amount) => amount.day).sort();
  const rates = days.length === 0 ? [] : await loadFxRates(em.fork(), campaign.workspace.id, { currencies: [campaign.currency, ...foreign.map((amount) => amount.currency)], from: days[0]!, to: days.at(-1)! });
  const { convert } = reportCurrency({ currency: campaign.currency, converted: foreign.length > 0 }, rates);
  const shares = allocateCostLines(inputs.lines, deliverablesOf(inputs.parties)).map((share) => ({ ...share, amount: convert(share.amount, share.incurredOn) }));
  const spendOf = Map.groupBy(inputs.paidSpend, (row) => row.sourceId);
  const parties = inputs.parties.map((party) => ({
    ...party,
    paidSpendMinor: (spendOf.get(party.sourceId) ?? []).reduce((sum, row) => sum + convert(money(row.spendMinor, row.currency), row.publishedAt.slice(0, 10)).amountMinor, 0),
  }));
  return campaignPacing({ budgetMinor: campaign.budgetMinor, currency: campaign.currency, startsOn: campaign.startsOn, endsOn: campaign.endsOn, shares, parties, now });
}

/**
 * One page for an executive: the campaign's audience, brand-safety, production and commercial
 * reports (each computed by its own service, scoped to the campaign), side by side, with every
 * tiered KPI, one insight per KPI and the verdict from the tiers of every layer.
 */
export async function campaignReport(em: EntityManager, workspaceId: string, campaignId: string, filters: CampaignReportFilters, now: Date): Promise<CampaignReport> {
  const campaign = await findOwned(em, Campaign, 'campaign', campaignId, workspaceId);
  await assertFilterIdsOwned(em, workspaceId, { sourceId: filters.sourceId });
  const { lagDays, ...common } = filters;
  const query = { ...common, campaignId };
  const period = { from: filters.from ? new Date(filters.from) : undefined, to: filters.to ? new Date(filters.to) : undefined };
  // Each service on a fork of its own: they run at the same time and share no identity map.
  const [audience, commercial, pipeline, safety, breakdowns, lines, parties, paidSpend] = await Promise.all([
    audienceReport(em.fork(), workspaceId, { ...query, lagDays }, now),
    commercialReport(em.fork(), workspaceId, query, now),
    // The page still answers when the pipeline's records contradict each other; it says why.
    layerOrRefusal(productionReport(em.fork(), workspaceId, query, now)),
    brandSafetyReport(em.fork(), workspaceId, query),
    campaignBreakdowns(em.fork(), workspaceId, { campaignId, sourceId: filters.sourceId, sourceKind: filters.sourceKind, ...period }),
    // Pacing is the whole campaign's, whatever the filters: the budget is the campaign's.
    costLinesOf(em.fork(), workspaceId, [campaignId]),
    costPartiesOf(em.fork(), workspaceId, [campaignId]),
    paidSpendOf(em.fork(), workspaceId, [campaignId]),
  ]);
  const pacing = await budgetPacing(em, campaign, { lines, parties, paidSpend }, now);

  const production = pipeline.report;
  const a = audience.kpis;
  const c = commercial.kpis;
  const tieredKpis = [
    tieredKpi('engagement_rate', 'audience', a.engagement_rate),
    tieredKpi('audience_growth_rate', 'audience', a.audience_growth_rate),
    tieredKpi('brand_mentions_per_post', 'audience', a.brand_mentions_per_post),
    tieredKpi('cpv', 'commerce', c.cpv),
    tieredKpi('ctr', 'commerce', c.ctr),
    tieredKpi('cpc', 'commerce', c.cpc),
    tieredKpi('cpa', 'commerce', c.cpa),
    tieredKpi('conversion_rate', 'commerce', c.conversion_rate),
    tieredKpi('target_actions', 'commerce', c.target_actions),
    tieredKpi('roi', 'commerce', c.roi),
  ];
  const byId = Object.fromEntries(
    tieredKpis.map((kpi) => [kpi.kpiId, { value: kpi.value, tier: kpi.tier, thresholds: kpi.thresholds, tierUnavailable: kpi.tierUnavailable, ...(kpi.currency === null ? {} : { currency: kpi.currency }) }]),
  );
  const country = breakdown(breakdowns, 'country');
  const language = breakdown(breakdowns, 'language');

  return {
    campaign: {
      id: campaign.id,
      name: campaign.name,
      goal: campaign.goal,
      startsOn: campaign.startsOn,
      endsOn: campaign.endsOn,
      attributionWindowDays: campaign.attributionWindowDays,
      budget: { amountMinor: campaign.budgetMinor, currency: campaign.currency },
      targetAction: campaign.targetAction,
      trackingKeywords: campaign.trackingKeywords,
    },
    scope: { ...filters, basis: "the campaign's audience, brand-safety, production and commercial reports, each on its own basis (see those reports), narrowed by the same filters" },
    generatedAt: now.toISOString(),
    currency: commercial.currency,
    reach: { sample: audience.sample, reach: a.reach, impressions: a.impressions, views: a.views },
    engagement: {
      engagement_rate: a.engagement_rate,
      engagement_rate_by_views: a.engagement_rate_by_views,
      save_rate: a.save_rate,
      share_rate: a.share_rate,
      profile_actions: a.profile_actions,
      audience_growth_rate: a.audience_growth_rate,
      new_followers_lift: a.new_followers_lift,
      brand_mentions_per_post: a.brand_mentions_per_post,
      character_mention_rate: a.character_mention_rate,
    },
    audienceQuality: country === null && language === null ? null : { country, language },
    sentiment: {
      totals: safety.totals,
      sentiment_share: safety.kpis.sentiment_share,
      flagged_comment_rate: safety.kpis.flagged_comment_rate,
      reason: safety.kpis.reason,
      flaggedByCategory: safety.flaggedByCategory.filter((category) => category.count > 0),
      spikes: safety.spikes,
    },
    production: production && {
      currency: production.currency,
      assets_in_scope: production.kpis.assets_in_scope,
      approved_assets: production.kpis.approved_assets,
      rejected_assets: production.kpis.rejected_assets,
      approval_rate: production.kpis.approval_rate,
      first_pass_approval_rate: production.kpis.first_pass_approval_rate,
      revisions_per_approved: production.kpis.revisions_per_approved,
      brief_to_approval_hours: production.kpis.brief_to_approval_hours,
      brief_to_post_hours: production.kpis.brief_to_post_hours,
      production_cost: production.kpis.production_cost,
      cost_per_approved_asset: production.kpis.cost_per_approved_asset,
    },
    productionUnavailable: pipeline.unavailable,
    funnel: commercial.funnel,
    cost: c.cost,
    pacing,
    commerce: { inputs: commercial.inputs, cpm: c.cpm, cpr: c.cpr, sales: c.sales, revenue: c.revenue },
    tieredKpis,
    insights: reportInsights(byId),
    // The commercial report's verdict sees only layer 3; here every layer's tiers decide, so an
    // awareness or engagement campaign is judged on its engagement and brand mentions too.
    verdict: campaignVerdict({ goal: campaign.goal, kpis: byId }),
    notes: commercial.notes,
  };
}
