import type { FastifyZod } from '../../http/fastify-zod.ts';
import { problemResponses } from '../../http/problem.ts';
import { workspaceOf } from '../../plugins/auth.plugin.ts';
import { deleteMapping, listMappings, saveMapping, toMappingDto } from '../../services/import-mappings.service.ts';
import { columnMappingList, columnMappingSchema, mappingBody, mappingParams } from './import.schemas.ts';

const tags = ['imports'];
const importers = ['studio'] as const;

// The workspace's own column names per kind of export and platform.
export async function importMappingRoutes(app: FastifyZod) {
  app.get('/v1/import-mappings', {
    schema: { tags, summary: "The workspace's saved column mappings", response: { 200: columnMappingList, ...problemResponses } },
  }, async (request) => ({ items: (await listMappings(request.em, workspaceOf(request))).map(toMappingDto) }));

  app.put('/v1/import-mappings/:kind/:platform', {
    config: { roles: importers },
    schema: {
      tags,
      summary: 'Save the column mapping used by later uploads of this kind and platform (replaces the saved one)',
      params: mappingParams,
      body: mappingBody,
      response: { 200: columnMappingSchema, ...problemResponses },
    },
  }, async (request) => toMappingDto(await saveMapping(request.em, workspaceOf(request), request.params.kind, request.params.platform, request.body.mapping)));

  app.delete('/v1/import-mappings/:kind/:platform', {
    config: { roles: importers },
    schema: { tags, summary: 'Forget the saved mapping (answers it): uploads use the platform\'s usual column names again', params: mappingParams, response: { 200: columnMappingSchema, ...problemResponses } },
  }, async (request) => toMappingDto(await deleteMapping(request.em, workspaceOf(request), request.params.kind, request.params.platform)));
}
