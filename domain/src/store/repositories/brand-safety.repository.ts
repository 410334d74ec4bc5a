import type { EntityManager } from '@mikro-orm/postgresql';
import type { DailyCommentCounts } from '../../core/brand-safety.ts';
import { query } from './sql.ts';

export type BrandSafetyScope = {
  postId?: string | undefined;
  campaignId?: string | undefined;
  /** The post's source (the character). */
  sourceId?: string | undefined;
  sourceKind?: string | undefined;
  /** On the comment's postedAt: from inclusive, to exclusive. */
  from?: Date | undefined;
  to?: Date | undefined;
};

export type BrandSafetyCounts = {
  /** Comments in scope, classified or not. */
  comments: number;
  /** Comments in scope with an open classification task. */
  waiting: number;
  /** Per UTC day of postedAt, days with at least one classified comment, oldest first. */
  days: Array<DailyCommentCounts & { mentioning: number }>;
  /** Comments (latest classification) carrying each flag; a flag repeated on one result counts once. */
  categories: Record<string, number>;
  classifiers: Array<{ classifier: string; version: string; count: number }>;
  /** Comments per detected language (null: the classifier did not detect it), most first. */
  languages: Array<{ language: string | null; count: number }>;
};

/** The comments in scope as SQL selecting `id`, `posted_at` and `post_id`: the one scope every brand-safety figure uses. */
export function scopedCommentsSql(workspaceId: string, scope: BrandSafetyScope): { sql: string; params: unknown[] } {
  const where = ['c.workspace_id = ?'];
  const params: unknown[] = [workspaceId];
  const add = (condition: string, value: unknown) => {
    where.push(condition);
    params.push(value);
  };
  if (scope.postId) add('c.post_id = ?', scope.postId);
  if (scope.campaignId) add('p.campaign_id = ?', scope.campaignId);
  if (scope.sourceId) add('p.source_id = ?', scope.sourceId);
  if (scope.sourceKind) add('s.kind = ?', scope.sourceKind);
  if (scope.from) add('c.posted_at >= ?', scope.from);
  if (scope.to) add('c.posted_at < ?', scope.to);
  const joinPost = scope.campaignId || scope.sourceId || scope.sourceKind ? 'join post p on p.id = c.post_id' : '';
  const joinSource = scope.sourceKind ? 'join source s on s.id = p.source_id' : '';
  return { sql: `select c.id, c.posted_at, c.post_id from comment c ${joinPost} ${joinSource} where ${where.join(' and ')}`, params };
}

/**
 * Counts over the comments in scope, each taken at its LATEST classification (a comment may have
 * results from several classifier versions; the one marked `current`: the most recent
 * classified_at, then created_at, then id). One statement, aggregated in PostgreSQL: nothing per
 * comment comes back, whatever the workspace's size.
 */
export async function brandSafetyCounts(em: EntityManager, workspaceId: string, scope: BrandSafetyScope): Promise<BrandSafetyCounts> {
  const scoped = scopedCommentsSql(workspaceId, scope);
  const [row] = await query<BrandSafetyCounts>(
    em,
    `with scoped as materialized (${scoped.sql}),
     latest as materialized (
       select cc.comment_id, cc.classifier, cc.version, cc.sentiment, cc.flags, cc.mentions_character, cc.language, sc.posted_at
       from scoped sc join comment_classification cc on cc.comment_id = sc.id and cc.workspace_id = ? and cc.current
     ),
     -- Grouped by the UTC date and only then written as text: to_char on every comment was half
     -- of the statement's time.
     days as (
       select to_char(utc_day, 'YYYY-MM-DD') as day, classified, positive, neutral, negative, flagged, mentioning
       from (
         select (posted_at at time zone 'UTC')::date as utc_day,
                count(*)::int as classified,
                count(*) filter (where sentiment = 'positive')::int as positive,
                count(*) filter (where sentiment = 'neutral')::int as neutral,
                count(*) filter (where sentiment = 'negative')::int as negative,
                count(*) filter (where cardinality(flags) > 0)::int as flagged,
                count(*) filter (where mentions_character)::int as mentioning
         from latest group by 1
       ) per_day
     )
     select
       (select count(*)::int from scoped) as comments,
       (select count(*)::int from scoped sc join classification_task t on t.comment_id = sc.id) as waiting,
       coalesce((select json_agg(d order by d.day) from days d), '[]'::json) as days,
       coalesce((select json_object_agg(f.flag, f.count) from (
         select flag, count(distinct l.comment_id)::int as count from latest l cross join unnest(l.flags) as flag group by flag
       ) f), '{}'::json) as categories,
       coalesce((select json_agg(m order by m.count desc, m.classifier, m.version) from (
         select classifier, version, count(*)::int as count from latest group by classifier, version
       ) m), '[]'::json) as classifiers,
       coalesce((select json_agg(g order by g.count desc, g.language nulls last) from (
         select language, count(*)::int as count from latest group by language
       ) g), '[]'::json) as languages`,
    [...scoped.params, workspaceId],
  );
  return row!;
}
