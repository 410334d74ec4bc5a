import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import type { UsedAsset } from '../../core/reports/commercial-report.ts';
import { readDb } from './read-db.ts';
import { answer, groupKey, joinsGroups, postsInScope, readWithGroups, rollupInScope, type Answer, type Grouping, type Read } from './scope.ts';

// The assets behind a scope's posts: the AI-character assets they used (with what their
// production cost needs), and where each asset was placed (the production report).

/**
 * The assets of AI-character sources used by the posts in scope (each once per group, however many
 * times it was placed), with the source's hourly rate, else the workspace's. Live or from the rollups.
 */
export async function aiCharacterAssetsUsed<G extends Grouping>(em: EntityManager, read: Read & { grouping: G }): Promise<Answer<G, UsedAsset[]>> {
  const grouped = joinsGroups(read);
  const rows = await readWithGroups(em, read)
    .with('used', (q) =>
      read.basis === 'live'
        ? q.selectFrom('post as p')
            .innerJoin('source as s', 's.id', 'p.source_id')
            .$if(grouped, (qb) => qb.innerJoin('g', (join) => join.onTrue()))
            .where(postsInScope(read))
            .select([groupKey(read).as('key'), 'p.asset_id'])
            .distinct()
        : q.selectFrom('post_rollup as r')
            .innerJoin('source as s', 's.id', 'r.source_id')
            .$if(grouped, (qb) => qb.innerJoin('g', (join) => join.onTrue()))
            .where(rollupInScope(read, false))
            .select([groupKey(read).as('key'), 'r.asset_id'])
            .distinct())
    .selectFrom('used as u')
    .innerJoin('asset as a', 'a.id', 'u.asset_id')
    .innerJoin('source as s', 's.id', 'a.source_id')
    .innerJoin('workspace as w', 'w.id', 'a.workspace_id')
    .where('a.workspace_id', '=', read.scope.workspaceId)
    .where('s.kind', '=', 'ai_character')
    .select([
      'u.key', 'a.id', 'a.state', 'a.currency', 'a.created_at',
      sql<number>`a.generation_cost_minor::float8`.as('generationCostMinor'),
      sql<number>`a.other_cost_minor::float8`.as('otherCostMinor'),
      sql<number>`a.production_hours::float8`.as('productionHours'),
      sql<number>`coalesce(s.hourly_rate_minor, w.hourly_rate_minor)::float8`.as('hourlyRateMinor'),
    ])
    .orderBy('u.key').orderBy('a.id')
    .execute();
  const byGroup = Map.groupBy(rows, (row) => row.key);
  const assets = new Map([...byGroup].map(([key, list]) => [key, list.map(({ key: _, created_at, ...asset }) => ({ ...asset, createdAt: new Date(created_at) }))]));
  return answer(read.grouping, assets, () => []);
}

export type AssetPlacementSummary = { assetId: string; channel: string; paid: boolean; firstPublishedAt: Date; posts: number; unlabeledPosts: number };

/**
 * The placements of the assets, one per asset, channel and paid-or-not with its first publication,
 * from the rollups: all the production KPIs read of placements (first publication, distinct
 * channels, any paid one).
 */
export async function assetPlacements(em: EntityManager, workspaceId: string, assetIds: readonly string[]): Promise<AssetPlacementSummary[]> {
  if (assetIds.length === 0) return [];
  const rows = await readDb(em)
    .selectFrom('post_rollup')
    .where('workspace_id', '=', workspaceId)
    .where(sql<boolean>`asset_id = any(${`{${assetIds.join(',')}}`}::uuid[])`)
    .groupBy(['asset_id', 'channel', 'paid'])
    .select(['asset_id', 'channel', 'paid', sql<Date>`min(first_published_at)`.as('first'), sql<number>`sum(posts)::int`.as('posts'), sql<number>`sum(unlabeled_posts)::int`.as('unlabeled')])
    .execute();
  return rows.map((row) => ({ assetId: row.asset_id, channel: row.channel, paid: row.paid, firstPublishedAt: new Date(row.first), posts: row.posts, unlabeledPosts: row.unlabeled }));
}
