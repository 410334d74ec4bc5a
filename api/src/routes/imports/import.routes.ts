import type { FastifyZod } from '../../http/fastify-zod.ts';
import { idParams } from '../../http/common.schemas.ts';
import { acceptCsvBodies } from '../../http/csv-body.ts';
import { problemResponses, problemSchema } from '../../http/problem.ts';
import { workspaceOf } from '../../plugins/auth.plugin.ts';
import { getImport, listImports, requestCommentsImport, requestPlatformImport, toImportDto } from '../../services/imports.service.ts';
import { importCommentsQuery, importConversionsQuery, importCsvBody, importJobPage, importJobSchema, importPostMetricsQuery, listImportsQuery, maxImportBytes } from './import.schemas.ts';

const tags = ['imports'];
const importers = ['studio'] as const;
const tooLarge = { 413: problemSchema.describe('The file is larger than 50 MB') };

export async function importRoutes(app: FastifyZod) {
  acceptCsvBodies(app, maxImportBytes);

  app.post('/v1/imports/comments', {
    config: { roles: importers },
    bodyLimit: maxImportBytes,
    schema: {
      tags,
      summary: 'Import a comments export (CSV, up to 50 MB) as a job; follow it with GET /v1/imports/{id}',
      consumes: ['text/csv'],
      querystring: importCommentsQuery,
      body: importCsvBody,
      response: { 202: importJobSchema, ...problemResponses, ...tooLarge },
    },
  }, async (request, reply) => {
    const job = await requestCommentsImport(request.em, workspaceOf(request), request.principal.userId, { csv: request.body, fileName: request.query.fileName, mapping: request.query.mapping, requestId: request.id });
    return reply.status(202).send(toImportDto(job));
  });

  app.post('/v1/imports/post-metrics', {
    config: { roles: importers },
    bodyLimit: maxImportBytes,
    schema: {
      tags,
      summary: 'Import an Instagram, TikTok or YouTube post-analytics export (CSV, up to 50 MB) as a job',
      description: 'Each row becomes a metric snapshot of the post it names (by the platform\'s post id or its URL), at the capture time; a follower column becomes the source\'s follower count that day. Rows naming no known post wait in GET /v1/imports/unlinked. Follow the job with GET /v1/imports/{id}.',
      consumes: ['text/csv'],
      querystring: importPostMetricsQuery,
      body: importCsvBody,
      response: { 202: importJobSchema, ...problemResponses, ...tooLarge },
    },
  }, async (request, reply) => {
    const { platform, sourceId, capturedAt, fileName, mapping, saveMapping } = request.query;
    const job = await requestPlatformImport(request.em, workspaceOf(request), request.principal.userId, { kind: 'post-metrics', platform, csv: request.body, fileName, mapping, saveMapping, sourceId, capturedAt, requestId: request.id }, new Date());
    return reply.status(202).send(toImportDto(job));
  });

  app.post('/v1/imports/conversions', {
    config: { roles: importers },
    bodyLimit: maxImportBytes,
    schema: {
      tags,
      summary: 'Import a GA4 or Shopify report of conversions (CSV, up to 50 MB) as a job',
      description: 'Each row becomes the conversion counts of the tracking link (matched by its UTM tags) or offer code (by its text) it names, on its day; a row sent again replaces that day. Rows naming nothing known wait in GET /v1/imports/unlinked. Follow the job with GET /v1/imports/{id}.',
      consumes: ['text/csv'],
      querystring: importConversionsQuery,
      body: importCsvBody,
      response: { 202: importJobSchema, ...problemResponses, ...tooLarge },
    },
  }, async (request, reply) => {
    const { platform, currency, fileName, mapping, saveMapping } = request.query;
    const job = await requestPlatformImport(request.em, workspaceOf(request), request.principal.userId, { kind: 'conversions', platform, csv: request.body, fileName, mapping, saveMapping, currency, requestId: request.id }, new Date());
    return reply.status(202).send(toImportDto(job));
  });

  app.get('/v1/imports', {
    schema: { tags, summary: 'List imports, newest first', querystring: listImportsQuery, response: { 200: importJobPage, ...problemResponses } },
  }, async (request) => {
    const { kind, state, ...page } = request.query;
    const result = await listImports(request.em, workspaceOf(request), { kind, state }, page);
    return { items: result.items.map(toImportDto), nextCursor: result.nextCursor };
  });

  app.get('/v1/imports/:id', {
    schema: { tags, summary: 'An import with its progress and every rejected row', params: idParams, response: { 200: importJobSchema, ...problemResponses } },
  }, async (request) => toImportDto(await getImport(request.em, workspaceOf(request), request.params.id)));
}
