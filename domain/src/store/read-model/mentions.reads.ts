import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { answer, groupKey, inPeriod, joinsGroups, postsInScope, readWithGroups, rollupInScope, windowBounds, type Answer, type Grouping, type Read } from './scope.ts';

// Brand mentions: the comments on a scope's tracked posts (posts of campaigns with tracking
// keywords) that name one of the post's campaign's keywords.

/** Tracked campaign posts, the comments collected on them and those naming the brand. */
export type MentionCounts = { posts: number; comments: number; mentions: number };

/**
 * Brand mentions: comments posted in the period on the posts in scope whose text contains (case
 * insensitive) one of the tracking keywords of the post's campaign; a comment counts once however
 * many keywords it names. Only posts whose campaign has keywords count, as posts and as mentions.
 * `comments` counts every comment collected on those posts in the period: with none, the mentions
 * are unknown, not 0 (brandMentionsPerPost). On the rollup basis the posts are counted from the
 * rollups; mentions are comments, always read live (through the posts in scope).
 */
export async function brandMentionCounts<G extends Grouping>(em: EntityManager, read: Read & { grouping: G }): Promise<Answer<G, MentionCounts>> {
  const grouped = joinsGroups(read);
  const mentioning = sql<boolean>`exists (select 1 from unnest(t.keywords) k where strpos(lower(cm.text), k) > 0)`;
  const keywords = sql<string[]>`array(select lower(k) from jsonb_array_elements_text(c.tracking_keywords) k where btrim(k) <> '')`;
  const db = readWithGroups(em, read)
    .with((cte) => cte('scoped').materialized(), (q) =>
      q.selectFrom('post as p')
        .innerJoin('source as s', 's.id', 'p.source_id')
        .$if(grouped, (qb) => qb.innerJoin('g', (join) => join.onTrue()))
        .where(postsInScope(read))
        .select([groupKey(read).as('key'), 'p.id', 'p.campaign_id', windowBounds(read).start.as('start_at'), windowBounds(read).end.as('end_at')]))
    .with((cte) => cte('keyed').materialized(), (q) =>
      // Only the campaigns of the posts in scope: a workspace may have thousands.
      q.selectFrom('campaign as c').where('c.workspace_id', '=', read.scope.workspaceId).where('c.id', 'in', (sub) => sub.selectFrom('scoped').select('scoped.campaign_id'))
        .select(['c.id', keywords.as('keywords')]))
    .with((cte) => cte('tracked').materialized(), (q) =>
      q.selectFrom('scoped as sc').innerJoin('keyed as k', 'k.id', 'sc.campaign_id').where(sql<boolean>`cardinality(k.keywords) > 0`)
        .select(['sc.key', 'sc.id', 'sc.campaign_id', 'k.keywords', 'sc.start_at', 'sc.end_at']))
    .with('counted', (q) =>
      read.basis === 'live'
        ? q.selectFrom('tracked').groupBy('key').select(['key', sql<number>`count(*)::int`.as('posts')])
        : q.selectFrom('post_rollup as r')
            .innerJoin('source as s', 's.id', 'r.source_id')
            .$if(grouped, (qb) => qb.innerJoin('g', (join) => join.onTrue()))
            .where(rollupInScope(read, false))
            .where('r.campaign_id', 'in', (sub) => sub.selectFrom('keyed').select('keyed.id').where(sql<boolean>`cardinality(keywords) > 0`))
            .groupBy(sql`1`)
            .select([groupKey(read).as('key'), sql<number>`coalesce(sum(r.posts), 0)::int`.as('posts')]))
    .with('mentions', (q) =>
      q.selectFrom('comment as cm')
        .innerJoin('tracked as t', 't.id', 'cm.post_id')
        .where(inPeriod(read, sql.ref('cm.posted_at'), 't'))
        .groupBy('t.key')
        .select(['t.key', sql<number>`count(*)::int`.as('comments'), sql<number>`(count(*) filter (where ${mentioning}))::int`.as('mentions')]));
  const rows = await db
    .selectFrom('counted as c')
    .fullJoin('mentions as m', 'm.key', 'c.key')
    .select([sql<string>`coalesce(c.key, m.key)`.as('key'), sql<number>`coalesce(c.posts, 0)::int`.as('posts'), sql<number>`coalesce(m.comments, 0)::int`.as('comments'), sql<number>`coalesce(m.mentions, 0)::int`.as('mentions')])
    .execute();
  return answer(read.grouping, new Map(rows.map(({ key, ...counts }) => [key, counts])), () => ({ posts: 0, comments: 0, mentions: 0 }));
}
