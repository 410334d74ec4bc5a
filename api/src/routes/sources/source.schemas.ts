import { z } from 'zod';
import { sourceKinds } from '@persona-ops/domain/core';
import { dateSchema, idSchema, minorUnits, paginationQuery, pageOf } from '../../http/common.schemas.ts';
import { mergePatchSchema } from '../../http/merge-patch.ts';

export const sourceSchema = z
  .object({
    id: idSchema,
    kind: z.enum(sourceKinds),
    name: z.string(),
    handles: z.record(z.string(), z.string()).describe('Platform -> handle, e.g. {"instagram":"@lea.nova"}'),
    aliases: z.array(z.string()).describe('Other names that count as a mention of this source'),
    launchedOn: dateSchema.nullable().describe('Launch date (character) or first-post date (human creator)'),
    hourlyRateMinor: z.number().int().nullable().describe('Overrides the workspace hourly rate for this source'),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Source' });

// What a source is made of, its kind aside (fixed at registration): the defaults are what a member
// left out at creation, or removed by a PATCH with null, becomes.
export const sourceFields = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(255),
  handles: z.record(z.string().min(1), z.string().trim().min(1).max(255)).default({}).describe('Platform -> handle, e.g. {"instagram":"@lea.nova"}'),
  aliases: z.array(z.string().trim().min(1).max(255)).max(50).default([]).describe('Other names that count as a mention of this source'),
  launchedOn: dateSchema.nullable().default(null).describe('Launch date (character) or first-post date (human creator)'),
  hourlyRateMinor: minorUnits.nullable().default(null).describe('Overrides the workspace hourly rate for this source'),
});

export const createSourceBody = sourceFields.extend({ kind: z.enum(sourceKinds) });

export const updateSourceBody = mergePatchSchema(sourceFields, 'SourcePatch', 'handles merge per platform (a null handle removes that platform); launchedOn and hourlyRateMinor clear with null (the source then uses the workspace rate); the kind cannot change.');

export const listSourcesQuery = z.object({
  kind: z.enum(sourceKinds).optional(),
  ...paginationQuery(['createdAt', 'name', 'launchedOn'] as const, 'createdAt'),
});

export const sourcePage = pageOf(sourceSchema);
