import { z } from 'zod';
import { importKinds, importStates } from '@persona-ops/domain/store';
import { idSchema } from '../../http/common.schemas.ts';

export const maxImportBytes = 50 * 1024 * 1024;

export const importCommentsQuery = z.object({
  fileName: z.string().max(255).default('comments.csv'),
  mapping: z
    .string()
    .max(4_000)
    .optional()
    .describe('JSON object: column name in the file -> field (postId, postUrl, platformCommentId, text, authorHandle, postedAt). Without it the columns are recognised by their usual names.'),
});

export const importCsvBody = z.string().min(1, 'the file is empty').describe('The CSV file, UTF-8, with a header row');

export const importJobSchema = z
  .object({
    id: idSchema,
    kind: z.enum(importKinds),
    state: z.enum(importStates),
    fileName: z.string(),
    sizeBytes: z.number().int(),
    mapping: z.record(z.string(), z.string()),
    totalRows: z.number().int().nullable().describe('Known when the file has been read to the end'),
    processedRows: z.number().int(),
    accepted: z.number().int().describe('New comments stored'),
    duplicates: z.number().int().describe('Rows whose comment was already known: unchanged'),
    rejectedCount: z.number().int(),
    rejections: z.array(z.object({ line: z.number().int(), column: z.string().nullable(), reason: z.string() })).describe('Every rejected row with its line, column and reason (the first 10,000)'),
    createdAt: z.iso.datetime(),
    startedAt: z.iso.datetime().nullable(),
    finishedAt: z.iso.datetime().nullable(),
    error: z.string().nullable(),
  })
  .meta({ id: 'ImportJob' });
