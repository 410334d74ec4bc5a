import { problemResponses } from '../../http/problem.ts';
import type { FastifyZod } from '../../http/fastify-zod.ts';
import { idParams } from '../../http/common.schemas.ts';
import { patchWith } from '../../http/merge-patch.ts';
import { workspaceOf } from '../../plugins/auth.plugin.ts';
import { Source } from '@persona-ops/domain/store';
import { findOwned } from '../../services/owned.ts';
import { createSource, listSources, toSourceDto, updateSource } from '../../services/sources.service.ts';
import { createSourceBody, listSourcesQuery, sourceFields, sourcePage, sourceSchema, updateSourceBody } from './source.schemas.ts';

const tags = ['sources'];
const writers = ['studio'] as const;

export async function sourceRoutes(app: FastifyZod) {
  app.post('/v1/sources', {
    config: { roles: writers },
    schema: { tags, summary: 'Register a source: an AI character, human creator, studio or product ad', body: createSourceBody, response: { 201: sourceSchema, ...problemResponses } },
  }, async (request, reply) => reply.status(201).send(toSourceDto(await createSource(request.em, workspaceOf(request), request.body))));

  app.get('/v1/sources', {
    schema: { tags, summary: 'List sources', querystring: listSourcesQuery, response: { 200: sourcePage, ...problemResponses } },
  }, async (request) => {
    const { kind, ...page } = request.query;
    const result = await listSources(request.em, workspaceOf(request), { kind }, page);
    return { items: result.items.map(toSourceDto), nextCursor: result.nextCursor };
  });

  app.get('/v1/sources/:id', {
    schema: { tags, summary: 'Get one source', params: idParams, response: { 200: sourceSchema, ...problemResponses } },
  }, async (request) => toSourceDto(await findOwned(request.em, Source, 'source', request.params.id, workspaceOf(request))));

  app.patch('/v1/sources/:id', {
    config: { roles: writers },
    schema: { tags, summary: 'Change a source', params: idParams, body: updateSourceBody, response: { 200: sourceSchema, ...problemResponses } },
  }, async (request) => toSourceDto(await updateSource(request.em, workspaceOf(request), request.params.id, patchWith(sourceFields, request.body))));
}
