import type { FastifyZod } from '../../http/fastify-zod.ts';
import { idParams } from '../../http/common.schemas.ts';
import { problemResponses } from '../../http/problem.ts';
import { workspaceOf } from '../../plugins/auth.plugin.ts';
import { createBrief, getBrief, listBriefs, toBriefDto } from '../../services/briefs.service.ts';
import { briefPage, briefSchema, createBriefBody, listBriefsQuery } from './brief.schemas.ts';

const tags = ['briefs'];

export async function briefRoutes(app: FastifyZod) {
  app.post('/v1/briefs', {
    config: { roles: ['studio'] },
    schema: { tags, summary: 'Issue a brief: what a campaign asks a source to make', body: createBriefBody, response: { 201: briefSchema, ...problemResponses } },
  }, async (request, reply) => reply.status(201).send(toBriefDto(await createBrief(request.em, workspaceOf(request), request.body, new Date()))));

  app.get('/v1/briefs', {
    schema: { tags, summary: 'List briefs', querystring: listBriefsQuery, response: { 200: briefPage, ...problemResponses } },
  }, async (request) => {
    const { campaignId, sourceId, from, to, ...page } = request.query;
    const result = await listBriefs(request.em, workspaceOf(request), { campaignId, sourceId, from, to }, page);
    return { items: result.items.map(toBriefDto), nextCursor: result.nextCursor };
  });

  app.get('/v1/briefs/:id', {
    schema: { tags, summary: 'Get one brief', params: idParams, response: { 200: briefSchema, ...problemResponses } },
  }, async (request) => toBriefDto(await getBrief(request.em, workspaceOf(request), request.params.id)));
}
