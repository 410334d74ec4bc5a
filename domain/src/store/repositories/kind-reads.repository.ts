import type { EntityManager } from '@mikro-orm/postgresql';
import { SNAPSHOT_MEASURES } from '../rollup/snapshot-measures.ts';
import { capturedIn } from './attribution.repository.ts';
import { AUDIENCE_SUMS, audienceLatestCtes, toAudienceAggregates, type AudienceAggregates, type AudienceScope } from './metrics.repository.ts';
import { AUDIENCE_ROLLUP_SUMS } from './rollup-reads.repository.ts';
import { rollupPeriod } from '../read-model/scope.ts';
import { query } from './sql.ts';

// The inputs of the audience and commercial reports for EVERY source kind at once (the overview),
// over one scope: one statement per input grouped by the kind of the source, instead of one report
// per kind. Per kind, each returns exactly what its namesake returns with { sourceKind } added to
// the scope; the reports compute every KPI from them with the same code. The *FromRollup reads take
// periods of whole UTC days only; the others read live tables.

type Filter = { campaignId?: string | undefined; from?: Date | undefined; to?: Date | undefined };

// The rollup rows (alias r, source s) in scope, every kind; as rollupScope with the source joined.
function scopeOf(workspaceId: string, filter: Filter, captured: boolean) {
  const period = rollupPeriod(filter.from, filter.to);
  if (!period) throw new Error('kind reads: the period must be whole UTC days; use the live path');
  const where = ['r.workspace_id = ?'];
  const params: unknown[] = [workspaceId];
  const add = (condition: string, value: unknown) => {
    where.push(condition);
    params.push(value);
  };
  if (filter.campaignId) add('r.campaign_id = ?', filter.campaignId);
  if (period.fromDay) add('r.published_on >= ?::date', period.fromDay);
  if (period.toDay) add('r.published_on < ?::date', period.toDay);
  if (captured && period.toDay) add('r.captured_on < ?::date', period.toDay);
  return { where: where.join(' and '), params, snapshots: period.toDay ? 'snapshot_rollup' : 'snapshot_latest_rollup' };
}


/** audienceAggregatesFromRollup per source kind (every kind of `kinds` answered). */
export async function audienceAggregatesByKindFromRollup(em: EntityManager, scope: AudienceScope, kinds: readonly string[]): Promise<Map<string, AudienceAggregates>> {
  const snaps = scopeOf(scope.workspaceId, scope, true);
  const posts = scopeOf(scope.workspaceId, scope, false);
  const measures = SNAPSHOT_MEASURES.map((m) => `sum(r.${m.column}::float8) as ${m.column}`).join(', ');
  const rows = await query<Record<string, number | null>>(
    em,
    `with groups as materialized (
       select s.kind as kind, r.source_id, r.published_on, ${measures}
       from ${snaps.snapshots} r join source s on s.id = r.source_id where ${snaps.where}
       group by s.kind, r.source_id, r.published_on
     ),
     measured as (
       select g.*, f.followers::float8 as followers from groups g
       left join lateral (
         select fs.followers from follower_snapshot fs where fs.source_id = g.source_id and fs.date <= g.published_on order by fs.date desc limit 1
       ) f on true
     ),
     posts as (select s.kind, coalesce(sum(r.posts), 0)::int as posts from post_rollup r join source s on s.id = r.source_id where ${posts.where} group by s.kind),
     sums as (
       select kind as sums_kind,
         ${AUDIENCE_ROLLUP_SUMS}
       from measured group by kind
     )
     select k.kind, coalesce(p.posts, 0) as posts, s.* from unnest(?::text[]) as k(kind)
     left join posts p on p.kind = k.kind left join sums s on s.sums_kind = k.kind`,
    [...snaps.params, ...posts.params, `{${kinds.join(',')}}`],
  );
  return new Map(rows.map((row) => [String(row['kind']), toAudienceAggregates(row)]));
}

/** The sources of the posts in scope (every kind) from the rollups, as SQL selecting source_id. */
export function rollupSourcesAnyKindSql(scope: AudienceScope): { sql: string; params: unknown[] } {
  const posts = scopeOf(scope.workspaceId, scope, false);
  return { sql: `select distinct r.source_id from post_rollup r where ${posts.where}`, params: posts.params };
}

/** The kind of each of the workspace's sources. */
export async function sourceKindsOf(em: EntityManager, workspaceId: string): Promise<Map<string, string>> {
  const rows = await query<{ id: string; kind: string }>(em, 'select id, kind from source where workspace_id = ?', [workspaceId]);
  return new Map(rows.map((row) => [row.id, row.kind]));
}

// The live reads (every post and snapshot), for `?live=true` and periods that cut a UTC day.

// The posts in scope of every kind (p, with s its source), published in the period; `k` when the
// posts must belong to the campaigns given per kind.
function livePosts(workspaceId: string, filter: Filter, campaigns: boolean): { sql: string; params: unknown[] } {
  const where = ['p.workspace_id = ?'];
  const params: unknown[] = [workspaceId];
  const add = (condition: string, value: unknown) => {
    where.push(condition);
    params.push(value);
  };
  if (filter.campaignId) add('p.campaign_id = ?', filter.campaignId);
  if (filter.from) add('p.published_at >= ?', filter.from);
  if (filter.to) add('p.published_at < ?', filter.to);
  return {
    sql: `select p.id, p.source_id, p.campaign_id, p.asset_id, p.placement, p.spend_minor, p.currency, s.kind::text as kind, (p.published_at at time zone 'UTC')::date as day
          from post p join source s on s.id = p.source_id ${campaigns ? 'join k on k.kind = s.kind::text and k.campaign_id = p.campaign_id' : ''}
          where ${where.join(' and ')}`,
    params,
  };
}

/** audienceAggregates per source kind (every kind of `kinds` answered). */
export async function audienceAggregatesByKind(em: EntityManager, scope: AudienceScope, kinds: readonly string[]): Promise<Map<string, AudienceAggregates>> {
  const posts = livePosts(scope.workspaceId, scope, false);
  const captured = capturedIn(scope);
  const rows = await query<Record<string, number | null>>(
    em,
    `with scoped as materialized (${posts.sql}),
${audienceLatestCtes(captured.sql)},
     sums as (select s.kind::text as sums_kind,
${AUDIENCE_SUMS}
       from measured join source s on s.id = measured.source_id group by s.kind),
     counted as (select kind, count(*)::int as posts from scoped group by kind)
     select k.kind, coalesce(c.posts, 0) as posts, s.* from unnest(?::text[]) as k(kind)
     left join counted c on c.kind = k.kind left join sums s on s.sums_kind = k.kind`,
    [...posts.params, ...captured.params, `{${kinds.join(',')}}`],
  );
  return new Map(rows.map((row) => [String(row['kind']), toAudienceAggregates(row)]));
}
