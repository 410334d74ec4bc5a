/*
 * The headline KPIs of the production, audience and commercial reports: the figures their pages
 * show on cards, each with how a change of it is measured (rates in percentage points, everything
 * else relative). Read off the reports as assembled, never recomputed.
 */
import type { Money } from '../money.ts';
import type { AudienceReport } from './audience-report.ts';
import type { BrandSafetyReport } from './brand-safety-report.ts';
import type { CommercialReport } from './commercial-report.ts';
import type { Headline } from './previous-period.ts';
import type { ProductionReport } from './production-report.ts';

const rate = (value: number | null): Headline => ({ figure: { value }, measure: 'points' });
const relative = (value: number | null, currency?: string | null): Headline => ({ figure: { value, currency: currency ?? null }, measure: 'relative' });
const amount = (money: Money | null | undefined): Headline => relative(money ? money.amountMinor : null, money?.currency ?? null);

export const PRODUCTION_HEADLINES = [
  'approved_assets', 'approval_rate', 'first_pass_approval_rate', 'revisions_per_approved',
  'brief_to_approval_hours', 'time_in_review_hours', 'brief_to_post_hours', 'content_velocity',
  'production_cost', 'cost_per_approved_asset', 'channel_reuse', 'paid_reuse_rate',
] as const;
export type ProductionHeadline = (typeof PRODUCTION_HEADLINES)[number];

/** Distributions compare on their median; velocity on its mean per week; costs in minor units. */
export function productionHeadlines({ kpis }: Pick<ProductionReport, 'kpis'>): Record<ProductionHeadline, Headline> {
  return {
    approved_assets: relative(kpis.approved_assets),
    approval_rate: rate(kpis.approval_rate.value),
    first_pass_approval_rate: rate(kpis.first_pass_approval_rate.value),
    revisions_per_approved: relative(kpis.revisions_per_approved.value),
    brief_to_approval_hours: relative(kpis.brief_to_approval_hours.median),
    time_in_review_hours: relative(kpis.time_in_review_hours.median),
    brief_to_post_hours: relative(kpis.brief_to_post_hours.median),
    content_velocity: relative(kpis.content_velocity.meanPerWeek),
    production_cost: amount(kpis.production_cost?.total),
    cost_per_approved_asset: amount(kpis.cost_per_approved_asset),
    channel_reuse: relative(kpis.channel_reuse.value),
    paid_reuse_rate: rate(kpis.paid_reuse_rate.value),
  };
}

// new_followers_lift is measured over the campaign's own window, not the period: no previous period.
export const AUDIENCE_HEADLINES = [
  'reach', 'impressions', 'views', 'profile_actions',
  'engagement_rate', 'engagement_rate_by_views', 'save_rate', 'share_rate',
  'audience_growth_rate', 'brand_mentions_per_post', 'character_mention_rate',
] as const;
export type AudienceHeadline = (typeof AUDIENCE_HEADLINES)[number];

export function audienceHeadlines({ kpis }: Pick<AudienceReport, 'kpis'>): Record<AudienceHeadline, Headline> {
  return {
    reach: relative(kpis.reach.value),
    impressions: relative(kpis.impressions.value),
    views: relative(kpis.views.value),
    profile_actions: relative(kpis.profile_actions.value),
    engagement_rate: rate(kpis.engagement_rate.value),
    engagement_rate_by_views: rate(kpis.engagement_rate_by_views.value),
    save_rate: rate(kpis.save_rate.value),
    share_rate: rate(kpis.share_rate.value),
    audience_growth_rate: rate(kpis.audience_growth_rate.value),
    brand_mentions_per_post: relative(kpis.brand_mentions_per_post.value),
    character_mention_rate: rate(kpis.character_mention_rate.value),
  };
}

export const COMMERCIAL_HEADLINES = [
  'cost', 'cpm', 'cpv', 'cpc', 'cpr', 'cpa', 'ctr', 'conversion_rate', 'target_actions', 'sales', 'revenue', 'roi',
] as const;
export type CommercialHeadline = (typeof COMMERCIAL_HEADLINES)[number];

/** Per-unit costs are in major units with their currency; cost and revenue in minor units. */
export function commercialHeadlines({ kpis }: Pick<CommercialReport, 'kpis'>): Record<CommercialHeadline, Headline> {
  return {
    cost: amount(kpis.cost?.total),
    cpm: relative(kpis.cpm.value, kpis.cpm.currency),
    cpv: relative(kpis.cpv.value, kpis.cpv.currency),
    cpc: relative(kpis.cpc.value, kpis.cpc.currency),
    cpr: relative(kpis.cpr.value, kpis.cpr.currency),
    cpa: relative(kpis.cpa.value, kpis.cpa.currency),
    ctr: rate(kpis.ctr.value),
    conversion_rate: rate(kpis.conversion_rate.value),
    target_actions: relative(kpis.target_actions.value),
    sales: relative(kpis.sales),
    revenue: amount(kpis.revenue),
    roi: rate(kpis.roi.value),
  };
}

// The comments waiting for classification are a queue, not a period's figure: no change.
export const BRAND_SAFETY_HEADLINES = ['sentiment_positive', 'sentiment_neutral', 'sentiment_negative', 'flagged_comment_rate', 'character_mention_rate'] as const;
export type BrandSafetyHeadline = (typeof BRAND_SAFETY_HEADLINES)[number];

/** Every brand-safety headline is a share of the classified comments: a change in percentage points. */
export function brandSafetyHeadlines({ kpis }: Pick<BrandSafetyReport, 'kpis'>): Record<BrandSafetyHeadline, Headline> {
  return {
    sentiment_positive: rate(kpis.sentiment_share?.positive ?? null),
    sentiment_neutral: rate(kpis.sentiment_share?.neutral ?? null),
    sentiment_negative: rate(kpis.sentiment_share?.negative ?? null),
    flagged_comment_rate: rate(kpis.flagged_comment_rate),
    character_mention_rate: rate(kpis.character_mention_rate),
  };
}
