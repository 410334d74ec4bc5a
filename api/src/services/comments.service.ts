import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, isInFuture } from '@persona-ops/domain/core';
import { Comment, Post, acceptComments, commentListPage, type CommentListFilter, type commentListSorts, type IncomingComment } from '@persona-ops/domain/store';
import { ApiError } from '../http/api-error.ts';
import { assertFilterIdsOwned } from './owned.ts';
import { auditedBulkWrite } from './audited-bulk-write.ts';
import { checkCursor, periodDates, type PageRequest, type WithTextPeriod } from './pagination.ts';

// Every post named must be this workspace's and the comment cannot predate the post. `requestId`
// (x-request-id) goes with their classification, so its job's log lines name the request.
export async function ingestComments(em: EntityManager, workspaceId: string, comments: IncomingComment[], now: Date, requestId: string | null, fieldOf = (index: number) => `body.comments.${index}`) {
  const postIds = [...new Set(comments.map((c) => c.postId))];
  const posts = await em.find(Post, { workspace: workspaceId, id: { $in: postIds } }, { fields: ['id', 'publishedAt'] });
  const publishedAt = new Map(posts.map((post) => [post.id, post.publishedAt.getTime()]));
  const errors: Array<{ field: string; message: string }> = [];
  comments.forEach((comment, index) => {
    const published = publishedAt.get(comment.postId);
    if (published === undefined) errors.push({ field: `${fieldOf(index)}.postId`, message: `no post ${comment.postId} in this workspace` });
    else if (new Date(comment.postedAt).getTime() < published) errors.push({ field: `${fieldOf(index)}.postedAt`, message: 'is before the post was published' });
    else if (isInFuture(new Date(comment.postedAt), now)) errors.push({ field: `${fieldOf(index)}.postedAt`, message: 'is in the future' });
  });
  if (errors.some((e) => e.field.endsWith('postId'))) {
    throw new ApiError(404, 'not_found', `${errors.length} comment(s) name a post that does not exist in this workspace; nothing was stored. Fix them and send the batch again.`, errors.slice(0, 100));
  }
  if (errors.length > 0) {
    throw new DomainError('rule_violation', `${errors.length} comment(s) break a rule; nothing was stored. Fix them and send the batch again.`, { errors: errors.slice(0, 100) });
  }
  return auditedBulkWrite(em, { workspaceId, entityType: 'comment', rows: comments.length }, (tx) => acceptComments(tx, workspaceId, comments, now, requestId));
}

export type CommentFilter = WithTextPeriod<CommentListFilter>;

// Read as rows with each comment's current classification in one statement, not hydrated entities.
// Every filter given applies (a post together with a campaign or source narrows by both).
export async function listComments(em: EntityManager, workspaceId: string, filter: CommentFilter, page: PageRequest & { sort: keyof typeof commentListSorts }) {
  await assertFilterIdsOwned(em, workspaceId, { campaignId: filter.campaignId, sourceId: filter.sourceId });
  if (filter.postId && !(await em.count(Post, { id: filter.postId, workspace: workspaceId }))) {
    throw new ApiError(404, 'not_found', `No post with id ${filter.postId} exists in this workspace.`);
  }
  checkCursor(em, Comment, page);
  const { from, to, ...rest } = filter;
  const { rows, nextCursor } = await commentListPage(em, workspaceId, { ...rest, ...periodDates(from, to) }, page);
  return { items: rows, nextCursor };
}
