import type { CampaignGoal } from '../vocabulary.ts';
import type { campaignPacing } from '../campaign-cost.ts';
import { reportInsights } from '../insights.ts';
import { ratio } from '../ratio.ts';
import type { RatedKpi, ResolvedThresholds, TieredKpiId } from '../tiers.ts';
import { campaignVerdict } from '../verdict.ts';
import type { AudienceReport } from './audience-report.ts';
import type { BrandSafetyReport } from './brand-safety-report.ts';
import type { CommercialReport } from './commercial-report.ts';
import type { ProductionReport } from './production-report.ts';
import type { ReportLayer } from './report-layer.ts';

// One page for an executive: the campaign's audience, brand-safety, production and commercial
// reports (each assembled by its own core function, scoped to the campaign) side by side, every
// tiered KPI with one insight, and the verdict from the tiers of every layer.

export type CampaignRecord = {
  id: string;
  name: string;
  goal: CampaignGoal;
  startsOn: string;
  endsOn: string;
  attributionWindowDays: number;
  budgetMinor: number;
  currency: string;
  targetAction: string;
  trackingKeywords: string[];
};

/** Where the audience is, on one dimension: the posts' own breakdowns or, without any, the accounts'. */
export type BreakdownShares = {
  dimension: 'country' | 'language';
  /** posts: the posts' own breakdowns; sources: the accounts' breakdowns (used when no post has one). */
  basis: 'posts' | 'sources';
  /** Posts (or sources) with a breakdown on this dimension, each at its latest day. */
  subjects: number;
  /** Posts (or sources) in scope. */
  inScope: number;
  /** Per key, the sum of the subjects' shares (percent); a subject without the key adds 0. */
  keys: Array<{ key: string; shareSum: number }>;
};

export type CampaignReportInputs = {
  campaign: CampaignRecord;
  audience: AudienceReport;
  commercial: CommercialReport;
  /** The production layer, or why it cannot be shown (the page still answers). */
  pipeline: ReportLayer<ProductionReport>;
  safety: BrandSafetyReport;
  breakdowns: readonly BreakdownShares[];
  pacing: ReturnType<typeof campaignPacing>;
};

type Tiered = Pick<RatedKpi, 'value' | 'tier' | 'tierUnavailable'> & { thresholds: Omit<ResolvedThresholds, 'kpiId'>; currency?: string };

function tieredKpi(kpiId: TieredKpiId, layer: 'audience' | 'commerce', kpi: Tiered) {
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

/** The mean share of each key over the subjects that have a breakdown; null without any. */
function breakdown(rows: readonly BreakdownShares[], dimension: BreakdownShares['dimension']) {
  const found = rows.find((row) => row.dimension === dimension);
  if (!found) return null;
  return {
    basis: found.basis,
    subjects: found.subjects,
    inScope: found.inScope,
    shares: found.keys.map((key) => ({ key: key.key, share: ratio(key.shareSum, found.subjects) })),
  };
}

export const CAMPAIGN_REPORT_BASIS = "the campaign's audience, brand-safety, production and commercial reports, each on its own basis (see those reports), narrowed by the same filters";

export function campaignReportOf<F extends object>(filters: F, { campaign, audience, commercial, pipeline, safety, breakdowns, pacing }: CampaignReportInputs, now: Date) {
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
    scope: { ...filters, basis: CAMPAIGN_REPORT_BASIS },
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

export type CampaignReport = ReturnType<typeof campaignReportOf<object>>;
