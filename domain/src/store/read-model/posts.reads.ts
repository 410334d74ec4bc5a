import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import type { PostSums } from '../../core/reports/commercial-report.ts';
import { answer, groupKey, inPeriod, joinsGroups, readWithGroups, rollupInScope, scopedPosts, snapshotRollupOf, sumWhenReported, type Answer, type Grouping, type Read } from './scope.ts';

// The posts of a scope: how many, how many paid, their currencies, and impressions and views at
// each post's LATEST snapshot captured in the period.

// The row is the core's input type, defined once there.
export type PostAggregates = PostSums;

const NO_POSTS: PostAggregates = { posts: 0, paidPosts: 0, measuredPosts: 0, impressions: null, postsWithImpressions: 0, views: null, postsWithViews: 0, currencies: [] };

/** Posts published in the period and their latest snapshots in it, per group; live or from the rollups. */
export async function postAggregates<G extends Grouping>(em: EntityManager, read: Read & { grouping: G }): Promise<Answer<G, PostAggregates>> {
  const db = readWithGroups(em, read);
  const grouped = joinsGroups(read);
  // Per group: the posts (pa) and the sums of their latest snapshots (la), from either basis.
  const sums = read.basis === 'live'
    ? db
        .with((cte) => cte('scoped').materialized(), (q) => scopedPosts(q, read).select(['p.placement', 'p.currency']))
        .with((cte) => cte('latest').materialized(), (q) =>
          q.selectFrom('metric_snapshot as m')
            .innerJoin('scoped as sp', 'sp.id', 'm.post_id')
            .distinctOn('m.post_id')
            .select(['sp.key', 'm.post_id', 'm.impressions', 'm.views'])
            .where(inPeriod(read, sql.ref('m.captured_at'), 'sp'))
            .where('m.workspace_id', '=', read.scope.workspaceId)
            .orderBy('m.post_id').orderBy('m.captured_at', 'desc').orderBy('m.id', 'desc'))
        .with('pa', (q) =>
          q.selectFrom('scoped').groupBy('key').select([
            'key',
            sql<number>`count(*)::int`.as('posts'),
            sql<number>`count(*) filter (where placement = 'paid')::int`.as('paid_posts'),
            sql<string[]>`coalesce(array_agg(distinct currency order by currency), '{}')`.as('currencies'),
          ]))
        .with('la', (q) =>
          q.selectFrom('latest').groupBy('key').select([
            'key',
            sql<number>`count(*)::int`.as('measured'),
            sql<number | null>`sum(impressions)::float8`.as('impressions'),
            sql<number>`count(impressions)::int`.as('impressions_n'),
            sql<number | null>`sum(views)::float8`.as('views'),
            sql<number>`count(views)::int`.as('views_n'),
          ]))
    : db
        .with((cte) => cte('p').materialized(), (q) =>
          q.selectFrom('post_rollup as r')
            .innerJoin('source as s', 's.id', 'r.source_id')
            .$if(grouped, (qb) => qb.innerJoin('g', (join) => join.onTrue()))
            .where(rollupInScope(read, false))
            .select([groupKey(read).as('key'), 'r.posts', 'r.paid', 'r.currency']))
        .with('pa', (q) =>
          q.selectFrom('p').groupBy('key').select([
            'key',
            sql<number>`coalesce(sum(posts), 0)::int`.as('posts'),
            sql<number>`coalesce(sum(posts) filter (where paid), 0)::int`.as('paid_posts'),
            sql<string[]>`coalesce(array_agg(distinct currency order by currency), '{}')`.as('currencies'),
          ]))
        .with('la', (q) =>
          q.selectFrom(snapshotRollupOf(read))
            .innerJoin('source as s', 's.id', 'r.source_id')
            .$if(grouped, (qb) => qb.innerJoin('g', (join) => join.onTrue()))
            .where(rollupInScope(read, true))
            .groupBy(sql`1`)
            .select([
              groupKey(read).as('key'),
              sql<number>`sum(r.measured::float8)`.as('measured'),
              sql<number | null>`sum(r.impressions_sum::float8)`.as('impressions'),
              sql<number>`sum(r.impressions_n::float8)`.as('impressions_n'),
              sql<number | null>`sum(r.views_sum::float8)`.as('views'),
              sql<number>`sum(r.views_n::float8)`.as('views_n'),
            ]));
  const rows = await sums
    .selectFrom('pa')
    .fullJoin('la', 'la.key', 'pa.key')
    .select([
      sql<string>`coalesce(pa.key, la.key)`.as('key'),
      sql<number>`coalesce(pa.posts, 0)::int`.as('posts'),
      sql<number>`coalesce(pa.paid_posts, 0)::int`.as('paidPosts'),
      sql<number>`coalesce(la.measured, 0)::int`.as('measuredPosts'),
      sumWhenReported('la.impressions::float8', 'coalesce(la.impressions_n, 0)').as('impressions'),
      sql<number>`coalesce(la.impressions_n, 0)::int`.as('postsWithImpressions'),
      sumWhenReported('la.views::float8', 'coalesce(la.views_n, 0)').as('views'),
      sql<number>`coalesce(la.views_n, 0)::int`.as('postsWithViews'),
      sql<string[]>`coalesce(pa.currencies, '{}')`.as('currencies'),
    ])
    .execute();
  return answer(read.grouping, new Map(rows.map(({ key, ...aggregates }) => [key, aggregates])), () => ({ ...NO_POSTS, currencies: [] }));
}
