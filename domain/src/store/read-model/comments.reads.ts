import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { all, answer, groupKey, inPeriod, joinsGroups, ownedBy, readWithGroups, type Answer, type Grouping, type Read } from './scope.ts';

// The comments collected on a scope's sources' posts and their latest classifications.

/** `comments`: collected in the period, classified or not; the others count latest classifications. */
export type CommentCountSums = Record<'comments' | 'classified' | 'positive' | 'neutral' | 'negative' | 'flagged' | 'mentioning', number>;

const NONE: CommentCountSums = { comments: 0, classified: 0, positive: 0, neutral: 0, negative: 0, flagged: 0, mentioning: 0 };

/**
 * The comment counts the audience report reads of brandSafetyCounts (its days summed), per group:
 * the comments posted in the period (each group's window) on the posts of the scope's sources and
 * campaign, whenever the post was published, each at its latest (`current`) classification. Always live.
 */
export async function commentCounts<G extends Grouping>(em: EntityManager, read: Omit<Read, 'basis'> & { grouping: G }): Promise<Answer<G, CommentCountSums>> {
  const count = (filter: string) => sql.raw<number>(`count(*) filter (where ${filter})::int`);
  const rows = await readWithGroups(em, read)
    .with((cte) => cte('scoped').materialized(), (q) =>
      q.selectFrom('post as p')
        .innerJoin('source as s', 's.id', 'p.source_id')
        .$if(joinsGroups(read), (qb) => qb.innerJoin('g', (join) => join.onTrue()))
        .innerJoin('comment as c', 'c.post_id', 'p.id')
        .where('p.workspace_id', '=', read.scope.workspaceId)
        .where('c.workspace_id', '=', read.scope.workspaceId)
        .where(all([...ownedBy(read, sql.ref('p.source_id'), sql.ref('p.campaign_id')), inPeriod(read, sql.ref('c.posted_at'))]))
        .select([groupKey(read).as('key'), 'c.id']))
    .with((cte) => cte('latest').materialized(), (q) =>
      q.selectFrom('scoped as sc')
        .innerJoin('comment_classification as cc', 'cc.comment_id', 'sc.id')
        .where('cc.workspace_id', '=', read.scope.workspaceId)
        .where('cc.current', '=', true)
        .select(['sc.key', 'cc.sentiment', 'cc.flags', 'cc.mentions_character']))
    .with('sums', (q) =>
      q.selectFrom('latest').groupBy('key').select([
        'key',
        sql<number>`count(*)::int`.as('classified'),
        count(`sentiment = 'positive'`).as('positive'),
        count(`sentiment = 'neutral'`).as('neutral'),
        count(`sentiment = 'negative'`).as('negative'),
        count('cardinality(flags) > 0').as('flagged'),
        count('mentions_character').as('mentioning'),
      ]))
    .with('collected', (q) => q.selectFrom('scoped').groupBy('key').select(['key', sql<number>`count(*)::int`.as('comments')]))
    .selectFrom('collected as c')
    .leftJoin('sums as s', 's.key', 'c.key')
    .select([
      'c.key', 'c.comments',
      ...(['classified', 'positive', 'neutral', 'negative', 'flagged', 'mentioning'] as const).map((k) => sql<number>`coalesce(${sql.ref(`s.${k}`)}, 0)::int`.as(k)),
    ])
    .execute();
  return answer(read.grouping, new Map(rows.map(({ key, ...sums }) => [key, sums])), () => ({ ...NONE }));
}
