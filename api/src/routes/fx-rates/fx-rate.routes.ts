import type { FastifyZod } from '../../http/fastify-zod.ts';
import { acceptCsvBodies } from '../../http/csv-body.ts';
import { problemResponses, problemSchema } from '../../http/problem.ts';
import { workspaceOf } from '../../plugins/auth.plugin.ts';
import { importFxRates, ingestFxRates, listFxRates, toFxRateDto } from '../../services/fx-rates.service.ts';
import { upsertResultSchema } from '../metrics/metric.schemas.ts';
import { bulkFxRatesBody, fxLookbackNote, fxRateImportResultSchema, fxRatePage, fxRatesCsvBody, importFxRatesQuery, listFxRatesQuery, maxFxRatesFileBytes } from './fx-rate.schemas.ts';

const tags = ['fx-rates'];
// Rates change what every converted report says: admins write them, everyone reads them.
const adminOnly = { roles: [] as const };

// The workspace's own exchange rates, entered or imported; reports convert money into the
// workspace's reporting currency with them (domain/src/core/fx.ts).
export async function fxRateRoutes(app: FastifyZod) {
  acceptCsvBodies(app, maxFxRatesFileBytes);

  app.post('/v1/fx-rates/bulk', {
    config: adminOnly,
    schema: {
      tags,
      summary: 'Record up to 10,000 daily exchange rates; all or nothing, idempotent on day + base + quote',
      description: `A rate sent again with the same value is unchanged; with another value it replaces the stored one. ${fxLookbackNote}`,
      body: bulkFxRatesBody,
      response: { 200: upsertResultSchema, ...problemResponses, 422: problemSchema.describe('A (day, base, quote) repeats another row of the batch') },
    },
  }, async (request) => ingestFxRates(request.em, workspaceOf(request), request.body.rates, new Date()));

  app.get('/v1/fx-rates', {
    schema: { tags, summary: "The workspace's exchange rates, by day", querystring: listFxRatesQuery, response: { 200: fxRatePage, ...problemResponses } },
  }, async (request) => {
    const { base, quote, from, to, ...page } = request.query;
    const result = await listFxRates(request.em, workspaceOf(request), { base, quote, from, to }, page);
    return { items: result.items.map(toFxRateDto), nextCursor: result.nextCursor };
  });

  app.post('/v1/imports/fx-rates', {
    config: adminOnly,
    bodyLimit: maxFxRatesFileBytes,
    schema: {
      tags: [...tags, 'imports'],
      summary: 'Import exchange rates from a CSV (up to 5 MB): the ECB reference rates or day,base,quote,rate',
      description:
        'Read at once (no job). The ECB files as published: eurofxref-hist.csv (every day since 1999) or eurofxref.csv (the latest day); each value is units of the column\'s currency per 1 EUR and is stored as the EUR/<currency> rate of its day; N/A cells are skipped. ' +
        `Or a CSV with the header day,base,quote,rate. Idempotent on day + base + quote: importing the file again changes nothing. Rows, columns and cells that cannot be read are answered with the reason; the rest is stored. ${fxLookbackNote}`,
      consumes: ['text/csv'],
      querystring: importFxRatesQuery,
      body: fxRatesCsvBody,
      response: { 200: fxRateImportResultSchema, ...problemResponses, 413: problemSchema.describe('The file is larger than 5 MB') },
    },
  }, async (request) => importFxRates(request.em, workspaceOf(request), { csv: request.body, fileName: request.query.fileName }, new Date()));
}
