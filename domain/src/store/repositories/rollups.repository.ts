import type { EntityManager } from '@mikro-orm/postgresql';
import { SNAPSHOT_MEASURES } from '../rollup/snapshot-measures.ts';
import { query } from './sql.ts';

// The rollups' refresh and freshness. post_rollup and snapshot_rollup hold, per (source, UTC
// publication day), pre-summed inputs of the reports; rollup_change lists the groups written to
// since the last refresh (statement triggers), rollup_state when the workspace was last refreshed.

const RAW_COUNTERS = ['views', 'reach', 'impressions', 'likes', 'comments', 'shares', 'saves', 'profile_visits', 'link_clicks', 'follows'] as const;
const RAW = new RegExp(`\\b(${RAW_COUNTERS.join('|')})\\b`, 'g');
const previous = (expr: string) => expr.replace(RAW, 'prev_$1');
const MEASURE_COLUMNS = SNAPSHOT_MEASURES.map((m) => m.column);

// A sort of every snapshot of the groups refreshed (a full rebuild: all of them) by post and time.
const REFRESH_WORK_MEM = '256MB';

export type RollupFreshness = { refreshedAt: Date | null; pendingChanges: number };
export type RefreshResult = { mode: 'rebuild' | 'incremental' | 'none'; groups: number; snapshotRows: number; postRows: number };
type Group = { source_id: string; published_on: string };

/** When the rollups were last refreshed (null: never built) and how many groups changed since. */
export async function rollupFreshness(em: EntityManager, workspaceId: string): Promise<RollupFreshness> {
  const [row] = await query<{ refreshed_at: Date | string | null; pending: number }>(
    em,
    `select (select refreshed_at from rollup_state where workspace_id = ?) as refreshed_at,
            (select count(*)::int from rollup_change where workspace_id = ?) as pending`,
    [workspaceId, workspaceId],
  );
  return { refreshedAt: row?.refreshed_at ? new Date(row.refreshed_at) : null, pendingChanges: row?.pending ?? 0 };
}

/** Workspaces with changes waiting for a refresh (the dispatcher enqueues one job for each). */
export async function workspacesWithRollupChanges(em: EntityManager): Promise<string[]> {
  const rows = await query<{ workspace_id: string }>(em, `select distinct workspace_id from rollup_change`);
  return rows.map((row) => row.workspace_id);
}

// The posts of the refreshed groups: the whole workspace, or the (source, day) groups listed.
function groupPosts(groups: Group[] | 'all'): { join: string; params: unknown[] } {
  if (groups === 'all') return { join: '', params: [] };
  return {
    join: `join (select * from jsonb_to_recordset(?::jsonb) as g(source_id uuid, published_on date)) g
             on p.source_id = g.source_id and p.published_at >= (g.published_on::timestamp at time zone 'UTC')
            and p.published_at < ((g.published_on + 1)::timestamp at time zone 'UTC')`,
    params: [JSON.stringify(groups)],
  };
}

async function recompute(tx: EntityManager, workspaceId: string, groups: Group[] | 'all', now: Date) {
  const scope = groupPosts(groups);
  for (const table of ['snapshot_rollup', 'snapshot_latest_rollup', 'post_rollup']) {
    if (groups === 'all') await query(tx, `delete from ${table} where workspace_id = ?`, [workspaceId]);
    else {
      await query(tx, `delete from ${table} r using jsonb_to_recordset(?::jsonb) as g(source_id uuid, published_on date)
                       where r.workspace_id = ? and r.source_id = g.source_id and r.published_on = g.published_on`, [JSON.stringify(groups), workspaceId]);
    }
  }
  const posts = await query<{ n: number }>(
    tx,
    `with inserted as (
       insert into post_rollup (id, created_at, updated_at, workspace_id, source_id, campaign_id, asset_id, published_on, channel, paid, currency, posts, paid_spend_minor, unlabeled_posts, first_published_at)
       select gen_random_uuid(), ?, ?, p.workspace_id, p.source_id, p.campaign_id, p.asset_id, (p.published_at at time zone 'UTC')::date, p.channel, p.placement = 'paid', p.currency,
              count(*), coalesce(sum(p.spend_minor) filter (where p.placement = 'paid'), 0), count(*) filter (where not p.ai_label_applied), min(p.published_at)
       from post p ${scope.join}
       where p.workspace_id = ?
       group by p.workspace_id, p.source_id, p.campaign_id, p.asset_id, (p.published_at at time zone 'UTC')::date, p.channel, p.placement = 'paid', p.currency
       returning 1)
     select count(*)::int as n from inserted`,
    [now, now, ...scope.params, workspaceId],
  );
  // Each snapshot adds the difference between its value and its post's previous snapshot's, so
  // the rows captured before a day D sum to the posts' values at their latest snapshot before D.
  const deltas = SNAPSHOT_MEASURES.map((m) =>
    m.telescoped ? `sum((${m.expr}) - case when has_prev then (${previous(m.expr)}) else 0 end)` : `sum(${m.expr})`,
  );
  // A few groups: each post's snapshots through the (post, captured_at) index, as a join the planner
  // may hash over every snapshot of the table; all groups: one pass over the table.
  const snapshotsOf = groups === 'all'
    ? 'metric_snapshot m join scoped sc on sc.id = m.post_id'
    : 'scoped sc cross join lateral (select * from metric_snapshot ms where ms.post_id = sc.id) m';
  const snapshots = await query<{ n: number }>(
    tx,
    `with scoped as materialized (
       select p.id, p.source_id, p.campaign_id, (p.published_at at time zone 'UTC')::date as published_on
       from post p ${scope.join} where p.workspace_id = ?
     ),
     series as (
       select sc.source_id, sc.campaign_id, sc.published_on, (m.captured_at at time zone 'UTC')::date as captured_on,
              ${RAW_COUNTERS.map((c) => `m.${c}`).join(', ')},
              (row_number() over w) > 1 as has_prev,
              ${RAW_COUNTERS.map((c) => `lag(m.${c}) over w as prev_${c}`).join(', ')}
       from ${snapshotsOf}
       window w as (partition by m.post_id order by m.captured_at)
     ),
     inserted as (
       insert into snapshot_rollup (id, created_at, updated_at, workspace_id, source_id, campaign_id, published_on, captured_on, ${MEASURE_COLUMNS.join(', ')})
       select gen_random_uuid(), ?, ?, ?, source_id, campaign_id, published_on, captured_on, ${deltas.join(', ')}
       from series group by source_id, campaign_id, published_on, captured_on
       returning 1)
     select count(*)::int as n from inserted`,
    [...scope.params, workspaceId, now, now, workspaceId],
  );
  const groupRows = groups === 'all' ? { join: '', params: [] } : {
    join: `join jsonb_to_recordset(?::jsonb) as g(source_id uuid, published_on date) on r.source_id = g.source_id and r.published_on = g.published_on`,
    params: [JSON.stringify(groups)],
  };
  await query(
    tx,
    `insert into snapshot_latest_rollup (id, created_at, updated_at, workspace_id, source_id, campaign_id, published_on, last_captured_on, ${MEASURE_COLUMNS.join(', ')})
     select gen_random_uuid(), ?, ?, r.workspace_id, r.source_id, r.campaign_id, r.published_on, max(r.captured_on), ${MEASURE_COLUMNS.map((c) => `sum(r.${c})`).join(', ')}
     from snapshot_rollup r ${groupRows.join}
     where r.workspace_id = ?
     group by r.workspace_id, r.source_id, r.campaign_id, r.published_on`,
    [now, now, ...groupRows.params, workspaceId],
  );
  return { postRows: posts[0]?.n ?? 0, snapshotRows: snapshots[0]?.n ?? 0 };
}

/**
 * Brings a workspace's rollups up to date: the whole workspace when they were never built (or
 * `rebuild`), else only the (source, day) groups marked since. One transaction, serialised per
 * workspace by an advisory lock; the marks are read first and deleted at the end only if no write
 * re-marked them meanwhile (their updated_at moved), so nothing written during a refresh is lost.
 * Readers keep the previous rollup until the commit.
 */
export async function refreshRollups(em: EntityManager, workspaceId: string, now: Date, options: { rebuild?: boolean; onlyIfNeverBuilt?: boolean } = {}): Promise<RefreshResult> {
  return em.fork().transactional(async (tx) => {
    await query(tx, `select pg_advisory_xact_lock(hashtext('rollups'), hashtext(?))`, [workspaceId]);
    await query(tx, `set local work_mem = '${REFRESH_WORK_MEM}'`);
    const [state] = await query<{ id: string }>(tx, `select id from rollup_state where workspace_id = ?`, [workspaceId]);
    if (state && options.onlyIfNeverBuilt) return { mode: 'none', groups: 0, snapshotRows: 0, postRows: 0 };
    // The stamp travels as text: a JS Date would drop its microseconds and never match again.
    const marks = await query<Group & { id: string; stamp: string }>(
      tx,
      `select id, source_id, to_char(published_on, 'YYYY-MM-DD') as published_on, updated_at::text as stamp from rollup_change where workspace_id = ?`,
      [workspaceId],
    );
    const rebuild = !state || options.rebuild === true;
    if (!rebuild && marks.length === 0) {
      await query(tx, `update rollup_state set refreshed_at = ?, updated_at = ? where workspace_id = ?`, [now, now, workspaceId]);
      return { mode: 'none', groups: 0, snapshotRows: 0, postRows: 0 };
    }
    const rows = await recompute(tx, workspaceId, rebuild ? 'all' : marks.map(({ source_id, published_on }) => ({ source_id, published_on })), now);
    if (marks.length > 0) {
      await query(
        tx,
        `delete from rollup_change c using jsonb_to_recordset(?::jsonb) as r(id uuid, stamp text) where c.id = r.id and c.updated_at = r.stamp::timestamptz`,
        [JSON.stringify(marks.map((m) => ({ id: m.id, stamp: m.stamp })))],
      );
    }
    await query(
      tx,
      `insert into rollup_state (id, created_at, updated_at, workspace_id, refreshed_at, rebuilt_at) values (gen_random_uuid(), ?, ?, ?, ?, ?)
       on conflict (workspace_id) do update set refreshed_at = excluded.refreshed_at, updated_at = excluded.updated_at${rebuild ? ', rebuilt_at = excluded.rebuilt_at' : ''}`,
      [now, now, workspaceId, now, now],
    );
    return { mode: rebuild ? 'rebuild' : 'incremental', groups: rebuild ? -1 : marks.length, ...rows };
  });
}
