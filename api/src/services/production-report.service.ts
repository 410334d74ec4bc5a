import type { EntityManager } from '@mikro-orm/postgresql';
import { Asset, AssetTransition, Post, Workspace } from '@persona-ops/domain/store';
import { computeProductionKpis, type ProductionAsset } from '@persona-ops/domain/core';
import type { ReportQuery } from '../http/report.schemas.ts';
import { assertFilterIdsOwned } from './owned.ts';

// Scope: assets whose brief opened in the period, so a period's figures describe the work it started.
export async function productionReport(em: EntityManager, workspaceId: string, query: ReportQuery, now: Date) {
  await assertFilterIdsOwned(em, workspaceId, { campaignId: query.campaignId, sourceId: query.sourceId });
  const workspace = await em.findOneOrFail(Workspace, { id: workspaceId });
  const assets = await em.find(Asset, {
    workspace: workspaceId,
    ...(query.campaignId ? { campaign: query.campaignId } : {}),
    ...(query.sourceId ? { source: query.sourceId } : {}),
    ...(query.sourceKind ? { source: { kind: query.sourceKind } } : {}),
    ...(query.from || query.to
      ? { brief: { openedAt: { ...(query.from ? { $gte: new Date(query.from) } : {}), ...(query.to ? { $lt: new Date(query.to) } : {}) } } }
      : {}),
  }, { populate: ['brief', 'source'] });
  const ids = assets.map((asset) => asset.id);
  const [transitions, posts] = ids.length === 0
    ? [[], []]
    : await Promise.all([
        em.find(AssetTransition, { workspace: workspaceId, asset: { $in: ids } }),
        em.find(Post, { workspace: workspaceId, asset: { $in: ids } }),
      ]);

  const byAsset = <T extends { asset: { id: string } }>(rows: T[]) => Map.groupBy(rows, (row) => row.asset.id);
  const transitionsOf = byAsset(transitions);
  const postsOf = byAsset(posts);
  const input: ProductionAsset[] = assets.map((asset) => ({
    id: asset.id,
    sourceId: asset.source.id,
    briefCreatedAt: asset.brief.openedAt,
    state: asset.state,
    generationCostMinor: asset.generationCostMinor,
    otherCostMinor: asset.otherCostMinor,
    productionHours: Number(asset.productionHours),
    currency: asset.currency,
    hourlyRateMinor: asset.source.hourlyRateMinor ?? workspace.hourlyRateMinor,
    transitions: (transitionsOf.get(asset.id) ?? []).map((row) => ({ from: row.fromState ?? null, to: row.toState, at: row.at })),
    placements: (postsOf.get(asset.id) ?? []).map((post) => ({ channel: post.channel, publishedAt: post.publishedAt, paid: post.placement === 'paid' })),
  }));
  const currencies = new Set(input.map((asset) => asset.currency));
  const currency = currencies.size === 1 ? [...currencies][0]! : workspace.currency;
  const kpis = computeProductionKpis({ assets: input }, { now, ...(currencies.size <= 1 ? { currency } : {}) });

  const aiAssets = new Set(assets.filter((asset) => asset.source.kind === 'ai_character').map((asset) => asset.id));
  const aiPosts = posts.filter((post) => aiAssets.has(post.asset.id));
  return {
    scope: { ...query, basis: 'assets whose brief opened in the period' },
    currency,
    kpis,
    aiDisclosure: { aiCharacterPosts: aiPosts.length, missingLabel: aiPosts.filter((post) => !post.aiLabelApplied).length },
  };
}
