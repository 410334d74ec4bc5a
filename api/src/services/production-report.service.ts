import type { EntityManager } from '@mikro-orm/postgresql';
import { Post, Workspace, assetPlacementsFromRollup, assetTransitions, productionAssets, type AssetTransitionRow, type ProductionAssetRow } from '@persona-ops/domain/store';
import { computeProductionKpis, type ProductionAsset } from '@persona-ops/domain/core';
import type { ReportQuery } from '../http/report.schemas.ts';
import { assertFilterIdsOwned } from './owned.ts';
import type { Basis } from './report-basis.ts';

export type Placement = { assetId: string; channel: string; publishedAt: Date; paid: boolean; posts: number; unlabeledPosts: number };

// Every post of the assets, or on the rollup basis one placement per asset, channel and paid-or-not
// at its first publication: all the production KPIs read of placements (first publication,
// distinct channels, any paid one), without loading each post.
export async function placementsOf(em: EntityManager, workspaceId: string, ids: string[], basis: Basis): Promise<Placement[]> {
  if (ids.length === 0) return [];
  if (basis === 'rollup') {
    return (await assetPlacementsFromRollup(em, workspaceId, ids)).map((p) => ({ assetId: p.assetId, channel: p.channel, publishedAt: p.firstPublishedAt, paid: p.paid, posts: p.posts, unlabeledPosts: p.unlabeledPosts }));
  }
  const posts = await em.find(Post, { workspace: workspaceId, asset: { $in: ids } });
  return posts.map((post) => ({ assetId: post.asset.id, channel: post.channel, publishedAt: post.publishedAt, paid: post.placement === 'paid', posts: 1, unlabeledPosts: post.aiLabelApplied ? 0 : 1 }));
}

// Scope: assets whose brief opened in the period, so a period's figures describe the work it started.
export async function productionReport(em: EntityManager, workspaceId: string, query: ReportQuery, now: Date, basis: Basis = 'live') {
  await assertFilterIdsOwned(em, workspaceId, { campaignId: query.campaignId, sourceId: query.sourceId });
  const workspace = await em.findOneOrFail(Workspace, { id: workspaceId });
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
  return productionFromInputs(query, { assets, transitions, placements, workspaceCurrency: workspace.currency }, now);
}

export type ProductionInputs = { assets: ProductionAssetRow[]; transitions: AssetTransitionRow[]; placements: Placement[]; workspaceCurrency: string };

/**
 * The production report from its inputs: the assets in scope, their transitions and placements
 * (read for one scope, or for every source kind at once by the overview and split per kind).
 */
export function productionFromInputs(query: ReportQuery, { assets, transitions, placements, workspaceCurrency }: ProductionInputs, now: Date) {
  const transitionsOf = Map.groupBy(transitions, (row) => row.assetId);
  const placementsByAsset = Map.groupBy(placements, (row) => row.assetId);
  const input: ProductionAsset[] = assets.map((asset) => ({
    id: asset.id,
    sourceId: asset.sourceId,
    briefCreatedAt: asset.briefOpenedAt,
    state: asset.state,
    generationCostMinor: asset.generationCostMinor,
    otherCostMinor: asset.otherCostMinor,
    productionHours: asset.productionHours,
    currency: asset.currency,
    hourlyRateMinor: asset.hourlyRateMinor,
    transitions: (transitionsOf.get(asset.id) ?? []).map((row) => ({ from: row.from, to: row.to, at: row.at })),
    placements: (placementsByAsset.get(asset.id) ?? []).map((p) => ({ channel: p.channel, publishedAt: p.publishedAt, paid: p.paid })),
  }));
  const currencies = new Set(input.map((asset) => asset.currency));
  const currency = currencies.size === 1 ? [...currencies][0]! : workspaceCurrency;
  const kpis = computeProductionKpis({ assets: input }, { now, ...(currencies.size <= 1 ? { currency } : {}) });

  const aiAssets = new Set(assets.filter((asset) => asset.sourceKind === 'ai_character').map((asset) => asset.id));
  const aiPlacements = placements.filter((p) => aiAssets.has(p.assetId));
  return {
    scope: { ...query, basis: 'assets whose brief opened in the period' },
    currency,
    kpis,
    aiDisclosure: { aiCharacterPosts: aiPlacements.reduce((n, p) => n + p.posts, 0), missingLabel: aiPlacements.reduce((n, p) => n + p.unlabeledPosts, 0) },
  };
}
