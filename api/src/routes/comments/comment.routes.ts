import type { FastifyZod } from '../../http/fastify-zod.ts';
import { problemResponses, problemSchema } from '../../http/problem.ts';
import { workspaceOf } from '../../plugins/auth.plugin.ts';
import { ingestComments, listComments } from '../../services/comments.service.ts';
import { acceptedSchema, bulkCommentsBody, commentPage, incomingCommentSchema, listCommentsQuery } from './comment.schemas.ts';
import type { ClassifiedComment } from '@persona-ops/domain/store';

const tags = ['comments'];
const responses = { ...problemResponses, 422: problemSchema.describe('A comment breaks a rule (e.g. posted before its post)') };

/** The entities or a list's row. */
export function toCommentDto({ comment, classification }: ClassifiedComment) {
  return {
    id: comment.id,
    postId: comment.post.id,
    platformCommentId: comment.platformCommentId,
    authorHandle: comment.authorHandle,
    text: comment.text,
    postedAt: comment.postedAt.toISOString(),
    classification: classification
      ? {
          sentiment: classification.sentiment,
          score: Number(classification.score),
          flags: classification.flags,
          mentionsCharacter: classification.mentionsCharacter,
          language: classification.language ?? null,
          classifier: classification.classifier,
          version: classification.version,
          classifiedAt: classification.classifiedAt.toISOString(),
        }
      : null,
  };
}

// Accepting a comment and recording that it needs classifying happen in one transaction; the
// classification itself runs in the job workers, so the API keeps accepting when they are down.
export async function commentRoutes(app: FastifyZod) {
  app.post('/v1/comments', {
    config: { roles: ['studio'] },
    schema: { tags, summary: 'Record one comment on a post (idempotent on post + platform comment id)', body: incomingCommentSchema, response: { 202: acceptedSchema, ...responses } },
  }, async (request, reply) => reply.status(202).send(await ingestComments(request.em, workspaceOf(request), [request.body], new Date(), request.id, () => 'body')));

  app.post('/v1/comments/bulk', {
    config: { roles: ['studio'] },
    schema: { tags, summary: 'Record up to 10,000 comments at once; all or nothing, idempotent', body: bulkCommentsBody, response: { 202: acceptedSchema, ...responses } },
  }, async (request, reply) => reply.status(202).send(await ingestComments(request.em, workspaceOf(request), request.body.comments, new Date(), request.id)));

  app.get('/v1/comments', {
    schema: { tags, summary: 'List comments with their classification', querystring: listCommentsQuery, response: { 200: commentPage, ...problemResponses } },
  }, async (request) => {
    const { postId, campaignId, sourceId, sentiment, category, flagged, from, to, ...page } = request.query;
    const result = await listComments(request.em, workspaceOf(request), { postId, campaignId, sourceId, sentiment, category, flagged, from, to }, page);
    return { items: result.items.map(toCommentDto), nextCursor: result.nextCursor };
  });
}
