import { z } from 'zod';
import { costBases, costKinds, costSplitRules, costStatuses } from '@persona-ops/domain/core';
import { dateSchema, idSchema, pageOf, paginationQuery } from '../../http/common.schemas.ts';
import { incomingCostLineSchema } from '../../http/cost-line-input.ts';

export const costLineSchema = z
  .object({
    id: idSchema,
    campaignId: idSchema,
    sourceId: idSchema.nullable().describe('null: shared by the campaign’s sources under `split`'),
    externalId: z.string().nullable().describe('Your own key for the line: a bulk or CSV upload sent again updates the line instead of adding one'),
    kind: z.enum(costKinds),
    basis: z.enum(costBases),
    unitAmountMinor: z.number().int().describe('The flat amount, or the price of one deliverable, in minor units'),
    deliverables: z.number().int(),
    amountMinor: z.number().int().describe('flat: unitAmountMinor; per_deliverable: unitAmountMinor × deliverables'),
    currency: z.string(),
    incurredOn: dateSchema.describe('When the cost was committed or paid (its exchange rate is that day’s)'),
    status: z.enum(costStatuses).describe('committed: agreed, not paid yet; spent: paid'),
    split: z.enum(costSplitRules).nullable(),
    shares: z.record(z.string(), z.number()).nullable().describe('split "explicit": source id → percent'),
    note: z.string().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'CostLine' });


export const bulkCostLinesBody = z.object({
  lines: z.array(incomingCostLineSchema).min(1, 'send at least one line').max(10_000, 'send at most 10,000 lines a request'),
});

export const bulkCostLinesResult = z
  .object({
    inserted: z.number().int(),
    updated: z.number().int().describe('Lines with a known externalId that changed'),
    unchanged: z.number().int().describe('Lines with a known externalId sent again unchanged'),
    lines: z.array(costLineSchema),
  })
  .meta({ id: 'CostLinesUpserted' });

export const listCostLinesQuery = z.object({
  campaignId: idSchema.optional(),
  sourceId: idSchema.optional().describe('Lines of this source (shared lines are listed with the campaign)'),
  kind: z.enum(costKinds).optional(),
  status: z.enum(costStatuses).optional(),
  ...paginationQuery(['incurredOn', 'createdAt'] as const, 'incurredOn'),
});

export const costLinePage = pageOf(costLineSchema);

export const maxCostLinesFileBytes = 5 * 1024 * 1024;

export const costLinesCsvBody = z
  .string()
  .min(1, 'the file is empty')
  .describe('CSV, UTF-8, one cost line a row. Columns: campaign (id or exact name), source (id or name; empty: shared), kind, basis, amount (major units, 1,500.00) or amount minor, deliverables, currency, date, status, split, shares ("Léa Nova: 40; Jon Rivera: 60"), external id, note');

export const costLinesImportResult = z
  .object({
    rows: z.number().int().describe('Data rows in the file'),
    inserted: z.number().int(),
    updated: z.number().int().describe('Rows whose external id was recorded with other values'),
    unchanged: z.number().int().describe('Rows whose external id was recorded with the same values'),
    rejectedCount: z.number().int(),
    rejected: z.array(z.object({ line: z.number().int(), column: z.string(), reason: z.string() })).describe('Every row not recorded (first 1,000), with its line in the file, column and reason'),
  })
  .meta({ id: 'CostLinesImported' });
