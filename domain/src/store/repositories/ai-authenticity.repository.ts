import type { EntityManager } from '@mikro-orm/postgresql';
import type { AiAuthenticityPostDay, AiDisclosurePost } from '../../core/ai-authenticity.ts';
import { scopedCommentsSql, type BrandSafetyScope } from './brand-safety.repository.ts';
import { query, uuidArray } from './sql.ts';

/**
 * The comments in scope (the brand-safety report's), each at its latest (`current`) classification, counted per
 * post and UTC day of posting, with those flagged `ai_authenticity`; and those posts with their
 * AI-disclosure label. Two statements, aggregated in PostgreSQL.
 */
export async function aiAuthenticityCounts(em: EntityManager, workspaceId: string, scope: BrandSafetyScope): Promise<{ posts: AiDisclosurePost[]; rows: AiAuthenticityPostDay[] }> {
  const scoped = scopedCommentsSql(workspaceId, scope);
  const rows = await query<AiAuthenticityPostDay>(
    em,
    `with scoped as materialized (${scoped.sql}),
     latest as materialized (
       select cc.comment_id, cc.flags, sc.posted_at, sc.post_id
       from scoped sc join comment_classification cc on cc.comment_id = sc.id and cc.workspace_id = ? and cc.current
     )
     -- Grouped by the UTC date, written as text per group rather than per comment.
     select post_id as "postId", to_char(utc_day, 'YYYY-MM-DD') as day, classified, flagged
     from (
       select post_id, (posted_at at time zone 'UTC')::date as utc_day,
              count(*)::int as classified, count(*) filter (where 'ai_authenticity' = any(flags))::int as flagged
       from latest group by 1, 2
     ) per_day
     order by 1, 2`,
    [...scoped.params, workspaceId],
  );
  const postIds = [...new Set(rows.map((row) => row.postId))];
  if (postIds.length === 0) return { posts: [], rows };
  const posts = await query<{ postId: string; channel: string; url: string; publishedAt: Date; aiLabelApplied: boolean }>(
    em,
    `select id as "postId", channel, url, published_at as "publishedAt", ai_label_applied as "aiLabelApplied"
     from post where workspace_id = ? and id = any(?::uuid[]) order by published_at, id`,
    [workspaceId, uuidArray(postIds)],
  );
  return { posts: posts.map((post) => ({ ...post, publishedAt: new Date(post.publishedAt).toISOString() })), rows };
}
