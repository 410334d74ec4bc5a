import type { EntityManager } from '@mikro-orm/postgresql';
import { SNAPSHOT_MEASURES } from '../rollup/snapshot-measures.ts';
import { campaignsOverlapping, capturedIn, type CommercialScope, type ConversionDayTotals, type PostAggregates, type ScopedCampaign, type UsedAsset } from './attribution.repository.ts';
import { AUDIENCE_SUMS, audienceLatestCtes, toAudienceAggregates, type AudienceAggregates, type AudienceScope } from './metrics.repository.ts';
import { AUDIENCE_ROLLUP_SUMS, sumWhenReported, rollupPeriod } from './rollup-reads.repository.ts';
import { GROUPED_POST_AGGREGATE_COLUMNS, groupedPostAggregateCtes } from './grouped-post-aggregates.sql.ts';
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

/**
 * campaignsInScope per source kind: per kind, the campaigns in scope some source of that kind works
 * on. Ordered as campaignsInScope.
 */
export async function campaignsByKind(em: EntityManager, workspaceId: string, scope: CommercialScope): Promise<Map<string, ScopedCampaign[]>> {
  const { where, params } = campaignsOverlapping(workspaceId, scope);
  const rows = await query<ScopedCampaign & { kinds: string[] }>(
    em,
    `select c.id, c.name, c.goal, c.currency, to_char(c.starts_on, 'YYYY-MM-DD') as "startsOn", to_char(c.ends_on, 'YYYY-MM-DD') as "endsOn",
            c.attribution_window_days as "attributionWindowDays", m.kinds
     from campaign c join (
       select i.campaign_id, array_agg(distinct s.kind::text) as kinds
       from (select campaign_id, source_id from brief where workspace_id = ?
             union select campaign_id, source_id from tracking_link where workspace_id = ?
             union select campaign_id, source_id from offer_code where workspace_id = ?) i
       join source s on s.id = i.source_id
       group by i.campaign_id
     ) m on m.campaign_id = c.id
     where ${where.join(' and ')}
     order by c.starts_on, c.id`,
    [workspaceId, workspaceId, workspaceId, ...params],
  );
  const byKind = new Map<string, ScopedCampaign[]>();
  for (const { kinds, ...campaign } of rows) {
    for (const kind of kinds) {
      const list = byKind.get(kind) ?? [];
      list.push(campaign);
      byKind.set(kind, list);
    }
  }
  return byKind;
}

const kindsJson = (campaignsOf: ReadonlyMap<string, readonly string[]>) =>
  JSON.stringify([...campaignsOf.entries()].map(([kind, ids]) => ({ kind, campaign_ids: ids })));
// One row per kind and campaign, so rows join on (kind, campaign) by hash (an `= any(array)` test
// per rollup row compares with every campaign id of the kind).
const K = `k as materialized (select x.kind, c.id as campaign_id from jsonb_to_recordset(?::jsonb) as x(kind text, campaign_ids uuid[]) cross join unnest(x.campaign_ids) as c(id)),
     kinds as (select distinct kind from k)`;

/** postAggregatesFromRollup per source kind, over the campaigns given per kind. */
export async function postAggregatesByKindFromRollup(em: EntityManager, workspaceId: string, campaignsOf: ReadonlyMap<string, readonly string[]>, scope: CommercialScope): Promise<Map<string, PostAggregates>> {
  if (campaignsOf.size === 0) return new Map();
  const posts = scopeOf(workspaceId, scope, false);
  const snaps = scopeOf(workspaceId, scope, true);
  const rows = await query<PostAggregates & { kind: string }>(
    em,
    `with ${K},
     p as materialized (
       select k.kind, r.posts, r.paid, r.currency
       from post_rollup r join source s on s.id = r.source_id join k on k.kind = s.kind::text and k.campaign_id = r.campaign_id
       where ${posts.where}
     ),
     pa as (
       select kind, coalesce(sum(posts), 0)::int as posts, coalesce(sum(posts) filter (where paid), 0)::int as paid_posts,
              coalesce(array_agg(distinct currency order by currency), '{}') as currencies
       from p group by kind
     ),
     m as (
       select k.kind, sum(r.measured::float8) as measured, sum(r.impressions_sum::float8) as impressions, sum(r.impressions_n::float8) as impressions_n,
              sum(r.views_sum::float8) as views, sum(r.views_n::float8) as views_n
       from ${snaps.snapshots} r join source s on s.id = r.source_id join k on k.kind = s.kind::text and k.campaign_id = r.campaign_id
       where ${snaps.where}
       group by k.kind
     )
     select k.kind,
       coalesce(pa.posts, 0)::int as posts,
       coalesce(pa.paid_posts, 0)::int as "paidPosts",
       coalesce(m.measured, 0)::int as "measuredPosts",
       ${sumWhenReported('m.impressions::float8', 'coalesce(m.impressions_n, 0)')} as impressions,
       coalesce(m.impressions_n, 0)::int as "postsWithImpressions",
       ${sumWhenReported('m.views::float8', 'coalesce(m.views_n, 0)')} as views,
       coalesce(m.views_n, 0)::int as "postsWithViews",
       coalesce(pa.currencies, '{}') as currencies
     from kinds k left join pa on pa.kind = k.kind left join m on m.kind = k.kind`,
    [kindsJson(campaignsOf), ...posts.params, ...snaps.params],
  );
  return new Map(rows.map(({ kind, ...aggregates }) => [kind, aggregates]));
}

/** aiCharacterAssetsUsedFromRollup per source kind (of the posts' sources), over the campaigns given per kind. */
export async function aiCharacterAssetsByKindFromRollup(em: EntityManager, workspaceId: string, campaignsOf: ReadonlyMap<string, readonly string[]>, scope: CommercialScope): Promise<Map<string, UsedAsset[]>> {
  if (campaignsOf.size === 0) return new Map();
  const posts = scopeOf(workspaceId, scope, false);
  const rows = await query<Omit<UsedAsset, 'createdAt'> & { createdAt: string | Date; kind: string }>(
    em,
    `with ${K},
     used as (
       select distinct k.kind, r.asset_id
       from post_rollup r join source rs on rs.id = r.source_id join k on k.kind = rs.kind::text and k.campaign_id = r.campaign_id
       where ${posts.where}
     )
     select u.kind, a.id, a.state, a.currency, a.generation_cost_minor::float8 as "generationCostMinor", a.other_cost_minor::float8 as "otherCostMinor",
            a.production_hours::float8 as "productionHours", coalesce(s.hourly_rate_minor, w.hourly_rate_minor)::float8 as "hourlyRateMinor", a.created_at as "createdAt"
     from used u join asset a on a.id = u.asset_id join source s on s.id = a.source_id join workspace w on w.id = a.workspace_id
     where a.workspace_id = ? and s.kind = 'ai_character'`,
    [kindsJson(campaignsOf), ...posts.params, workspaceId],
  );
  const grouped = Map.groupBy(rows, (row) => row.kind);
  return new Map([...campaignsOf.keys()].map((kind) => [kind, (grouped.get(kind) ?? []).map(({ kind: _, ...row }) => ({ ...row, createdAt: new Date(row.createdAt) }))]));
}

/** conversionDayTotals per source kind, over the campaigns given per kind. */
export async function conversionDayTotalsByKind(em: EntityManager, workspaceId: string, campaignsOf: ReadonlyMap<string, readonly string[]>, scope: CommercialScope): Promise<Map<string, ConversionDayTotals[]>> {
  if (campaignsOf.size === 0) return new Map();
  const where = ['cc.workspace_id = ?'];
  const params: unknown[] = [workspaceId];
  if (scope.from) {
    where.push(`(cc.day::timestamp at time zone 'UTC') >= ?`);
    params.push(scope.from);
  }
  if (scope.to) {
    where.push(`(cc.day::timestamp at time zone 'UTC') < ?`);
    params.push(scope.to);
  }
  const rows = await query<ConversionDayTotals & { kind: string }>(
    em,
    `with ${K}
     select k.kind, coalesce(l.campaign_id, o.campaign_id) as "campaignId", to_char(cc.day, 'YYYY-MM-DD') as day, cc.currency,
            sum(cc.clicks)::float8 as clicks, sum(cc.sessions)::float8 as sessions, sum(cc.registrations)::float8 as registrations,
            sum(cc.target_actions)::float8 as "targetActions", sum(cc.sales)::float8 as sales, sum(cc.revenue_minor)::float8 as "revenueMinor"
     from conversion_count cc
       left join tracking_link l on l.id = cc.link_id
       left join offer_code o on o.id = cc.code_id
       join source s on s.id = coalesce(l.source_id, o.source_id)
       join k on k.kind = s.kind::text and k.campaign_id = coalesce(l.campaign_id, o.campaign_id)
     where ${where.join(' and ')}
     group by 1, 2, 3, 4
     order by 1, 2, 3`,
    [kindsJson(campaignsOf), ...params],
  );
  const grouped = Map.groupBy(rows, (row) => row.kind);
  return new Map([...campaignsOf.keys()].map((kind) => [kind, (grouped.get(kind) ?? []).map(({ kind: _, ...row }) => row)]));
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

/** postAggregates per source kind, over the campaigns given per kind. */
export async function postAggregatesByKind(em: EntityManager, workspaceId: string, campaignsOf: ReadonlyMap<string, readonly string[]>, scope: CommercialScope): Promise<Map<string, PostAggregates>> {
  if (campaignsOf.size === 0) return new Map();
  const posts = livePosts(workspaceId, scope, true);
  const captured = capturedIn(scope);
  const rows = await query<PostAggregates & { kind: string }>(
    em,
    `with ${K},
     scoped as materialized (${posts.sql}),
     latest as materialized (
       select distinct on (m.post_id) sp.kind, m.post_id, m.impressions, m.views
       from metric_snapshot m join scoped sp on sp.id = m.post_id
       ${captured.sql ? `${captured.sql} and` : 'where'} m.workspace_id = ?
       order by m.post_id, m.captured_at desc, m.id desc
     ),
     ${groupedPostAggregateCtes('kind')}
     select k.kind,
       ${GROUPED_POST_AGGREGATE_COLUMNS}
     from kinds k left join pa on pa.kind = k.kind left join la on la.kind = k.kind`,
    [kindsJson(campaignsOf), ...posts.params, ...captured.params, workspaceId],
  );
  return new Map(rows.map(({ kind, ...aggregates }) => [kind, aggregates]));
}

/** aiCharacterAssetsUsed per source kind (of the posts' sources), over the campaigns given per kind. */
export async function aiCharacterAssetsByKind(em: EntityManager, workspaceId: string, campaignsOf: ReadonlyMap<string, readonly string[]>, scope: CommercialScope): Promise<Map<string, UsedAsset[]>> {
  if (campaignsOf.size === 0) return new Map();
  const posts = livePosts(workspaceId, scope, true);
  const rows = await query<Omit<UsedAsset, 'createdAt'> & { createdAt: string | Date; kind: string }>(
    em,
    `with ${K},
     used as (select distinct sp.kind, sp.asset_id from (${posts.sql}) sp)
     select u.kind, a.id, a.state, a.currency, a.generation_cost_minor::float8 as "generationCostMinor", a.other_cost_minor::float8 as "otherCostMinor",
            a.production_hours::float8 as "productionHours", coalesce(s.hourly_rate_minor, w.hourly_rate_minor)::float8 as "hourlyRateMinor", a.created_at as "createdAt"
     from used u join asset a on a.id = u.asset_id join source s on s.id = a.source_id join workspace w on w.id = a.workspace_id
     where a.workspace_id = ? and s.kind = 'ai_character'`,
    [kindsJson(campaignsOf), ...posts.params, workspaceId],
  );
  const grouped = Map.groupBy(rows, (row) => row.kind);
  return new Map([...campaignsOf.keys()].map((kind) => [kind, (grouped.get(kind) ?? []).map(({ kind: _, ...row }) => ({ ...row, createdAt: new Date(row.createdAt) }))]));
}
