import { z } from 'zod';
import { TIERED_KPI_IDS, TIERS, Verdict, campaignGoals } from '@persona-ops/domain/core';
import { dateSchema, idSchema } from '../../http/common.schemas.ts';
import { printableFormatQuery } from '../../http/report-export.ts';
import { moneySchema, reportQuery } from '../../http/report.schemas.ts';
import { audienceReportQuery, audienceReportSchema } from './audience-report.schemas.ts';
import { brandSafetyReportSchema } from './brand-safety-report.schemas.ts';
import { commercialReportSchema } from './commercial-report.schemas.ts';
import { productionReportSchema } from './production-report.schemas.ts';

// The campaign is the path's; the other report filters narrow it (some sources, a period).
const pacedMoney = moneySchema;
const pacingSchema = z
  .object({
    budget: moneySchema.nullable().describe('The plan; null when none was set. Never used as cost'),
    committed: pacedMoney.describe('Cost lines (committed or spent) + paid spend of the paid posts'),
    spent: pacedMoney.describe('Cost lines marked spent + paid spend of the paid posts'),
    committedOfBudget: z.number().nullable().describe('committed / budget × 100'),
    spentOfBudget: z.number().nullable().describe('spent / budget × 100'),
    periodElapsed: z.number().describe("Share of the campaign's days elapsed, 0–100"),
    sources: z.array(z.object({ sourceId: idSchema, sourceName: z.string(), committed: pacedMoney, spent: pacedMoney })).describe('Each source that works on the campaign: its own lines, its parts of shared ones and its paid spend'),
  })
  .meta({ id: 'CampaignPacing' })
  .describe('Budget, committed and spent side by side for the whole campaign (filters do not apply: the budget is the campaign\'s). The production cost of the brand\'s own assets is part of the cost, not paced against the budget.');

export const campaignReportFilters = reportQuery.omit({ campaignId: true }).extend({ lagDays: audienceReportQuery.shape.lagDays });
export type CampaignReportFilters = z.infer<typeof campaignReportFilters>;
export const campaignReportQuery = campaignReportFilters.extend(printableFormatQuery);

const count = z.number().int();
const audience = audienceReportSchema.shape.kpis.shape;
const commercial = commercialReportSchema.shape;
const production = productionReportSchema.shape.kpis.shape;
const safety = brandSafetyReportSchema.shape;

export const tieredKpiSchema = z
  .object({
    kpiId: z.enum(TIERED_KPI_IDS),
    layer: z.enum(['audience', 'commerce']),
    value: z.number().nullable().describe('null: not enough data; money KPIs in major units of currency'),
    tier: z.enum(TIERS).nullable(),
    currency: z.string().nullable().describe('The currency of a money KPI (and of ROI\'s revenue and cost); null otherwise'),
    thresholds: z.object({
      source: z.enum(['default', 'workspace']),
      direction: z.enum(['higher_is_better', 'lower_is_better']),
      average: z.number(),
      strong: z.number(),
      exceptional: z.number(),
      currency: z.string().nullable(),
    }),
    tierUnavailable: z.string().nullable().describe('Why tier is null although value is not'),
  })
  .meta({ id: 'TieredKpi' });

const breakdownSchema = z.object({
  basis: z.enum(['posts', 'sources']).describe("posts: the campaign posts' own breakdowns; sources: their accounts' breakdowns, used when no post has one"),
  subjects: count.describe('Posts (or sources) with a breakdown, each at its latest day'),
  inScope: count.describe('Posts (or sources) in scope'),
  shares: z
    .array(z.object({ key: z.string(), share: z.number().nullable().describe('Percent') }))
    .describe('Mean share over the subjects (a subject without the key counts 0), largest first'),
});

export const campaignReportSchema = z
  .object({
    campaign: z.object({
      id: idSchema,
      name: z.string(),
      goal: z.enum(campaignGoals),
      startsOn: dateSchema,
      endsOn: dateSchema,
      attributionWindowDays: count,
      budget: moneySchema,
      targetAction: z.string(),
      trackingKeywords: z.array(z.string()),
    }),
    scope: campaignReportFilters.extend({ basis: z.string() }),
    generatedAt: z.iso.datetime(),
    currency: z.string().describe('Every amount of the commercial layer is in this currency'),
    reach: z
      .object({ sample: audienceReportSchema.shape.sample, reach: audience.reach, impressions: audience.impressions, views: audience.views })
      .describe('From the audience report of the campaign'),
    engagement: z
      .object({
        engagement_rate: audience.engagement_rate,
        engagement_rate_by_views: audience.engagement_rate_by_views,
        save_rate: audience.save_rate,
        share_rate: audience.share_rate,
        profile_actions: audience.profile_actions,
        audience_growth_rate: audience.audience_growth_rate,
        new_followers_lift: audience.new_followers_lift,
        brand_mentions_per_post: audience.brand_mentions_per_post,
        character_mention_rate: audience.character_mention_rate,
      })
      .describe('From the audience report of the campaign'),
    audienceQuality: z
      .object({ country: breakdownSchema.nullable(), language: breakdownSchema.nullable() })
      .nullable()
      .describe("Who the audience is, by country and language, from the audience breakdowns of the campaign's posts (else of their sources); null when neither is known"),
    sentiment: z
      .object({
        totals: safety.totals,
        sentiment_share: safety.kpis.shape.sentiment_share,
        flagged_comment_rate: safety.kpis.shape.flagged_comment_rate,
        reason: safety.kpis.shape.reason,
        flaggedByCategory: safety.flaggedByCategory.describe('The categories flagged at least once, most frequent first'),
        spikes: safety.spikes,
      })
      .describe('From the brand-safety report of the campaign'),
    production: z
      .object({
        currency: z.string(),
        assets_in_scope: production.assets_in_scope,
        approved_assets: production.approved_assets,
        rejected_assets: production.rejected_assets,
        approval_rate: production.approval_rate,
        first_pass_approval_rate: production.first_pass_approval_rate,
        revisions_per_approved: production.revisions_per_approved,
        brief_to_approval_hours: production.brief_to_approval_hours,
        brief_to_post_hours: production.brief_to_post_hours,
        production_cost: production.production_cost,
        cost_per_approved_asset: production.cost_per_approved_asset,
      })
      .nullable()
      .describe("From the production report of the campaign (assets whose brief opened in the period); null when that report refuses the data (see productionUnavailable)"),
    productionUnavailable: z.string().nullable().describe('Why production is null, e.g. an asset published before its brief opened'),
    funnel: commercial.funnel,
    cost: commercial.kpis.shape.cost,
    pacing: pacingSchema,
    commerce: z
      .object({
        inputs: commercial.inputs,
        cpm: commercial.kpis.shape.cpm,
        cpr: commercial.kpis.shape.cpr,
        sales: commercial.kpis.shape.sales,
        revenue: commercial.kpis.shape.revenue,
      })
      .describe('From the commercial report of the campaign; its tiered KPIs are in tieredKpis'),
    tieredKpis: z.array(tieredKpiSchema).describe('Every KPI with benchmark tiers, audience then commerce'),
    insights: commercial.insights.describe('One sentence per tiered KPI: what it means and what to try next'),
    verdict: z
      .object({
        verdict: z.enum(Verdict),
        rule: z.string().describe('The documented rule that fired (domain verdict.ts)'),
        reason: z.string(),
        decisive: z.array(z.enum(TIERED_KPI_IDS)),
      })
      .describe('scale, learn & repeat, fix the creative, fix the funnel, or stop, from the tiers of every layer'),
    notes: z.array(z.string()),
  })
  .meta({ id: 'CampaignReport' });
export type CampaignReport = z.output<typeof campaignReportSchema>;
