import { z } from 'zod';
import { conversionFields, importKindsByPlatform, postMetricFields } from '@persona-ops/domain/core';
import { importKinds, importStates, unlinkedRowStates } from '@persona-ops/domain/store';
import { currencySchema, idSchema, pageOf, paginationQuery, timestampSchema } from '../../http/common.schemas.ts';

export const maxImportBytes = 50 * 1024 * 1024;

const mappingParam = (fields: readonly string[], example: string) =>
  z
    .string()
    .max(4_000)
    .optional()
    .describe(`JSON object: column name in the file -> field (${fields.join(', ')}), e.g. ${example}. It wins over the workspace's saved mapping, which wins over the platform's usual column names.`);

const saveMappingParam = z
  .enum(['true', 'false'])
  .transform((value) => value === 'true')
  .default(false)
  .describe('true: save this upload\'s mapping as the workspace\'s mapping for this kind and platform, used by later uploads');

export const importCommentsQuery = z.object({
  fileName: z.string().max(255).default('comments.csv'),
  mapping: z
    .string()
    .max(4_000)
    .optional()
    .describe('JSON object: column name in the file -> field (postId, postUrl, platformCommentId, text, authorHandle, postedAt). Without it the columns are recognised by their usual names.'),
});

export const importPostMetricsQuery = z.object({
  platform: z.enum(importKindsByPlatform['post-metrics']).describe('Whose export this is: its usual column names and number formats are recognised'),
  sourceId: idSchema.optional().describe("Only this source's posts are matched (and a follower count in the file is this source's). Default: any post of the workspace on the platform"),
  capturedAt: timestampSchema.optional().describe('When the counters were read, for exports without a capture-time column (Instagram, TikTok and YouTube exports have none). Default: the time of the upload'),
  fileName: z.string().max(255).default('post-metrics.csv'),
  mapping: mappingParam(postMetricFields, '{"Video":"platformPostId","Views":"views"}'),
  saveMapping: saveMappingParam,
});

export const importConversionsQuery = z.object({
  platform: z.enum(importKindsByPlatform.conversions).describe('Whose report this is: its usual column names and number formats are recognised'),
  currency: currencySchema.describe("The currency of the file's revenue (ISO 4217); it must be the campaign's currency of every link and code the rows name"),
  fileName: z.string().max(255).default('conversions.csv'),
  mapping: mappingParam(conversionFields, '{"Campaign":"utmCampaign","Purchases":"sales"}'),
  saveMapping: saveMappingParam,
});

export const importCsvBody = z.string().min(1, 'the file is empty').describe('The CSV file, UTF-8, with a header row');

export const importJobSchema = z
  .object({
    id: idSchema,
    kind: z.enum(importKinds),
    platform: z.string().nullable().describe('instagram, tiktok, youtube, ga4 or shopify; null for comments'),
    state: z.enum(importStates),
    fileName: z.string(),
    sizeBytes: z.number().int(),
    mapping: z.record(z.string(), z.string()).describe('Column name in the file -> field, as used for this file'),
    totalRows: z.number().int().nullable().describe('Known when the file has been read to the end'),
    processedRows: z.number().int(),
    accepted: z.number().int().describe('Rows stored: new, or changing what was stored'),
    duplicates: z.number().int().describe('Rows already stored as they are: unchanged'),
    rejectedCount: z.number().int(),
    unlinked: z.number().int().describe('Valid rows naming no known post, link or code: see GET /v1/imports/unlinked?importId='),
    skipped: z.number().int().describe("Rows that are not data: an export's total row, traffic without a campaign"),
    rejections: z.array(z.object({ line: z.number().int(), column: z.string().nullable(), reason: z.string() })).describe('Every rejected row with its line in the file, column and reason (the first 10,000)'),
    createdAt: z.iso.datetime(),
    startedAt: z.iso.datetime().nullable(),
    finishedAt: z.iso.datetime().nullable(),
    error: z.string().nullable(),
  })
  .meta({ id: 'ImportJob' });

export const importJobPage = pageOf(importJobSchema);
export const listImportsQuery = z.object({
  kind: z.enum(importKinds).optional(),
  state: z.enum(importStates).optional(),
  ...paginationQuery(['createdAt'], 'createdAt'),
});

const mappingKind = z.enum(['post-metrics', 'conversions']);
export const mappingParams = z.object({
  kind: mappingKind,
  platform: z.enum(['instagram', 'tiktok', 'youtube', 'ga4', 'shopify']).describe('post-metrics: instagram, tiktok, youtube; conversions: ga4, shopify'),
});
export const mappingBody = z.object({
  mapping: z.record(z.string().min(1).max(255), z.string()).refine((value) => Object.keys(value).length <= 100, 'at most 100 columns').describe('Column name in the file -> field of the kind'),
});
export const columnMappingSchema = z
  .object({ kind: mappingKind, platform: z.string(), mapping: z.record(z.string(), z.string()), updatedAt: z.iso.datetime() })
  .meta({ id: 'ColumnMapping' });
export const columnMappingList = z.object({ items: z.array(columnMappingSchema) });

export const unlinkedRowSchema = z
  .object({
    id: idSchema,
    importId: idSchema.nullable().describe('The import that read the row; null for a post a connection found'),
    connectionId: idSchema.nullable().describe('The platform connection whose pull found the post (GET /v1/connections/{id}); null for an import row'),
    line: z.number().int().describe('Line of the row in its file (0 for a post a connection found)'),
    kind: z.string(),
    platform: z.string(),
    matchKey: z.string().describe('What the row names that nothing matched (post:<id>, url:<url>, code:<code>, utm:<campaign|content|source|medium>); resolve every open row with it at once with POST /v1/imports/unlinked/resolve'),
    raw: z.record(z.string(), z.string()).describe('The row as the file has it'),
    parsed: z.record(z.string(), z.unknown()).describe('The values read from it'),
    reason: z.string(),
    state: z.enum(unlinkedRowStates),
    resolvedTo: idSchema.nullable().describe('The post, tracking link or offer code it was linked to'),
    resolvedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'UnlinkedImportRow' });
export const unlinkedRowPage = pageOf(unlinkedRowSchema);
export const listUnlinkedQuery = z.object({
  importId: idSchema.optional(),
  connectionId: idSchema.optional(),
  kind: mappingKind.optional(),
  state: z.enum(unlinkedRowStates).optional().describe('Default: every state'),
  matchKey: z.string().max(2048).optional(),
  ...paginationQuery(['createdAt', 'line'], 'createdAt'),
});

const target = {
  postId: idSchema.optional().describe('post-metrics rows: the post the row is about'),
  trackingLinkId: idSchema.optional().describe('conversions rows: the tracking link the row counts'),
  offerCodeId: idSchema.optional().describe('conversions rows: the offer code the row counts'),
};
const oneTarget = (value: { postId?: string | undefined; trackingLinkId?: string | undefined; offerCodeId?: string | undefined }) => [value.postId, value.trackingLinkId, value.offerCodeId].filter(Boolean).length === 1;
const oneTargetMessage = { message: 'send exactly one of postId, trackingLinkId, offerCodeId', path: ['postId'] };
export const resolveBody = z.object(target).refine(oneTarget, oneTargetMessage);
export const resolveByKeyBody = z
  .object({ matchKey: z.string().min(1).max(2048).describe('The matchKey of the open rows to resolve together'), kind: mappingKind, ...target })
  .refine(oneTarget, oneTargetMessage);
export const resolvedManySchema = z.object({
  resolved: z.number().int().describe('Rows linked and stored'),
  accepted: z.number().int(),
  duplicates: z.number().int(),
  rejections: z.array(z.object({ id: idSchema, line: z.number().int(), reason: z.string() })).describe('Rows that stay open because a rule refused them'),
});
