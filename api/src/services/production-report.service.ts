import type { EntityManager } from '@mikro-orm/postgresql';
import { assetPlacements, assetTransitions, postPlacements, productionAssets } from '@persona-ops/domain/store';
import { productionReportOf, type Placement } from '@persona-ops/domain/core';
import type { ReportQuery } from '../http/report.schemas.ts';
import type { Basis } from './report-basis.ts';
import { reportContext, type ReportContext } from './report-context.ts';

// Every post of the assets, or on the rollup basis one placement per asset, channel and paid-or-not
// at its first publication: all the production KPIs read of placements (first publication,
// distinct channels, any paid one), without loading each post.
export async function placementsOf(em: EntityManager, workspaceId: string, ids: string[], basis: Basis): Promise<Placement[]> {
  if (ids.length === 0) return [];
  if (basis === 'rollup') {
    return (await assetPlacements(em, workspaceId, ids)).map((p) => ({ assetId: p.assetId, channel: p.channel, publishedAt: p.firstPublishedAt, paid: p.paid, posts: p.posts, unlabeledPosts: p.unlabeledPosts }));
  }
  return postPlacements(em, workspaceId, ids);
}

// Scope: assets whose brief opened in the period, so a period's figures describe the work it started;
// the report is assembled by the core (productionReportOf).
export async function productionReport(em: EntityManager, workspaceId: string, query: ReportQuery, now: Date, basis: Basis = 'live', shared?: ReportContext) {
  const workspace = await (shared ?? (await reportContext(em, workspaceId, query))).workspace();
  const assets = await productionAssets(em, workspaceId, {
    campaignId: query.campaignId,
    sourceId: query.sourceId,
    sourceKind: query.sourceKind,
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
  });
  const ids = assets.map((asset) => asset.id);
  const [transitions, placements] = await Promise.all([
    assetTransitions(em, workspaceId, ids),
    placementsOf(em.fork(), workspaceId, ids, basis),
  ]);
  return productionReportOf(query, { assets, transitions, placements, workspaceCurrency: workspace.currency }, now);
}
