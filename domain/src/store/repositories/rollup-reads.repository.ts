import type { EntityManager } from '@mikro-orm/postgresql';
import { SNAPSHOT_MEASURES } from '../rollup/snapshot-measures.ts';
import { rollupPeriod, type SourceWindow } from '../read-model/scope.ts';
import { toWindowSample, type WindowSample } from './comparison.repository.ts';
import { toAudienceAggregates, type AudienceAggregates, type AudienceScope, type MentionCounts } from './metrics.repository.ts';
import { query, uuidArray } from './sql.ts';

// The reports' inputs read from the rollups instead of every post and snapshot: the same shapes,
// the same sums, for periods made of whole UTC days (the rollups' grain). Each function mirrors
// the live one it is named after; the reports compute every KPI from them exactly as from those.

const DAY_MS = 86_400_000;
const isMidnight = (date: Date) => date.getTime() % DAY_MS === 0;
const day = (date: Date) => date.toISOString().slice(0, 10);

type Filter = { campaignId?: string | undefined; campaignIds?: string[] | undefined; sourceId?: string | undefined; sourceKind?: string | undefined; from?: Date | undefined; to?: Date | undefined };

// The rollup rows (alias r) of the posts in scope; with `captured`, only snapshots captured before
// the period's end, whose sums are then the posts' values at their latest snapshot in the period.
// (A snapshot is never captured before its post's publication, so none predates the period's start.)
function rollupScope(workspaceId: string, filter: Filter, captured: boolean, source = 's'): { from: string; where: string; params: unknown[]; snapshots: string } {
  const period = rollupPeriod(filter.from, filter.to);
  if (!period) throw new Error('rollupScope: the period must be whole UTC days; use the live path');
  const where = ['r.workspace_id = ?'];
  const params: unknown[] = [workspaceId];
  const add = (condition: string, value: unknown) => {
    where.push(condition);
    params.push(value);
  };
  if (filter.campaignId) add('r.campaign_id = ?', filter.campaignId);
  if (filter.campaignIds) add('r.campaign_id = any(?::uuid[])', uuidArray(filter.campaignIds));
  if (filter.sourceId) add('r.source_id = ?', filter.sourceId);
  if (filter.sourceKind) add(`${source}.kind = ?`, filter.sourceKind);
  if (period.fromDay) add('r.published_on >= ?::date', period.fromDay);
  if (period.toDay) add('r.published_on < ?::date', period.toDay);
  if (captured && period.toDay) add('r.captured_on < ?::date', period.toDay);
  // Without an end, every snapshot counts: the pre-summed latest values serve.
  const snapshots = period.toDay ? 'snapshot_rollup' : 'snapshot_latest_rollup';
  return { from: filter.sourceKind ? `join source ${source} on ${source}.id = r.source_id` : '', where: where.join(' and '), params, snapshots };
}

const sumOf = (column: string) => `sum(${column}::float8)`;
// A sum over posts is unknown (null) when no post reported the counter.
export const sumWhenReported = (sum: string, count: string) => `case when ${count} > 0 then ${sum} end`;

/**
 * The audience report's sums over rollup groups joined to their followers (the `measured` rows):
 * one select list for the whole-scope, per-kind and per-window reads, so they cannot drift apart.
 */
export const AUDIENCE_ROLLUP_SUMS = (() => {
  const withFollowers = (column: string) => `sum(${column}) filter (where followers is not null)`;
  const plain = ['views', 'reach', 'impressions', 'profile_visits', 'link_clicks', 'follows'];
  const interactions = ['likes', 'comments', 'shares', 'saves'];
  const exposures = ['saves_reach', 'saves_impressions', 'shares_reach', 'shares_impressions'];
  return [
    'coalesce(sum(measured), 0)::int as with_snapshot',
    ...plain.map((c) => `${sumWhenReported(sumOf(`${c}_sum`), `sum(${c}_n)`)} as ${c}, coalesce(sum(${c}_n), 0)::int as ${c}_n`),
    'coalesce(sum(profile_action_posts), 0)::int as profile_action_posts',
    `coalesce(${withFollowers('f_posts')}, 0)::int as f_posts`,
    `${sumWhenReported(`${withFollowers('followers * f_posts')}::float8`, withFollowers('f_posts'))} as f_followers`,
    ...interactions.map((c) => `${sumWhenReported(`${withFollowers(`f_${c}_sum`)}::float8`, withFollowers(`f_${c}_n`))} as f_${c}`),
    'coalesce(sum(v_posts), 0)::int as v_posts',
    `${sumWhenReported(sumOf('v_views_sum'), 'sum(v_posts)')} as v_views`,
    ...interactions.map((c) => `${sumWhenReported(sumOf(`v_${c}_sum`), `sum(v_${c}_n)`)} as v_${c}`),
    ...exposures.map((e) => `coalesce(sum(${e}_n), 0)::int as ${e}_n, ${sumWhenReported(sumOf(`${e}_count`), `sum(${e}_n)`)} as ${e}_count, ${sumWhenReported(sumOf(`${e}_base`), `sum(${e}_n)`)} as ${e}_base`),
  ].join(',\n       ');
})();

/** audienceAggregates from the rollups. */
export async function audienceAggregatesFromRollup(em: EntityManager, scope: AudienceScope): Promise<AudienceAggregates> {
  const snaps = rollupScope(scope.workspaceId, scope, true);
  const posts = rollupScope(scope.workspaceId, scope, false);
  // float8 sums: exact for integers below 2^53, and far cheaper than the numeric sums of bigints.
  const measures = SNAPSHOT_MEASURES.map((m) => `sum(r.${m.column}::float8) as ${m.column}`).join(', ');
  const [row] = await query<Record<string, number | null>>(
    em,
    `with groups as materialized (
       select r.source_id, r.published_on, ${measures}
       from ${snaps.snapshots} r ${snaps.from} where ${snaps.where}
       group by r.source_id, r.published_on
     ),
     measured as (
       select g.*, f.followers::float8 as followers from groups g
       left join lateral (
         select fs.followers from follower_snapshot fs where fs.source_id = g.source_id and fs.date <= g.published_on order by fs.date desc limit 1
       ) f on true
     )
     select
       (select coalesce(sum(r.posts), 0)::int from post_rollup r ${posts.from} where ${posts.where}) as posts,
       ${AUDIENCE_ROLLUP_SUMS}
     from measured`,
    [...snaps.params, ...posts.params],
  );
  return toAudienceAggregates(row!);
}

/** The sources of the posts in scope, as SQL selecting source_id (followerGrowthBySource's scope). */
export function rollupSourcesSql(scope: AudienceScope): { sql: string; params: unknown[] } {
  const posts = rollupScope(scope.workspaceId, scope, false);
  return { sql: `select distinct r.source_id from post_rollup r ${posts.from} where ${posts.where}`, params: posts.params };
}

/** brandMentionCounts with the posts counted from the rollups (the mentions are comments: read live). */
export async function brandMentionCountsFromRollup(em: EntityManager, scope: AudienceScope): Promise<MentionCounts> {
  const posts = rollupScope(scope.workspaceId, scope, false);
  const where = ['p.workspace_id = ?'];
  const params: unknown[] = [scope.workspaceId];
  const add = (condition: string, value: unknown) => {
    where.push(condition);
    params.push(value);
  };
  if (scope.campaignId) add('p.campaign_id = ?', scope.campaignId);
  if (scope.sourceId) add('p.source_id = ?', scope.sourceId);
  if (scope.sourceKind) add('s.kind = ?', scope.sourceKind);
  if (scope.from) add('p.published_at >= ?', scope.from);
  if (scope.to) add('p.published_at < ?', scope.to);
  if (scope.from) add('cm.posted_at >= ?', scope.from);
  if (scope.to) add('cm.posted_at < ?', scope.to);
  const [row] = await query<MentionCounts>(
    em,
    `with keyed as materialized (
       select c.id, array(select lower(k) from jsonb_array_elements_text(c.tracking_keywords) k where btrim(k) <> '') as keywords
       from campaign c where c.workspace_id = ?
     ),
     tracked as materialized (select id, keywords from keyed where cardinality(keywords) > 0)
     select (select coalesce(sum(r.posts), 0)::int from post_rollup r ${posts.from} join tracked t on t.id = r.campaign_id where ${posts.where}) as posts,
            c.comments, c.mentions
     from (select count(*)::int as comments, (count(*) filter (where exists (select 1 from unnest(t.keywords) k where strpos(lower(cm.text), k) > 0)))::int as mentions
           from comment cm join post p on p.id = cm.post_id join tracked t on t.id = p.campaign_id ${scope.sourceKind ? 'join source s on s.id = p.source_id' : ''}
           where ${where.join(' and ')}) c`,
    [scope.workspaceId, ...posts.params, ...params],
  );
  return row!;
}

/** windowSamples from the rollups; null when a window is not made of whole UTC days. */
export async function windowSamplesFromRollup(em: EntityManager, workspaceId: string, windows: readonly SourceWindow[], filter: { campaignId?: string | undefined }): Promise<WindowSample[] | null> {
  if (windows.length === 0) return [];
  if (windows.some((w) => !isMidnight(w.from) || !isMidnight(w.to))) return null;
  const json = JSON.stringify(windows.map((w) => ({ source_id: w.sourceId, start_day: day(w.from), end_day: day(w.to) })));
  const campaign = filter.campaignId ? 'and r.campaign_id = ?' : '';
  const campaignParams = filter.campaignId ? [filter.campaignId] : [];
  const counters = ['likes', 'comments', 'shares', 'saves'];
  const rows = await query<Record<string, string | number | null>>(
    em,
    `with w as materialized (select * from jsonb_to_recordset(?::jsonb) as x(source_id uuid, start_day date, end_day date)),
     posts as (
       select w.source_id, sum(r.posts)::int as n from w
       join post_rollup r on r.workspace_id = ? and r.source_id = w.source_id and r.published_on >= w.start_day and r.published_on < w.end_day ${campaign}
       group by w.source_id
     ),
     snaps as (
       select w.source_id, sum(r.measured::float8)::int as measured, sum(r.snapshots::float8)::int as snapshots,
              ${counters.map((c) => `${sumWhenReported(sumOf(`r.${c}_sum`), `sum(r.${c}_n::float8)`)} as ${c}, sum(r.${c}_n::float8)::int as ${c}_n`).join(', ')}
       from w join snapshot_rollup r on r.workspace_id = ? and r.source_id = w.source_id and r.published_on >= w.start_day and r.published_on < w.end_day
         and r.captured_on < w.end_day ${campaign}
       group by w.source_id
     )
     select w.source_id, coalesce(p.n, 0) as posts, coalesce(s.measured, 0) as measured, coalesce(s.snapshots, 0) as snapshots,
            ${counters.map((c) => `s.${c}, coalesce(s.${c}_n, 0) as ${c}_n`).join(', ')}
     from w left join posts p on p.source_id = w.source_id left join snaps s on s.source_id = w.source_id`,
    [json, workspaceId, ...campaignParams, workspaceId, ...campaignParams],
  );
  return rows.map(toWindowSample);
}
