import type { EntityManager } from '@mikro-orm/postgresql';
import type { AssetState } from '../../core/asset-state.ts';
import type { AssetTransitionRecord, Placement, ProductionAssetRecord } from '../../core/reports/production-report.ts';
import { query, uuidArray } from './sql.ts';

// What the production report reads of assets, in two plain queries (no entity hydration: the
// overview asks it once per source kind).

// The row is the core's input type, defined once there.
export type ProductionAssetRow = ProductionAssetRecord;

/** The workspace's assets matching the filters whose brief opened in the period, with their source's hourly rate (else the workspace's). */
export async function productionAssets(
  em: EntityManager,
  workspaceId: string,
  filter: { campaignId?: string | undefined; sourceId?: string | undefined; sourceKind?: string | undefined; from?: Date | undefined; to?: Date | undefined },
): Promise<ProductionAssetRow[]> {
  const where = ['a.workspace_id = ?'];
  const params: unknown[] = [workspaceId];
  const add = (condition: string, value: unknown) => {
    where.push(condition);
    params.push(value);
  };
  if (filter.campaignId) add('a.campaign_id = ?', filter.campaignId);
  if (filter.sourceId) add('a.source_id = ?', filter.sourceId);
  if (filter.sourceKind) add('s.kind = ?', filter.sourceKind);
  if (filter.from) add('b.opened_at >= ?', filter.from);
  if (filter.to) add('b.opened_at < ?', filter.to);
  const rows = await query<Omit<ProductionAssetRow, 'briefOpenedAt'> & { briefOpenedAt: Date | string }>(
    em,
    `select a.id, a.source_id as "sourceId", s.kind as "sourceKind", b.opened_at as "briefOpenedAt", a.state,
            a.generation_cost_minor::float8 as "generationCostMinor", a.other_cost_minor::float8 as "otherCostMinor", a.production_hours::float8 as "productionHours",
            a.currency, coalesce(s.hourly_rate_minor, w.hourly_rate_minor)::float8 as "hourlyRateMinor"
     from asset a join brief b on b.id = a.brief_id join source s on s.id = a.source_id join workspace w on w.id = a.workspace_id
     where ${where.join(' and ')}
     order by a.id`,
    params,
  );
  return rows.map((row) => ({ ...row, briefOpenedAt: new Date(row.briefOpenedAt) }));
}

export type AssetTransitionRow = AssetTransitionRecord;

export async function assetTransitions(em: EntityManager, workspaceId: string, assetIds: readonly string[]): Promise<AssetTransitionRow[]> {
  if (assetIds.length === 0) return [];
  const rows = await query<{ asset_id: string; from_state: AssetState | null; to_state: AssetState; at: Date | string }>(
    em,
    `select asset_id, from_state, to_state, at from asset_transition where workspace_id = ? and asset_id = any(?::uuid[]) order by at, id`,
    [workspaceId, uuidArray(assetIds)],
  );
  return rows.map((row) => ({ assetId: row.asset_id, from: row.from_state, to: row.to_state, at: new Date(row.at) }));
}

/**
 * Every post of the assets as one placement of its asset (the live basis; the rollups keep one per
 * asset, channel and paid-or-not): read as rows, not hydrated posts, whatever the assets' posts number.
 */
export async function postPlacements(em: EntityManager, workspaceId: string, assetIds: readonly string[]): Promise<Placement[]> {
  if (assetIds.length === 0) return [];
  const rows = await query<{ assetId: string; channel: string; publishedAt: Date | string; paid: boolean; labelled: boolean }>(
    em,
    `select asset_id as "assetId", channel, published_at as "publishedAt", placement = 'paid' as paid, coalesce(ai_label_applied, false) as labelled
     from post where workspace_id = ? and asset_id = any(?::uuid[]) order by published_at, id`,
    [workspaceId, uuidArray(assetIds)],
  );
  return rows.map((row) => ({ assetId: row.assetId, channel: row.channel, publishedAt: new Date(row.publishedAt), paid: row.paid, posts: 1, unlabeledPosts: row.labelled ? 0 : 1 }));
}
