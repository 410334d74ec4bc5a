import type { FastifyZod } from '../../http/fastify-zod.ts';
import { idParams } from '../../http/common.schemas.ts';
import { problemResponses } from '../../http/problem.ts';
import { workspaceOf } from '../../plugins/auth.plugin.ts';
import { dismissUnlinkedRow, listUnlinkedRows, resolveUnlinkedByKey, resolveUnlinkedRow, toUnlinkedRowDto } from '../../services/unlinked-rows.service.ts';
import { listUnlinkedQuery, resolveBody, resolveByKeyBody, resolvedManySchema, unlinkedRowPage, unlinkedRowSchema } from './import.schemas.ts';

const tags = ['imports'];
const importers = ['studio'] as const;

// The rows of imports that named no known post, link or code, and what the user does with them.
export async function unlinkedRowRoutes(app: FastifyZod) {
  app.get('/v1/imports/unlinked', {
    schema: { tags, summary: 'Import rows waiting to be linked to a post, tracking link or offer code', querystring: listUnlinkedQuery, response: { 200: unlinkedRowPage, ...problemResponses } },
  }, async (request) => {
    const { importId, connectionId, kind, state, matchKey, ...page } = request.query;
    const result = await listUnlinkedRows(request.em, workspaceOf(request), { importId, connectionId, kind, state, matchKey }, page);
    return { items: result.items.map(toUnlinkedRowDto), nextCursor: result.nextCursor };
  });

  app.post('/v1/imports/unlinked/:id/resolve', {
    config: { roles: importers },
    schema: {
      tags,
      summary: 'Link an open row to a post (post-metrics) or a tracking link or offer code (conversions) and store it',
      params: idParams,
      body: resolveBody,
      response: { 200: unlinkedRowSchema, ...problemResponses },
    },
  }, async (request) => toUnlinkedRowDto(await resolveUnlinkedRow(request.em, workspaceOf(request), request.params.id, request.body, new Date())));

  app.post('/v1/imports/unlinked/resolve', {
    config: { roles: importers },
    schema: {
      tags,
      summary: 'Link every open row with one match key (the same unknown post, code or UTM tags) at once',
      body: resolveByKeyBody,
      response: { 200: resolvedManySchema, ...problemResponses },
    },
  }, async (request) => resolveUnlinkedByKey(request.em, workspaceOf(request), request.body, new Date()));

  app.post('/v1/imports/unlinked/:id/dismiss', {
    config: { roles: importers },
    schema: { tags, summary: 'Dismiss an open row: it is not data of a tracked post, link or code', params: idParams, response: { 200: unlinkedRowSchema, ...problemResponses } },
  }, async (request) => toUnlinkedRowDto(await dismissUnlinkedRow(request.em, workspaceOf(request), request.params.id, new Date())));
}
