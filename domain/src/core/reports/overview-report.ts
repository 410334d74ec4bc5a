/*
 * The three layers side by side per source kind: the figures of the production, audience and
 * commercial reports asked once per kind (sourceKind set) with the same filters. A layer whose scope
 * is refused says why (ReportLayer), and the others still answer.
 */
import type { SourceKind } from '../vocabulary.ts';
import type { AudienceReport } from './audience-report.ts';
import type { CommercialReport } from './commercial-report.ts';
import type { ProductionReport } from './production-report.ts';
import type { ReportLayer } from './report-layer.ts';
import type { ReportScope } from './report-scope.ts';

/** The overview's filters: every report filter but the source ones (it splits by kind itself), and live. */
export type OverviewFilters = Omit<ReportScope, 'sourceId' | 'sourceKind'> & { live: boolean };

export type KindLayers = { sourceKind: SourceKind; pipeline: ReportLayer<ProductionReport>; audience: AudienceReport; commerce: ReportLayer<CommercialReport> };

function kindFigures({ sourceKind, pipeline, audience, commerce }: KindLayers) {
  const production = pipeline.report;
  const commercial = commerce.report;
  return {
    sourceKind,
    production: production === null
      ? null
      : {
          currency: production.currency,
          assets_in_scope: production.kpis.assets_in_scope,
          approved_assets: production.kpis.approved_assets,
          approval_rate: production.kpis.approval_rate,
          cost_per_approved_asset: production.kpis.cost_per_approved_asset,
        },
    productionUnavailable: pipeline.unavailable,
    audience: {
      posts: audience.sample.posts,
      reach: audience.kpis.reach,
      engagement_rate: audience.kpis.engagement_rate,
      audience_growth_rate: audience.kpis.audience_growth_rate,
    },
    commerce: commercial === null
      ? null
      : {
          currency: commercial.currency,
          posts: commercial.inputs.posts,
          cost: commercial.kpis.cost,
          cpm: commercial.kpis.cpm,
          ctr: commercial.kpis.ctr,
          cpa: commercial.kpis.cpa,
          roi: commercial.kpis.roi,
        },
    commerceUnavailable: commerce.unavailable,
  };
}

export function overviewReportOf<F extends OverviewFilters>(filters: F, kinds: readonly KindLayers[]) {
  return {
    scope: { ...filters, basis: 'per source kind, the production, audience and commercial reports with that kind and these filters, each on its own basis' },
    kinds: kinds.map(kindFigures),
  };
}
