import { z } from 'zod';
import { sourceKinds } from '@persona-ops/domain/core';
import { formatQuery } from '../../http/report-export.ts';
import { freshnessSchema, liveQuery } from '../../http/freshness.schemas.ts';
import { reportQuery } from '../../http/report.schemas.ts';
import { audienceReportSchema } from './audience-report.schemas.ts';
import { commercialReportSchema } from './commercial-report.schemas.ts';
import { productionReportSchema } from './production-report.schemas.ts';

// The overview splits by source kind itself, so it takes every report filter but those two.
export const overviewReportFilters = reportQuery.omit({ sourceId: true, sourceKind: true }).extend(liveQuery);
export type OverviewReportFilters = z.infer<typeof overviewReportFilters>;
export const overviewReportQuery = overviewReportFilters.extend(formatQuery);

const production = productionReportSchema.shape.kpis.shape;
const audience = audienceReportSchema.shape.kpis.shape;
const commercial = commercialReportSchema.shape.kpis.shape;
const tiered = { value: true, tier: true, thresholds: true, tierUnavailable: true } as const;

export const overviewReportSchema = z
  .object({
    scope: overviewReportFilters.extend({ basis: z.string() }),
    freshness: freshnessSchema,
    kinds: z
      .array(z.object({
        sourceKind: z.enum(sourceKinds),
        production: z
          .object({
            currency: z.string(),
            assets_in_scope: production.assets_in_scope,
            approved_assets: production.approved_assets,
            approval_rate: production.approval_rate,
            cost_per_approved_asset: production.cost_per_approved_asset,
          })
          .nullable()
          .describe('Layer 1, from the production report with this source kind; null when that report refuses its scope (see productionUnavailable)'),
        productionUnavailable: z.string().nullable().describe('Why production is null: the refusal of the production report'),
        audience: z
          .object({
            posts: z.number().int().describe('Posts published in the period'),
            reach: audience.reach,
            engagement_rate: audience.engagement_rate.pick({ ...tiered, posts: true }),
            audience_growth_rate: audience.audience_growth_rate.pick({ ...tiered, followersBefore: true, followersAfter: true, sourcesWithoutData: true }),
          })
          .describe('Layer 2, from the audience report with this source kind'),
        commerce: z
          .object({
            currency: z.string(),
            posts: z.number().int(),
            cost: commercial.cost,
            cpm: commercial.cpm,
            ctr: commercial.ctr,
            cpa: commercial.cpa,
            roi: commercial.roi,
          })
          .nullable()
          .describe('Layer 3, from the commercial report with this source kind; null when that report refuses its scope, e.g. it mixes currencies (see commerceUnavailable)'),
        commerceUnavailable: z.string().nullable().describe('Why commerce is null: the refusal of the commercial report'),
      }))
      .describe('One entry per source kind: ai_character, human_creator, studio, product_ad'),
  })
  .meta({ id: 'OverviewReport' });
export type OverviewReport = z.output<typeof overviewReportSchema>;
