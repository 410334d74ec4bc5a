import type { EntityManager } from '@mikro-orm/postgresql';
import { query, uuidArray } from './sql.ts';

// Metric and follower snapshots, audience breakdowns: the writes, bulk upserts (one statement
// each, the rows travel as one jsonb parameter or one array per column). What the reports read of
// them is the read model's (read-model/audience.reads.ts).

export const METRIC_COUNTERS = [
  'views',
  'reach',
  'impressions',
  'likes',
  'comments',
  'shares',
  'saves',
  'profileVisits',
  'linkClicks',
  'follows',
  'watchTimeSeconds',
  'returningViewers',
] as const;
export type MetricCounter = (typeof METRIC_COUNTERS)[number];

const column = (counter: MetricCounter) => counter.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
const COLUMNS = METRIC_COUNTERS.map(column);

/** One snapshot as stored: every counter the platform did not report is null (unknown, never 0). */
export type IncomingMetricSnapshot = { postId: string; capturedAt: string } & Record<MetricCounter, number | null>;
export type UpsertCounts = { inserted: number; updated: number; unchanged: number };

function upsertCounts(total: number, rows: Array<{ inserted: boolean }>): UpsertCounts {
  const inserted = rows.filter((row) => row.inserted).length;
  return { inserted, updated: rows.length - inserted, unchanged: total - rows.length };
}

/** The posts among `postIds` that belong to the workspace, with their publication time. One query. */
export async function publishedAtOfPosts(em: EntityManager, workspaceId: string, postIds: readonly string[]): Promise<Map<string, Date>> {
  if (postIds.length === 0) return new Map();
  const rows = await query<{ id: string; published_at: Date }>(em, `select id, published_at from post where workspace_id = ? and id = any(?::uuid[])`, [workspaceId, uuidArray(postIds)]);
  return new Map(rows.map((row) => [row.id, new Date(row.published_at)]));
}

/** The sources among `sourceIds` that belong to the workspace. One query. */
export async function ownedSourceIds(em: EntityManager, workspaceId: string, sourceIds: readonly string[]): Promise<Set<string>> {
  if (sourceIds.length === 0) return new Set();
  const rows = await query<{ id: string }>(em, `select id from source where workspace_id = ? and id = any(?::uuid[])`, [workspaceId, uuidArray(sourceIds)]);
  return new Set(rows.map((row) => row.id));
}

/**
 * Upserts snapshots on (post, captured_at) in ONE statement. A row identical to the stored one is
 * not written (the WHERE of DO UPDATE), so it comes back neither inserted nor updated: unchanged.
 * `xmax = 0` tells a fresh insert from an update. The caller has checked ownership and that no
 * (post, captured_at) repeats in the batch (PostgreSQL refuses to update one row twice). Rows go
 * in key order, so concurrent batches that overlap lock their rows in the same order (no deadlock).
 */
export async function upsertMetricSnapshots(em: EntityManager, workspaceId: string, snapshots: readonly IncomingMetricSnapshot[], now: Date): Promise<UpsertCounts> {
  if (snapshots.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const payload = snapshots.map((s) => {
    const row: Record<string, unknown> = { post_id: s.postId, captured_at: s.capturedAt };
    METRIC_COUNTERS.forEach((counter, index) => {
      row[COLUMNS[index]!] = s[counter];
    });
    return row;
  });
  const rows = await query<{ inserted: boolean }>(
    em,
    `insert into metric_snapshot (id, created_at, updated_at, workspace_id, post_id, captured_at, ${COLUMNS.join(', ')})
     select gen_random_uuid(), ?, ?, ?, r.post_id, r.captured_at, ${COLUMNS.map((c) => `r.${c}`).join(', ')}
     from jsonb_to_recordset(?::jsonb) as r(post_id uuid, captured_at timestamptz, ${COLUMNS.map((c) => `${c} bigint`).join(', ')})
     order by r.post_id, r.captured_at
     on conflict (post_id, captured_at) do update set ${COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')}, updated_at = excluded.updated_at
     where (${COLUMNS.map((c) => `metric_snapshot.${c}`).join(', ')}) is distinct from (${COLUMNS.map((c) => `excluded.${c}`).join(', ')})
     returning (xmax = 0) as inserted`,
    [now, now, workspaceId, JSON.stringify(payload)],
  );
  return upsertCounts(snapshots.length, rows);
}

/** A row of a batch refused by upsertOwnedMetricSnapshots: its post is not the workspace's (publishedAt null) or was published after the capture. */
export type RefusedSnapshot = { index: number; publishedAt: Date | null };

// PostgreSQL array literals of one column of the batch (ids and ISO times need no quoting).
const arrayOf = (values: ReadonlyArray<string | number | null>) => `{${values.map((value) => (value === null ? 'NULL' : value)).join(',')}}`;

/**
 * The bulk ingestion's one statement: checks that every post is the workspace's and published
 * before its snapshot's capture, and only if all are, upserts the batch on (post, captured_at),
 * as upsertMetricSnapshots does. One round trip; the rows travel as one array per column (unnest),
 * cheaper to build and to parse than JSON, and the counts come back as one row, not one per row.
 * The caller has checked the rest (no repeated key, no capture in the future).
 */
export async function upsertOwnedMetricSnapshots(
  em: EntityManager,
  workspaceId: string,
  snapshots: readonly IncomingMetricSnapshot[],
  now: Date,
): Promise<{ counts: UpsertCounts; refused: RefusedSnapshot[] }> {
  if (snapshots.length === 0) return { counts: { inserted: 0, updated: 0, unchanged: 0 }, refused: [] };
  const columns = [
    arrayOf(snapshots.map((s) => s.postId)),
    arrayOf(snapshots.map((s) => s.capturedAt)),
    ...METRIC_COUNTERS.map((counter) => arrayOf(snapshots.map((s) => s[counter]))),
  ];
  const [row] = await query<{ inserted: number; written: number; refused: Array<{ index: number; published_at: string | null }> }>(
    em,
    `with r as materialized (
       select * from unnest(?::uuid[], ?::timestamptz[], ${COLUMNS.map(() => '?::bigint[]').join(', ')})
         with ordinality as r(post_id, captured_at, ${COLUMNS.join(', ')}, ord)
     ),
     refused as materialized (
       select r.ord, p.published_at from r left join post p on p.id = r.post_id and p.workspace_id = ?
       where p.id is null or r.captured_at < p.published_at
     ),
     written as (
       insert into metric_snapshot (id, created_at, updated_at, workspace_id, post_id, captured_at, ${COLUMNS.join(', ')})
       select gen_random_uuid(), ?, ?, ?, r.post_id, r.captured_at, ${COLUMNS.map((c) => `r.${c}`).join(', ')}
       from r where not exists (select 1 from refused)
       order by r.post_id, r.captured_at
       on conflict (post_id, captured_at) do update set ${COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')}, updated_at = excluded.updated_at
       where (${COLUMNS.map((c) => `metric_snapshot.${c}`).join(', ')}) is distinct from (${COLUMNS.map((c) => `excluded.${c}`).join(', ')})
       returning (xmax = 0) as inserted
     )
     select (select count(*) filter (where inserted) from written)::int as inserted,
            (select count(*) from written)::int as written,
            (select coalesce(json_agg(json_build_object('index', ord - 1, 'published_at', published_at) order by ord), '[]'::json) from refused) as refused`,
    [...columns, workspaceId, now, now, workspaceId],
  );
  const refused = row!.refused.map((r) => ({ index: r.index, publishedAt: r.published_at === null ? null : new Date(r.published_at) }));
  if (refused.length > 0) return { counts: { inserted: 0, updated: 0, unchanged: 0 }, refused };
  return { counts: { inserted: row!.inserted, updated: row!.written - row!.inserted, unchanged: snapshots.length - row!.written }, refused };
}

export type IncomingFollowerSnapshot = { sourceId: string; date: string; followers: number };

/** Upserts follower counts on (source, date) in one statement; same counting as metric snapshots. */
export async function upsertFollowerSnapshots(em: EntityManager, workspaceId: string, snapshots: readonly IncomingFollowerSnapshot[], now: Date): Promise<UpsertCounts> {
  if (snapshots.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const rows = await query<{ inserted: boolean }>(
    em,
    `insert into follower_snapshot (id, created_at, updated_at, workspace_id, source_id, date, followers)
     select gen_random_uuid(), ?, ?, ?, r.source_id, r.date, r.followers
     from jsonb_to_recordset(?::jsonb) as r(source_id uuid, date date, followers bigint)
     order by r.source_id, r.date
     on conflict (source_id, date) do update set followers = excluded.followers, updated_at = excluded.updated_at
     where follower_snapshot.followers is distinct from excluded.followers
     returning (xmax = 0) as inserted`,
    [now, now, workspaceId, JSON.stringify(snapshots.map((s) => ({ source_id: s.sourceId, date: s.date, followers: s.followers })))],
  );
  return upsertCounts(snapshots.length, rows);
}

export type IncomingAudienceBreakdown = { postId: string | null; sourceId: string | null; dimension: 'country' | 'language'; key: string; share: number; capturedOn: string };

/**
 * Stores breakdowns. The rows of one subject (post or source), dimension and day form one
 * breakdown, and a breakdown sent again REPLACES the stored one: keys it no longer lists are
 * removed, so the shares of a day never add up past 100 through an old key. One transaction.
 */
export async function replaceAudienceBreakdowns(em: EntityManager, workspaceId: string, breakdowns: readonly IncomingAudienceBreakdown[], now: Date): Promise<UpsertCounts & { removed: number }> {
  if (breakdowns.length === 0) return { inserted: 0, updated: 0, unchanged: 0, removed: 0 };
  const json = JSON.stringify(breakdowns.map((b) => ({ post_id: b.postId, source_id: b.sourceId, dimension: b.dimension, key: b.key, share: b.share, captured_on: b.capturedOn })));
  const recordset = `jsonb_to_recordset(?::jsonb) as r(post_id uuid, source_id uuid, dimension text, key text, share double precision, captured_on date)`;
  return em.transactional(async (tx) => {
    const removed = await query<{ id: string }>(
      tx,
      `with incoming as (select * from ${recordset}),
       groups as (select distinct post_id, source_id, dimension, captured_on from incoming)
       delete from audience_breakdown a using groups g
       where a.workspace_id = ? and a.dimension = g.dimension and a.captured_on = g.captured_on
         and ((g.post_id is not null and a.post_id = g.post_id) or (g.source_id is not null and a.source_id = g.source_id))
         and not exists (
           select 1 from incoming i
           where i.dimension = a.dimension and i.captured_on = a.captured_on and i.key = a.key
             and (i.post_id = a.post_id or i.source_id = a.source_id))
       returning a.id`,
      [json, workspaceId],
    );
    const upsert = (subject: 'post_id' | 'source_id') =>
      query<{ inserted: boolean }>(
        tx,
        `insert into audience_breakdown (id, created_at, updated_at, workspace_id, post_id, source_id, dimension, key, share, captured_on)
         select gen_random_uuid(), ?, ?, ?, r.post_id, r.source_id, r.dimension, r.key, r.share, r.captured_on
         from ${recordset}
         where r.${subject} is not null
         order by r.${subject}, r.dimension, r.key, r.captured_on
         on conflict (${subject}, dimension, key, captured_on) do update set share = excluded.share, updated_at = excluded.updated_at
         where audience_breakdown.share is distinct from excluded.share
         returning (xmax = 0) as inserted`,
        [now, now, workspaceId, json],
      );
    const written = [...(await upsert('post_id')), ...(await upsert('source_id'))];
    return { ...upsertCounts(breakdowns.length, written), removed: removed.length };
  });
}
