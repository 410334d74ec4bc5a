import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type Expression, type QueryCreator, type RawBuilder, type SqlBool } from 'kysely';
import { isoDayOf } from '../../core/utc-day.ts';
import { readDb, type ReadDb } from './read-db.ts';

// The three parameters every read of the read model takes besides its measure: the SCOPE (which
// posts, and what hangs off them, a report is about), the GROUPING (one answer, one per source
// kind, or one per source over the source's own window) and the BASIS (every post and snapshot,
// or the rollups pre-summed per source, campaign and UTC day). The filters of a scope are built
// here once, for posts and for rollup rows, as conditions on the scope's values (one answer, per
// kind) or on the group rows `g` (per window, and the campaigns of each group).

export type Basis = 'live' | 'rollup';

/** The workspace's posts matching these filters, published in [from, to). */
export type ReadScope = {
  workspaceId: string;
  campaignId?: string | undefined;
  /** Only these campaigns (the commercial report's campaigns in scope). */
  campaignIds?: readonly string[] | undefined;
  sourceId?: string | undefined;
  sourceKind?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
};

export type SourceWindow = { sourceId: string; from: Date; to: Date };

/**
 * none: one answer for the scope. kind: one per source kind (every kind of `kinds` answered).
 * window: one per source over its own window, instead of the scope's period (the comparison).
 * `campaignsOf` (per kind, per source) narrows each group to its own campaigns.
 */
export type Grouping =
  | { by: 'none' }
  | { by: 'kind'; kinds: readonly string[]; campaignsOf?: ReadonlyMap<string, readonly string[]> | undefined }
  | { by: 'window'; windows: readonly SourceWindow[]; campaignsOf?: ReadonlyMap<string, readonly string[]> | undefined };

/** A read's parameters. */
export type Read = { scope: ReadScope; grouping: Grouping; basis: Basis };

/** One answer for `none`, one per group (every group answered) otherwise. */
export type Answer<G extends Grouping, T> = G extends { by: 'none' } ? T : Map<string, T>;

/** The key of the single group of `none`. */
const ONE = '';

/** Rows keyed by group into the answer the grouping promises: a group without rows gets `empty(key)`. */
export function answer<G extends Grouping, T>(grouping: G, rows: ReadonlyMap<string, T>, empty: (key: string) => T): Answer<G, T> {
  if (grouping.by === 'none') return (rows.get(ONE) ?? empty(ONE)) as Answer<G, T>;
  const keys = grouping.by === 'kind' ? grouping.kinds : grouping.windows.map((w) => w.sourceId);
  return new Map(keys.map((key) => [key, rows.get(key) ?? empty(key)])) as Answer<G, T>;
}

const DAY_MS = 86_400_000;
const isMidnight = (date: Date) => date.getTime() % DAY_MS === 0;

/** A period the rollups can answer: whole UTC days (or open ends). Null when a bound falls inside a day. */
export function rollupPeriod(from: Date | undefined, to: Date | undefined): { fromDay: string | undefined; toDay: string | undefined } | null {
  if ((from && !isMidnight(from)) || (to && !isMidnight(to))) return null;
  return { fromDay: from ? isoDayOf(from) : undefined, toDay: to ? isoDayOf(to) : undefined };
}

/** Whether the rollups can answer this read: every period of whole UTC days. */
export function rollupCanAnswer(scope: ReadScope, grouping: Grouping): boolean {
  if (grouping.by === 'window') return grouping.windows.every((w) => isMidnight(w.from) && isMidnight(w.to));
  return rollupPeriod(scope.from, scope.to) !== null;
}

/** The columns of the group rows `g`. */
type GroupRow = { key: string; source_id: string | null; kind: string | null; campaign_id: string | null; start_at: Date | null; end_at: Date | null; start_day: string | null; end_day: string | null };

/**
 * The group rows as a relation (`g`), or null when the scope's values are the bounds (none, and
 * per kind without campaigns: the key is then the source's kind). One row per group and campaign
 * of the group, so rows join on (source or kind, campaign) by hash.
 */
export function groupRows({ grouping }: Pick<Read, 'grouping'>): RawBuilder<GroupRow> | null {
  let rows: GroupRow[];
  const none = { source_id: null, kind: null, campaign_id: null, start_at: null, end_at: null, start_day: null, end_day: null };
  if (grouping.by === 'none') return null;
  if (grouping.by === 'kind') {
    if (!grouping.campaignsOf) return null;
    rows = [...grouping.campaignsOf].flatMap(([kind, ids]) => ids.map((id) => ({ ...none, key: kind, kind, campaign_id: id })));
  } else {
    const campaignsOf = grouping.campaignsOf;
    rows = grouping.windows.flatMap((w): GroupRow[] => {
      const bounds: GroupRow = { ...none, key: w.sourceId, source_id: w.sourceId, start_at: w.from, end_at: w.to, start_day: isoDayOf(w.from), end_day: isoDayOf(w.to) };
      return campaignsOf ? (campaignsOf.get(w.sourceId) ?? []).map((id) => ({ ...bounds, campaign_id: id })) : [bounds];
    });
  }
  // A raw relation as a CTE's body wants its own parentheses.
  return sql<GroupRow>`(select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
    as x(key text, source_id uuid, kind text, campaign_id uuid, start_at timestamptz, end_at timestamptz, start_day date, end_day date))`;
}

/** Whether a read joins the group rows `g` (see groupRows). */
export const joinsGroups = (read: Pick<Read, 'grouping'>) => read.grouping.by === 'window' || (read.grouping.by === 'kind' && Boolean(read.grouping.campaignsOf));

/** The typed query builder with the read's group rows as `g` (none when it joins none: never evaluated then). */
export function readWithGroups(em: EntityManager, read: Pick<Read, 'grouping'>) {
  const rows = groupRows(read) ?? sql<GroupRow>`(select ''::text as key, null::uuid as source_id, null::text as kind, null::uuid as campaign_id,
    null::timestamptz as start_at, null::timestamptz as end_at, null::date as start_day, null::date as end_day where false)`;
  return readDb(em).with((cte) => cte('g').materialized(), () => rows);
}

/** The group key of a row whose post (or rollup row) is `row` and source `source`. */
export function groupKey({ grouping }: Pick<Read, 'grouping'>, source = 's'): RawBuilder<string> {
  if (grouping.by === 'none') return sql<string>`${ONE}::text`;
  if (grouping.by === 'kind' && !grouping.campaignsOf) return sql<string>`${sql.ref(`${source}.kind`)}::text`;
  return sql<string>`g.key`;
}

/** The window's bounds of a grouped row (start_at, end_at), null without windows. */
export const windowBounds = ({ grouping }: Pick<Read, 'grouping'>) =>
  grouping.by === 'window'
    ? { start: sql<Date>`g.start_at`, end: sql<Date>`g.end_at` }
    : { start: sql<Date | null>`null::timestamptz`, end: sql<Date | null>`null::timestamptz` };

/** Whether the conditions need the source joined (as `s`, or the alias given). */
export const needsSource = ({ scope, grouping }: Pick<Read, 'scope' | 'grouping'>) => Boolean(scope.sourceKind) || grouping.by === 'kind';

export const all = (conditions: ReadonlyArray<Expression<SqlBool>>): RawBuilder<SqlBool> =>
  conditions.length === 0 ? sql<SqlBool>`true` : sql<SqlBool>`${sql.join(conditions, sql` and `)}`;
const column = (alias: string, name: string) => sql.ref(`${alias}.${name}`);

/**
 * The campaign, source and kind conditions of a read, on a row with those columns (and its source
 * as `source`, for the kind).
 */
export function ownedBy({ scope, grouping }: Pick<Read, 'scope' | 'grouping'>, sourceColumn: RawBuilder<unknown>, campaignColumn: RawBuilder<unknown>, source = 's') {
  const conditions: Array<RawBuilder<SqlBool>> = [];
  if (scope.campaignId) conditions.push(sql`${campaignColumn} = ${scope.campaignId}`);
  if (scope.campaignIds) conditions.push(sql`${campaignColumn} = any(${`{${scope.campaignIds.join(',')}}`}::uuid[])`);
  if (scope.sourceId) conditions.push(sql`${sourceColumn} = ${scope.sourceId}`);
  if (scope.sourceKind) conditions.push(sql`${column(source, 'kind')} = ${scope.sourceKind}`);
  if (grouping.by === 'window') conditions.push(sql`${sourceColumn} = g.source_id`);
  if (grouping.by === 'kind' && grouping.campaignsOf) conditions.push(sql`${column(source, 'kind')}::text = g.kind`);
  if (grouping.by !== 'none' && grouping.campaignsOf) conditions.push(sql`${campaignColumn} = g.campaign_id`);
  return conditions;
}

/**
 * A time column in the read's period: [from, to) of the scope, or of each group's window (the
 * columns start_at and end_at of `windowOf`: the group rows, or a relation that carries them).
 */
export function inPeriod({ scope, grouping }: Pick<Read, 'scope' | 'grouping'>, at: RawBuilder<unknown>, windowOf = 'g'): RawBuilder<SqlBool> {
  if (grouping.by === 'window') return sql<SqlBool>`${at} >= ${column(windowOf, 'start_at')} and ${at} < ${column(windowOf, 'end_at')}`;
  const conditions: Array<RawBuilder<SqlBool>> = [];
  if (scope.from) conditions.push(sql`${at} >= ${scope.from}`);
  if (scope.to) conditions.push(sql`${at} < ${scope.to}`);
  return all(conditions);
}

/** The posts (alias `p`, source `s`) of a read: in the workspace, matching its filters, published in its period. */
export function postsInScope(read: Pick<Read, 'scope' | 'grouping'>, post = 'p', source = 's'): RawBuilder<SqlBool> {
  return all([
    sql`${column(post, 'workspace_id')} = ${read.scope.workspaceId}`,
    ...ownedBy(read, column(post, 'source_id'), column(post, 'campaign_id'), source),
    inPeriod(read, column(post, 'published_at')),
  ]);
}

/**
 * The first step of every live read of posts (a CTE's body): the read's posts (alias `p`, source
 * `s`) with their group key, id and window bounds (`key`, `id`, `start_at`, `end_at`). A read adds
 * the other columns it needs with `.select`.
 */
export function scopedPosts(q: QueryCreator<ReadDb & { g: GroupRow }>, read: Pick<Read, 'scope' | 'grouping'>) {
  return q.selectFrom('post as p')
    .innerJoin('source as s', 's.id', 'p.source_id')
    .$if(joinsGroups(read), (qb) => qb.innerJoin('g', (join) => join.onTrue()))
    .where(postsInScope(read))
    .select([groupKey(read).as('key'), 'p.id', windowBounds(read).start.as('start_at'), windowBounds(read).end.as('end_at')]);
}

/** The posts of each group on the rollup basis (`key`, `posts`): the rollup counterpart of scopedPosts. */
export function rollupPostCounts(q: QueryCreator<ReadDb & { g: GroupRow }>, read: Pick<Read, 'scope' | 'grouping'>) {
  return q.selectFrom('post_rollup as r')
    .innerJoin('source as s', 's.id', 'r.source_id')
    .$if(joinsGroups(read), (qb) => qb.innerJoin('g', (join) => join.onTrue()))
    .where(rollupInScope(read, false))
    .groupBy(sql`1`)
    .select([groupKey(read).as('key'), sql<number>`coalesce(sum(r.posts), 0)::int`.as('posts')]);
}

/**
 * The rollup table of snapshots to read, as `r`: without an end, every snapshot counts, and the
 * pre-summed latest values serve. Both tables have the same columns (one type serves).
 */
export function snapshotRollupOf({ scope, grouping }: Pick<Read, 'scope' | 'grouping'>) {
  return (grouping.by === 'window' || scope.to ? 'snapshot_rollup as r' : 'snapshot_latest_rollup as r') as 'snapshot_rollup as r';
}

/**
 * The rollup rows (alias `r`, source `s`) of a read's posts; with `captured`, only snapshots captured
 * before the period's end, whose sums are then the posts' values at their latest snapshot in the
 * period. (A snapshot is never captured before its post's publication, so none predates the start.)
 */
export function rollupInScope(read: Pick<Read, 'scope' | 'grouping'>, captured: boolean, row = 'r', source = 's'): RawBuilder<SqlBool> {
  const { scope, grouping } = read;
  const conditions = [sql<SqlBool>`${column(row, 'workspace_id')} = ${scope.workspaceId}`, ...ownedBy(read, column(row, 'source_id'), column(row, 'campaign_id'), source)];
  const published = column(row, 'published_on');
  if (grouping.by === 'window') {
    conditions.push(sql`${published} >= g.start_day and ${published} < g.end_day`);
    if (captured) conditions.push(sql`${column(row, 'captured_on')} < g.end_day`);
    return all(conditions);
  }
  const period = rollupPeriod(scope.from, scope.to);
  if (!period) throw new Error('rollup reads: the period must be whole UTC days; use the live basis');
  if (period.fromDay) conditions.push(sql`${published} >= ${period.fromDay}::date`);
  if (period.toDay) conditions.push(sql`${published} < ${period.toDay}::date`);
  if (captured && period.toDay) conditions.push(sql`${column(row, 'captured_on')} < ${period.toDay}::date`);
  return all(conditions);
}

/** A sum over posts is unknown (null) when no post reported the counter. */
export const sumWhenReported = (sum: RawBuilder<unknown> | string, count: RawBuilder<unknown> | string) =>
  sql<number | null>`case when ${typeof count === 'string' ? sql.raw(count) : count} > 0 then ${typeof sum === 'string' ? sql.raw(sum) : sum} end`;
