import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import type { WindowSample } from '../../core/reports/comparison-report.ts';
import { answer, groupKey, inPeriod, joinsGroups, readWithGroups, rollupInScope, rollupPostCounts, scopedPosts, snapshotRollupOf, sumWhenReported, type Answer, type Grouping, type Read } from './scope.ts';

// The samples behind a comparison's figures: how many posts and snapshots each group's KPIs rest
// on, and the interaction counters at each post's latest snapshot in the period.

const COUNTERS = ['likes', 'comments', 'shares', 'saves'] as const;

/** The posts, snapshots and interaction counters of each group; live or from the rollups. One statement. */
export async function windowSamples<G extends Grouping>(em: EntityManager, read: Read & { grouping: G }): Promise<Answer<G, WindowSample>> {
  const grouped = joinsGroups(read);
  const db = readWithGroups(em, read);
  const sums = read.basis === 'live'
    ? db
        .with((cte) => cte('scoped').materialized(), (q) => scopedPosts(q, read))
        .with((cte) => cte('captured').materialized(), (q) =>
          q.selectFrom('metric_snapshot as m')
            .innerJoin('scoped as sc', 'sc.id', 'm.post_id')
            .where(inPeriod(read, sql.ref('m.captured_at'), 'sc'))
            .select(['m.post_id', 'sc.key', 'm.captured_at', ...COUNTERS.map((c) => `m.${c}` as const)]))
        .with('latest', (q) => q.selectFrom('captured').distinctOn('post_id').select(['key', ...COUNTERS]).orderBy('post_id').orderBy('captured_at', 'desc'))
        .with('posts', (q) => q.selectFrom('scoped').groupBy('key').select(['key', sql<number>`count(*)::int`.as('posts')]))
        .with('snaps', (q) =>
          q.selectFrom('captured').groupBy('key').select(['key', sql<number>`count(distinct post_id)::int`.as('measured'), sql<number>`count(*)::int`.as('snapshots')]))
        .with('sums', (q) =>
          q.selectFrom('latest').groupBy('key').select(['key', ...COUNTERS.flatMap((c) => [sql<number | null>`sum(${sql.ref(c)})::float8`.as(c), sql<number>`count(${sql.ref(c)})::int`.as(`${c}_n`)])]))
    : db
        .with('posts', (q) => rollupPostCounts(q, read))
        .with('snaps', (q) =>
          q.selectFrom(snapshotRollupOf(read))
            .innerJoin('source as s', 's.id', 'r.source_id')
            .$if(grouped, (qb) => qb.innerJoin('g', (join) => join.onTrue()))
            .where(rollupInScope(read, true))
            .groupBy(sql`1`)
            .select([groupKey(read).as('key'), sql<number>`sum(r.measured::float8)::int`.as('measured'), sql<number>`sum(r.snapshots::float8)::int`.as('snapshots'), ...COUNTERS.flatMap((c) => [
              sumWhenReported(sql`sum(${sql.ref(`r.${c}_sum`)}::float8)`, sql`sum(${sql.ref(`r.${c}_n`)}::float8)`).as(c),
              sql<number>`sum(${sql.ref(`r.${c}_n`)}::float8)::int`.as(`${c}_n`),
            ])]))
        // The rollups' snapshot counts and sums are one group's row.
        .with('sums', (q) => q.selectFrom('snaps').selectAll());
  const rows = await sums
    .selectFrom('posts as p')
    .fullJoin('snaps as sn', 'sn.key', 'p.key')
    .fullJoin('sums as su', (join) => join.on(sql<boolean>`su.key = coalesce(p.key, sn.key)`))
    .select([
      sql<string>`coalesce(p.key, sn.key, su.key)`.as('key'),
      sql<number>`coalesce(p.posts, 0)`.as('posts'),
      sql<number>`coalesce(sn.measured, 0)`.as('measured'),
      sql<number>`coalesce(sn.snapshots, 0)`.as('snapshots'),
      ...COUNTERS.flatMap((c) => [sql<number | null>`${sql.ref(`su.${c}`)}`.as(c), sql<number>`coalesce(${sql.ref(`su.${c}_n`)}, 0)`.as(`${c}_n`)]),
    ])
    .execute();
  return answer(read.grouping, new Map(rows.map((row) => [row.key, toWindowSample(row.key, row)])), (key) => toWindowSample(key, {}));
}

function toWindowSample(sourceId: string, row: Record<string, unknown>): WindowSample {
  const n = (value: unknown) => Number(value ?? 0);
  const sum = (value: unknown) => (value === null || value === undefined ? null : Number(value));
  return {
    sourceId,
    posts: n(row['posts']),
    postsWithSnapshot: n(row['measured']),
    snapshots: n(row['snapshots']),
    likes: sum(row['likes']),
    comments: sum(row['comments']),
    shares: sum(row['shares']),
    saves: sum(row['saves']),
    reported: { likes: n(row['likes_n']), comments: n(row['comments_n']), shares: n(row['shares_n']), saves: n(row['saves_n']) },
  };
}
