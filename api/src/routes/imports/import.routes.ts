import type { FastifyZod } from '../../http/fastify-zod.ts';
import { ApiError } from '../../http/api-error.ts';
import { idParams } from '../../http/common.schemas.ts';
import { problemResponses, problemSchema } from '../../http/problem.ts';
import { workspaceOf } from '../../plugins/auth.plugin.ts';
import { getImport, requestCommentsImport, toImportDto } from '../../services/imports.service.ts';
import { importCommentsQuery, importCsvBody, importJobSchema, maxImportBytes } from './import.schemas.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export async function importRoutes(app: FastifyZod) {
  // CSV arrives as raw bytes: checked to be UTF-8 here, so a wrongly encoded export is refused with
  // a way out instead of being stored as garbled text.
  app.addContentTypeParser(['text/csv', 'application/csv'], { parseAs: 'buffer', bodyLimit: maxImportBytes }, (_request, body, done) => {
    try {
      done(null, utf8.decode(body as Buffer));
    } catch {
      done(new ApiError(400, 'invalid_file', 'The file is not UTF-8 text. Export it again as "CSV UTF-8" (or convert it) and upload it again.', [{ field: 'body', message: 'is not UTF-8' }]), undefined);
    }
  });

  app.post('/v1/imports/comments', {
    config: { roles: ['studio'] },
    bodyLimit: maxImportBytes,
    schema: {
      tags: ['imports'],
      summary: 'Import a comments export (CSV, up to 50 MB) as a job; follow it with GET /v1/imports/{id}',
      consumes: ['text/csv'],
      querystring: importCommentsQuery,
      body: importCsvBody,
      response: { 202: importJobSchema, ...problemResponses, 413: problemSchema.describe('The file is larger than 50 MB') },
    },
  }, async (request, reply) => {
    const job = await requestCommentsImport(request.em, workspaceOf(request), request.principal.userId, { csv: request.body, fileName: request.query.fileName, mapping: request.query.mapping });
    return reply.status(202).send(toImportDto(job));
  });

  app.get('/v1/imports/:id', {
    schema: { tags: ['imports'], summary: 'An import with its progress and every rejected row', params: idParams, response: { 200: importJobSchema, ...problemResponses } },
  }, async (request) => toImportDto(await getImport(request.em, workspaceOf(request), request.params.id)));
}
