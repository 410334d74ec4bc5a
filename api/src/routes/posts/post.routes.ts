import { Post } from '@persona-ops/domain/store';
import type { FastifyZod } from '../../http/fastify-zod.ts';
import { idParams } from '../../http/common.schemas.ts';
import { problemResponses } from '../../http/problem.ts';
import { workspaceOf } from '../../plugins/auth.plugin.ts';
import { findOwned } from '../../services/owned.ts';
import { listPosts, toPostDto } from '../../services/posts.service.ts';
import { listPostsQuery, postPage, postSchema } from './post.schemas.ts';

const tags = ['posts'];

// Posts are created by publishing an asset (POST /v1/assets/{id}/publish or /paid-reuse).
export async function postRoutes(app: FastifyZod) {
  app.get('/v1/posts', {
    schema: { tags, summary: 'List posts (placements)', querystring: listPostsQuery, response: { 200: postPage, ...problemResponses } },
  }, async (request) => {
    const { campaignId, sourceId, assetId, channel, placement, aiLabelApplied, from, to, ...page } = request.query;
    const result = await listPosts(request.em, workspaceOf(request), { campaignId, sourceId, assetId, channel, placement, aiLabelApplied, from, to }, page);
    return { items: result.items.map(toPostDto), nextCursor: result.nextCursor };
  });

  app.get('/v1/posts/:id', {
    schema: { tags, summary: 'Get one post', params: idParams, response: { 200: postSchema, ...problemResponses } },
  }, async (request) => toPostDto(await findOwned(request.em, Post, 'post', request.params.id, workspaceOf(request))));
}
