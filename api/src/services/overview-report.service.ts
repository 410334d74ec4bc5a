import type { EntityManager } from '@mikro-orm/postgresql';
import { DEFAULT_LAG_DAYS, DomainError, sourceKinds, type SourceKind } from '@persona-ops/domain/core';
import { ApiError } from '../http/api-error.ts';
import type { OverviewReport, OverviewReportFilters } from '../routes/reports/overview-report.schemas.ts';
import { audienceReport } from './audience-report.service.ts';
import { commercialReport } from './commercial-report.service.ts';
import { assertFilterIdsOwned } from './owned.ts';
import { productionReport } from './production-report.service.ts';
import { reportBasis, type Basis } from './report-basis.ts';

/**
 * A layer that refuses its scope (mixed currencies; an asset whose recorded times contradict each
 * other) is shown as unavailable with the refusal's message, so the other layers of the overview
 * still answer. Any other error fails the request.
 */
export async function layerOrRefusal<T>(work: Promise<T>): Promise<{ report: T | null; unavailable: string | null }> {
  try {
    return { report: await work, unavailable: null };
  } catch (error) {
    const refused = (error instanceof ApiError && error.status === 422) || (error instanceof DomainError && ['currency_mismatch', 'invalid_input'].includes(error.code));
    if (refused && error instanceof Error) return { report: null, unavailable: error.message };
    throw error;
  }
}

async function kindOverview(em: EntityManager, workspaceId: string, filters: OverviewReportFilters, sourceKind: SourceKind, now: Date, basis: Basis): Promise<OverviewReport['kinds'][number]> {
  const { live: _, ...rest } = filters;
  const query = { ...rest, sourceKind };
  const [pipeline, audience, commerce] = await Promise.all([
    layerOrRefusal(productionReport(em.fork(), workspaceId, query, now, basis)),
    audienceReport(em.fork(), workspaceId, { ...query, lagDays: DEFAULT_LAG_DAYS }, now, basis),
    layerOrRefusal(commercialReport(em.fork(), workspaceId, query, now, basis)),
  ]);
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

/**
 * The three layers side by side per source kind: the production, audience and commercial reports,
 * each asked once per kind (sourceKind set) with the same filters. Nothing is recomputed here.
 * The layers read the rollups when they can answer (see report-basis.ts); freshness says which.
 */
export async function overviewReport(em: EntityManager, workspaceId: string, filters: OverviewReportFilters, now: Date): Promise<OverviewReport> {
  await assertFilterIdsOwned(em, workspaceId, { campaignId: filters.campaignId });
  const { basis, freshness } = await reportBasis(em, workspaceId, { live: filters.live, from: filters.from ? new Date(filters.from) : undefined, to: filters.to ? new Date(filters.to) : undefined }, now);
  const kinds = await Promise.all(sourceKinds.map((kind) => kindOverview(em, workspaceId, filters, kind, now, basis)));
  return {
    freshness,
    scope: { ...filters, basis: 'per source kind, the production, audience and commercial reports with that kind and these filters, each on its own basis' },
    kinds,
  };
}
