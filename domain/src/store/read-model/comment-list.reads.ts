import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import type { IComment, ICommentClassification } from '../entities/index.ts';
import { readKeysetPage, type Keyset, type KeysetPage, type SortKey } from './keyset.ts';
import { readDb } from './read-db.ts';
import { parseTimestamp } from './list-values.ts';

// GET /v1/comments' page with each comment's current classification, in one statement, read as
// rows rather than hydrated entities (the ORM read the page, then the classifications).

/** A comment and its current classification as their DTO reads them: what the entities and this list's row both are. */
export type CommentView = Pick<IComment, 'id' | 'platformCommentId' | 'authorHandle' | 'text' | 'postedAt'> & { post: { id: string } };
export type ClassificationView = Pick<ICommentClassification, 'sentiment' | 'score' | 'flags' | 'mentionsCharacter' | 'language' | 'classifier' | 'version' | 'classifiedAt'>;
export type ClassifiedComment = { comment: CommentView; classification: ClassificationView | null };

/**
 * The filters, their ids already checked as the workspace's. The classification filters apply to
 * each comment's current classification (the one the brand-safety report counts).
 */
export type CommentListFilter = {
  postId?: string | undefined;
  campaignId?: string | undefined;
  sourceId?: string | undefined;
  sentiment?: string | undefined;
  category?: string | undefined;
  flagged?: boolean | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
};

export const commentListSorts = {
  postedAt: { column: 'c.posted_at', type: 'timestamptz' },
} as const satisfies Record<string, SortKey>;

export async function commentListPage(em: EntityManager, workspaceId: string, filter: CommentListFilter, page: KeysetPage & { sort: keyof typeof commentListSorts }): Promise<Keyset<ClassifiedComment>> {
  const byPost = Boolean(filter.campaignId || filter.sourceId);
  const query = readDb(em)
    .selectFrom('comment as c')
    // At most one classification of a comment is current (a unique partial index).
    .leftJoin('comment_classification as l', (join) => join.onRef('l.comment_id', '=', 'c.id').on('l.current', '=', true))
    .$if(byPost, (q) => q.innerJoin('post as p', 'p.id', 'c.post_id'))
    .where('c.workspace_id', '=', workspaceId)
    .$if(Boolean(filter.postId), (q) => q.where('c.post_id', '=', filter.postId!))
    .$if(Boolean(filter.campaignId), (q) => q.where(sql.ref('p.campaign_id'), '=', filter.campaignId!))
    .$if(Boolean(filter.sourceId), (q) => q.where(sql.ref('p.source_id'), '=', filter.sourceId!))
    .$if(Boolean(filter.from), (q) => q.where('c.posted_at', '>=', filter.from!))
    .$if(Boolean(filter.to), (q) => q.where('c.posted_at', '<', filter.to!))
    .$if(Boolean(filter.sentiment), (q) => q.where('l.sentiment', '=', filter.sentiment as never))
    .$if(Boolean(filter.category), (q) => q.where(sql<boolean>`${filter.category!} = any(l.flags)`))
    .$if(filter.flagged !== undefined, (q) => q.where(sql<boolean>`cardinality(l.flags) ${sql.raw(filter.flagged ? '>' : '=')} 0`))
    .select([
      'c.id', 'c.post_id', 'c.platform_comment_id', 'c.author_handle', 'c.text', 'c.posted_at',
      'l.id as classification_id', 'l.sentiment', 'l.score', 'l.flags', 'l.mentions_character', 'l.language', 'l.classifier', 'l.version', 'l.classified_at',
    ]);
  const { rows, nextCursor } = await readKeysetPage(query, page, commentListSorts[page.sort], 'c.id');
  const platform = em.getPlatform();
  return {
    nextCursor,
    rows: rows.map((row) => ({
      comment: {
        id: row.id,
        post: { id: row.post_id },
        platformCommentId: row.platform_comment_id,
        authorHandle: row.author_handle,
        text: row.text,
        postedAt: parseTimestamp(platform, row.posted_at),
      },
      classification: row.classification_id === null
        ? null
        : {
            sentiment: row.sentiment!,
            score: Number(row.score),
            flags: row.flags!,
            mentionsCharacter: row.mentions_character!,
            language: row.language,
            classifier: row.classifier!,
            version: row.version!,
            classifiedAt: parseTimestamp(platform, row.classified_at),
          },
    })),
  };
}
