import { CostLine } from '@persona-ops/domain/store';
import type { FastifyZod } from '../../http/fastify-zod.ts';
import { acceptCsvBodies } from '../../http/csv-body.ts';
import { idParams } from '../../http/common.schemas.ts';
import { problemResponses, problemSchema } from '../../http/problem.ts';
import { workspaceOf } from '../../plugins/auth.plugin.ts';
import { deleteCostLine, listCostLines, toCostLineDto, upsertCostLines } from '../../services/cost-lines.service.ts';
import { importCostLines } from '../../services/cost-lines-import.service.ts';
import { findOwned } from '../../services/owned.ts';

import { bulkCostLinesBody, bulkCostLinesResult, costLinePage, costLineSchema, costLinesCsvBody, costLinesImportResult, listCostLinesQuery, maxCostLinesFileBytes } from './cost-line.schemas.ts';
import { incomingCostLineSchema } from '../../http/cost-line-input.ts';

const tags = ['cost-lines'];
const writers = ['studio'] as const;

// What each source costs per campaign: creator fees (flat or per deliverable), usage rights,
// seeding, commission, boosts; for one source or shared by the campaign's sources.
export async function costLineRoutes(app: FastifyZod) {
  acceptCsvBodies(app, maxCostLinesFileBytes);

  app.post('/v1/imports/cost-lines', {
    config: { roles: writers },
    bodyLimit: maxCostLinesFileBytes,
    schema: {
      tags: [...tags, 'imports'],
      summary: 'Import cost lines from a CSV (up to 10,000 rows, 5 MB), read at once',
      description: 'Good rows are recorded (idempotent by external id, like the bulk endpoint); every other row is answered with its line, column and reason.',
      consumes: ['text/csv'],
      body: costLinesCsvBody,
      response: { 200: costLinesImportResult, ...problemResponses, 413: problemSchema.describe('The file is larger than 5 MB') },
    },
  }, async (request) => importCostLines(request.em, workspaceOf(request), request.body));

  app.post('/v1/cost-lines', {
    config: { roles: writers },
    schema: {
      tags,
      summary: 'Record one cost line (an externalId already recorded updates that line)',
      body: incomingCostLineSchema,
      response: { 201: costLineSchema, 200: costLineSchema.describe('The line with this externalId, updated'), ...problemResponses },
    },
  }, async (request, reply) => {
    const result = await upsertCostLines(request.em, workspaceOf(request), [request.body], (_, field) => (field ? `body.${field}` : 'body'));
    return reply.status(result.inserted === 1 ? 201 : 200).send(toCostLineDto(result.lines[0]!));
  });

  app.post('/v1/cost-lines/bulk', {
    config: { roles: writers },
    schema: {
      tags,
      summary: 'Record up to 10,000 cost lines, all or nothing, idempotent by externalId',
      body: bulkCostLinesBody,
      response: { 200: bulkCostLinesResult, ...problemResponses },
    },
  }, async (request) => {
    const result = await upsertCostLines(request.em, workspaceOf(request), request.body.lines);
    return { ...result, lines: result.lines.map(toCostLineDto) };
  });

  app.get('/v1/cost-lines', {
    schema: { tags, summary: 'List cost lines', querystring: listCostLinesQuery, response: { 200: costLinePage, ...problemResponses } },
  }, async (request) => {
    const { campaignId, sourceId, kind, status, ...page } = request.query;
    const result = await listCostLines(request.em, workspaceOf(request), { campaignId, sourceId, kind, status }, page);
    return { items: result.items.map(toCostLineDto), nextCursor: result.nextCursor };
  });

  app.get('/v1/cost-lines/:id', {
    schema: { tags, summary: 'Get one cost line', params: idParams, response: { 200: costLineSchema, ...problemResponses } },
  }, async (request) => toCostLineDto(await findOwned(request.em, CostLine, 'cost line', request.params.id, workspaceOf(request))));

  app.delete('/v1/cost-lines/:id', {
    config: { roles: writers },
    schema: { tags, summary: 'Delete a cost line recorded by mistake (answers the deleted line)', params: idParams, response: { 200: costLineSchema, ...problemResponses } },
  }, async (request) => toCostLineDto(await deleteCostLine(request.em, workspaceOf(request), request.params.id)));
}
