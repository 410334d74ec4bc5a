import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type RawBuilder } from 'kysely';
import type { AudienceSums, ExposureSums, SourceGrowth } from '../../core/reports/audience-report.ts';
import { SNAPSHOT_MEASURES } from '../rollup/snapshot-measures.ts';
import { readDb } from './read-db.ts';
import { answer, groupKey, inPeriod, joinsGroups, postsInScope, readWithGroups, rollupInScope, rollupPostCounts, scopedPosts, snapshotRollupOf, type Answer, type Grouping, type Read } from './scope.ts';

// The audience a scope's posts reached: each post at its LATEST snapshot captured in the period,
// joined to its source's follower count on the post's UTC publication day, summed; and the
// follower counts of its sources.
//
// The sums are sql fragments generated from one list of column names (the same names on both
// bases): about forty aggregates with FILTER clauses, which Kysely's builder would spell out one
// call chain each without checking more than the fragments do (the columns are the rollups').

const ANY_INTERACTION = '(likes is not null or comments is not null or shares is not null or saves is not null)';
const BY_FOLLOWERS = `${ANY_INTERACTION} and followers is not null`;
const BY_VIEWS = `${ANY_INTERACTION} and views is not null`;
const COUNTERS = ['views', 'reach', 'impressions', 'profile_visits', 'link_clicks', 'follows'];
const INTERACTIONS = ['likes', 'comments', 'shares', 'saves'];
const EXPOSURES = [['saves', 'reach'], ['saves', 'impressions'], ['shares', 'reach'], ['shares', 'impressions']] as const;

// A column of sums: its name and its aggregate over `measured`.
type SumColumn = readonly [name: string, aggregate: string];
const asSelections = (columns: readonly SumColumn[]) => columns.map(([name, aggregate]) => sql.raw<number | null>(aggregate).as(name));

// Over `measured`, one row per post at its latest snapshot with its source's followers.
const LIVE_SUMS: SumColumn[] = [
  ['with_snapshot', 'count(*)::int'],
  ...COUNTERS.flatMap((c): SumColumn[] => [[c, `sum(${c})::float8`], [`${c}_n`, `count(${c})::int`]]),
  ['profile_action_posts', 'count(*) filter (where profile_visits is not null or link_clicks is not null or follows is not null)::int'],
  ['f_posts', `count(*) filter (where ${BY_FOLLOWERS})::int`],
  ['f_followers', `sum(followers) filter (where ${BY_FOLLOWERS})::float8`],
  ...INTERACTIONS.map((c): SumColumn => [`f_${c}`, `sum(${c}) filter (where ${BY_FOLLOWERS})::float8`]),
  ['v_posts', `count(*) filter (where ${BY_VIEWS})::int`],
  ['v_views', `sum(views) filter (where ${BY_VIEWS})::float8`],
  ...INTERACTIONS.map((c): SumColumn => [`v_${c}`, `sum(${c}) filter (where ${BY_VIEWS})::float8`]),
  ...EXPOSURES.flatMap(([count, base]): SumColumn[] => {
    const both = `${count} is not null and ${base} is not null`;
    return [[`${count}_${base}_n`, `count(*) filter (where ${both})::int`], [`${count}_${base}_count`, `sum(${count}) filter (where ${both})::float8`], [`${count}_${base}_base`, `sum(${base}) filter (where ${both})::float8`]];
  }),
];

// Over `measured`, one row per source and publication day of pre-summed snapshots (see
// rollup/snapshot-measures.ts) with the source's followers on that day.
const ROLLUP_SUMS: SumColumn[] = (() => {
  const sumOf = (column: string) => `sum(${column}::float8)`;
  const reported = (sum: string, count: string) => `case when ${count} > 0 then ${sum} end`;
  const withFollowers = (column: string) => `sum(${column}) filter (where followers is not null)`;
  return [
    ['with_snapshot', 'coalesce(sum(measured), 0)::int'],
    ...COUNTERS.flatMap((c): SumColumn[] => [[c, reported(sumOf(`${c}_sum`), `sum(${c}_n)`)], [`${c}_n`, `coalesce(sum(${c}_n), 0)::int`]]),
    ['profile_action_posts', 'coalesce(sum(profile_action_posts), 0)::int'],
    ['f_posts', `coalesce(${withFollowers('f_posts')}, 0)::int`],
    ['f_followers', reported(`${withFollowers('followers * f_posts')}::float8`, withFollowers('f_posts'))],
    ...INTERACTIONS.map((c): SumColumn => [`f_${c}`, reported(`${withFollowers(`f_${c}_sum`)}::float8`, withFollowers(`f_${c}_n`))]),
    ['v_posts', 'coalesce(sum(v_posts), 0)::int'],
    ['v_views', reported(sumOf('v_views_sum'), 'sum(v_posts)')],
    ...INTERACTIONS.map((c): SumColumn => [`v_${c}`, reported(sumOf(`v_${c}_sum`), `sum(v_${c}_n)`)]),
    ...EXPOSURES.flatMap(([count, base]): SumColumn[] => {
      const e = `${count}_${base}`;
      return [[`${e}_n`, `coalesce(sum(${e}_n), 0)::int`], [`${e}_count`, reported(sumOf(`${e}_count`), `sum(${e}_n)`)], [`${e}_base`, reported(sumOf(`${e}_base`), `sum(${e}_n)`)]];
    }),
  ];
})();

// A source's follower count on a day: its latest snapshot on or before it, as a lateral relation
// `f` (followers) joined once per row. As a correlated scalar subquery instead, every one of the
// ~20 aggregates over it repeats it in the plan; the estimate then crosses jit_above_cost and
// PostgreSQL spends ~150 ms compiling the overview's statement (the audience benchmark's overview,
// 190 ms instead of 45).
const followersOn = (source: RawBuilder<unknown>, day: RawBuilder<unknown>) =>
  sql`(select fs.followers from follower_snapshot fs where fs.source_id = ${source} and fs.date <= ${day} order by fs.date desc limit 1)`.as('f');

/**
 * The audience sums of each group: live, every post in scope at its LATEST snapshot captured in the
 * period (DISTINCT ON), with its source's follower count on the post's UTC publication day (looked
 * up once per source and day); from the rollups, the same sums pre-summed per source, campaign and
 * day. One statement.
 *
 * Live, snapshots are reached through the scoped posts only (a snapshot's workspace is its post's):
 * a second `m.workspace_id = ?` makes the planner AND a whole-workspace bitmap into every post's
 * lookup (6.5 s instead of 0.2 s on 2,000 posts before ANALYZE). Ordering post_id DESC lets it walk
 * the (post_id, captured_at) unique index backwards instead of sorting every snapshot.
 */
export async function audienceSums<G extends Grouping>(em: EntityManager, read: Read & { grouping: G }): Promise<Answer<G, AudienceSums>> {
  const grouped = joinsGroups(read);
  const db = readWithGroups(em, read);
  const measured = read.basis === 'live'
    ? db
        .with((cte) => cte('scoped').materialized(), (q) => scopedPosts(q, read).select(['p.source_id', sql<string>`(p.published_at at time zone 'UTC')::date`.as('day')]))
        .with((cte) => cte('latest').materialized(), (q) =>
          q.selectFrom('metric_snapshot as m')
            .innerJoin('scoped as sc', 'sc.id', 'm.post_id')
            .distinctOn('m.post_id')
            .where(inPeriod(read, sql.ref('m.captured_at'), 'sc'))
            .select(['sc.key', 'm.post_id', 'sc.source_id', 'sc.day', 'm.views', 'm.reach', 'm.impressions', 'm.likes', 'm.comments', 'm.shares', 'm.saves', 'm.profile_visits', 'm.link_clicks', 'm.follows'])
            .orderBy('m.post_id', 'desc').orderBy('m.captured_at', 'desc'))
        .with('at_post', (q) =>
          q.selectFrom((d) => d.selectFrom('latest').select(['source_id', 'day']).distinct().as('d'))
            .leftJoinLateral(followersOn(sql.ref('d.source_id'), sql.ref('d.day')), (join) => join.onTrue())
            .select(['d.source_id', 'd.day', sql<number | null>`f.followers`.as('followers')]))
        .with('measured', (q) =>
          q.selectFrom('latest as l').leftJoin('at_post as a', (join) => join.onRef('a.source_id', '=', 'l.source_id').onRef('a.day', '=', 'l.day')).selectAll('l').select('a.followers'))
        .with('posts', (q) => q.selectFrom('scoped').groupBy('key').select(['key', sql<number>`count(*)::int`.as('posts')]))
        .with('sums', (q) => q.selectFrom('measured').groupBy('key').select(['key', ...asSelections(LIVE_SUMS)]))
    : db
        .with((cte) => cte('groups').materialized(), (q) =>
          q.selectFrom(snapshotRollupOf(read))
            .innerJoin('source as s', 's.id', 'r.source_id')
            .$if(grouped, (qb) => qb.innerJoin('g', (join) => join.onTrue()))
            .where(rollupInScope(read, true))
            .groupBy([sql`1`, 'r.source_id', 'r.published_on'])
            // float8 sums: exact for integers below 2^53, and far cheaper than the numeric sums of bigints.
            .select([groupKey(read).as('key'), 'r.source_id', 'r.published_on', ...SNAPSHOT_MEASURES.map((m) => sql<number>`sum(${sql.ref(`r.${m.column}`)}::float8)`.as(m.column))]))
        .with('measured', (q) =>
          q.selectFrom('groups as gr')
            .leftJoinLateral(followersOn(sql.ref('gr.source_id'), sql.ref('gr.published_on')), (join) => join.onTrue())
            .selectAll('gr').select(sql<number | null>`f.followers::float8`.as('followers')))
        .with('posts', (q) => rollupPostCounts(q, read))
        .with('sums', (q) => q.selectFrom('measured').groupBy('key').select(['key', ...asSelections(ROLLUP_SUMS)]));
  const rows = await measured
    .selectFrom('posts as p')
    .fullJoin('sums as s', 's.key', 'p.key')
    .selectAll('s')
    .select([sql<string>`coalesce(p.key, s.key)`.as('group_key'), sql<number>`coalesce(p.posts, 0)`.as('posts')])
    .execute() as Array<Record<string, number | string | null>>;
  return answer(read.grouping, new Map(rows.map((row) => [String(row['group_key']), toAudienceSums(row)])), () => toAudienceSums({}));
}

/** The audience sums from one row of sums named as audienceSums names them (live or rollup). */
function toAudienceSums(r: Record<string, number | string | null>): AudienceSums {
  const n = (key: string) => Number(r[key] ?? 0);
  const s = (key: string) => (r[key] === null || r[key] === undefined ? null : Number(r[key]));
  const exposure = (prefix: string, base: 'reach' | 'impressions'): ExposureSums => ({ posts: n(`${prefix}_${base}_n`), count: s(`${prefix}_${base}_count`), base: s(`${prefix}_${base}_base`) });
  return {
    posts: n('posts'),
    withSnapshot: n('with_snapshot'),
    totals: { views: s('views'), reach: s('reach'), impressions: s('impressions'), profileVisits: s('profile_visits'), linkClicks: s('link_clicks'), follows: s('follows') },
    reported: { views: n('views_n'), reach: n('reach_n'), impressions: n('impressions_n'), profileVisits: n('profile_visits_n'), linkClicks: n('link_clicks_n'), follows: n('follows_n') },
    byFollowers: { posts: n('f_posts'), followers: s('f_followers'), likes: s('f_likes'), comments: s('f_comments'), shares: s('f_shares'), saves: s('f_saves') },
    byViews: { posts: n('v_posts'), views: s('v_views'), likes: s('v_likes'), comments: s('v_comments'), shares: s('v_shares'), saves: s('v_saves') },
    saves: { reach: exposure('saves', 'reach'), impressions: exposure('saves', 'impressions') },
    shares: { reach: exposure('shares', 'reach'), impressions: exposure('shares', 'impressions') },
    profileActionPosts: n('profile_action_posts'),
  };
}

/**
 * For each source of the posts in scope (live, or from the rollups): its follower count at the
 * start of the period (the latest snapshot on or before `startDay`; its first snapshot when there is
 * no start) and at the end (the latest on or before `endDay`; its latest when there is no end).
 */
export async function followerGrowth(em: EntityManager, read: Read & { grouping: { by: 'none' } }, startDay: string | null, endDay: string | null): Promise<SourceGrowth[]> {
  const db = readDb(em);
  const at = (day: string | null, first: boolean) => day
    ? sql<number | null>`(select followers from follower_snapshot f where f.source_id = s.id and f.date <= ${day}::date order by f.date desc limit 1)::float8`
    : sql<number | null>`(select followers from follower_snapshot f where f.source_id = s.id order by f.date ${sql.raw(first ? 'asc' : 'desc')} limit 1)::float8`;
  const sources = read.basis === 'live'
    ? db.selectFrom('post as p').innerJoin('source as s', 's.id', 'p.source_id').where(postsInScope(read)).select('p.source_id')
    : db.selectFrom('post_rollup as r').innerJoin('source as s', 's.id', 'r.source_id').where(rollupInScope(read, false)).select('r.source_id');
  const rows = await db
    .selectFrom('source as s')
    .where('s.workspace_id', '=', read.scope.workspaceId)
    .where('s.id', 'in', sources)
    .select(['s.id as sourceId', 's.name', at(startDay, true).as('followersBefore'), at(endDay, false).as('followersAfter')])
    .orderBy('s.name').orderBy('s.id')
    .execute();
  return rows.map((row) => ({ ...row, followersBefore: row.followersBefore === null ? null : Number(row.followersBefore), followersAfter: row.followersAfter === null ? null : Number(row.followersAfter) }));
}

/** The sources a campaign published with (any time), narrowed by the source filters. */
export async function campaignSources(em: EntityManager, workspaceId: string, campaignId: string, filter: { sourceId?: string | undefined; sourceKind?: string | undefined }) {
  return readDb(em)
    .selectFrom('post as p')
    .innerJoin('source as s', 's.id', 'p.source_id')
    .where(postsInScope({ scope: { workspaceId, campaignId, ...filter }, grouping: { by: 'none' } }))
    .select(['s.id', 's.name'])
    .distinct()
    .orderBy('s.name').orderBy('s.id')
    .execute();
}

/**
 * Follower snapshots of the sources from `fromDay` to `toDay` (inclusive), plus each source's
 * nearest snapshot on either side, so a count on any day of the range can be interpolated.
 */
export async function followerSnapshotsAround(em: EntityManager, workspaceId: string, sourceIds: readonly string[], fromDay: string, toDay: string) {
  if (sourceIds.length === 0) return [];
  const db = readDb(em);
  const ids = sql`${`{${sourceIds.join(',')}}`}::uuid[]`;
  const of = () => db.selectFrom('follower_snapshot').where('workspace_id', '=', workspaceId).where(sql<boolean>`source_id = any(${ids})`).select(['source_id', sql<string>`date::text`.as('date'), 'followers']);
  const inRange = of().where(sql<boolean>`date between ${fromDay}::date and ${toDay}::date`);
  const before = of().distinctOn('source_id').where(sql<boolean>`date < ${fromDay}::date`).orderBy('source_id').orderBy('date', 'desc');
  const after = of().distinctOn('source_id').where(sql<boolean>`date > ${toDay}::date`).orderBy('source_id').orderBy('date', 'asc');
  // Branches with their own ORDER BY (DISTINCT ON) need parentheses, which Kysely's union does not write.
  const { rows } = await sql<{ source_id: string; date: string; followers: number }>`(${inRange}) union all (${before}) union all (${after})`.execute(db);
  return rows.map((row) => ({ sourceId: row.source_id, date: row.date, followers: Number(row.followers) }));
}
