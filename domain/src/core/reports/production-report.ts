/*
 * The production report (layer 1) from its inputs: the assets whose brief opened in the period,
 * their state transitions and their placements. Every KPI is computeProductionKpis'; this file picks
 * the report's currency and counts the AI-disclosure labels.
 */
import type { AssetState } from '../asset-state.ts';
import { computeProductionKpis, type ProductionAsset } from '../production.ts';
import type { SourceKind } from '../vocabulary.ts';
import type { ReportScope } from './report-scope.ts';

/** An asset in scope with what its cost needs: the source's hourly rate, else the workspace's. */
export type ProductionAssetRecord = {
  id: string;
  sourceId: string;
  sourceKind: SourceKind;
  briefOpenedAt: Date;
  state: AssetState;
  generationCostMinor: number;
  otherCostMinor: number;
  productionHours: number;
  currency: string;
  hourlyRateMinor: number;
};
export type AssetTransitionRecord = { assetId: string; from: AssetState | null; to: AssetState; at: Date };
/**
 * Where an asset was published: one post, or on the rollup basis one row per asset, channel and
 * paid-or-not at its first publication with the posts it stands for.
 */
export type Placement = { assetId: string; channel: string; publishedAt: Date; paid: boolean; posts: number; unlabeledPosts: number };

export type ProductionReportInputs = {
  assets: readonly ProductionAssetRecord[];
  transitions: readonly AssetTransitionRecord[];
  placements: readonly Placement[];
  /** An empty scope's zero cost is in it. */
  workspaceCurrency: string;
};

export const PRODUCTION_REPORT_BASIS = 'assets whose brief opened in the period';

export function productionReportOf<Q extends ReportScope>(query: Q, { assets, transitions, placements, workspaceCurrency }: ProductionReportInputs, now: Date) {
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
  // Assets of one currency answer in it; mixed ones are refused by computeProductionKpis (no currency
  // given), and the workspace's currency names the empty scope's zero.
  const currencies = new Set(input.map((asset) => asset.currency));
  const currency = currencies.size === 1 ? [...currencies][0]! : workspaceCurrency;
  const kpis = computeProductionKpis({ assets: input }, { now, ...(currencies.size <= 1 ? { currency } : {}) });

  const aiAssets = new Set(assets.filter((asset) => asset.sourceKind === 'ai_character').map((asset) => asset.id));
  const aiPlacements = placements.filter((p) => aiAssets.has(p.assetId));
  return {
    scope: { ...query, basis: PRODUCTION_REPORT_BASIS },
    currency,
    kpis,
    aiDisclosure: { aiCharacterPosts: aiPlacements.reduce((n, p) => n + p.posts, 0), missingLabel: aiPlacements.reduce((n, p) => n + p.unlabeledPosts, 0) },
  };
}

export type ProductionReport = ReturnType<typeof productionReportOf<ReportScope>>;
