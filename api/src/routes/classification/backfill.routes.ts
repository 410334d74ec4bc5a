import type { FastifyZod } from '../../http/fastify-zod.ts';
import { idParams } from '../../http/common.schemas.ts';
import { problemResponses, problemSchema } from '../../http/problem.ts';
import { workspaceOf } from '../../plugins/auth.plugin.ts';
import { getBackfill, requestBackfill, toBackfillDto } from '../../services/backfills.service.ts';
import { backfillSchema } from './backfill.schemas.ts';

const tags = ['brand safety'];

export async function backfillRoutes(app: FastifyZod) {
  app.post('/v1/classification/backfills', {
    config: { roles: [] },
    schema: {
      tags,
      summary: "Re-classify the workspace's comments with the current classifier (after an upgrade); follow its progress",
      response: { 202: backfillSchema, ...problemResponses, 409: problemSchema.describe('A backfill is already running') },
    },
  }, async (request, reply) => {
    const backfill = await requestBackfill(request.em, workspaceOf(request), request.principal.userId, request.id);
    return reply.status(202).send(await toBackfillDto(request.em, backfill));
  });

  app.get('/v1/classification/backfills/:id', {
    schema: { tags, summary: 'A backfill and its progress', params: idParams, response: { 200: backfillSchema, ...problemResponses } },
  }, async (request) => toBackfillDto(request.em, await getBackfill(request.em, workspaceOf(request), request.params.id)));
}
