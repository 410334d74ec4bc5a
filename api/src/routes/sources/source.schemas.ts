import { z } from 'zod';
import { sourceKinds } from '@persona-ops/domain/core';
import { dateSchema, idSchema, minorUnits, paginationQuery, pageOf } from '../../http/common.schemas.ts';

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

export const createSourceBody = z.object({
  kind: z.enum(sourceKinds),
  name: z.string().trim().min(1, 'must not be empty').max(255),
  handles: z.record(z.string().min(1), z.string().trim().min(1).max(255)).default({}),
  aliases: z.array(z.string().trim().min(1).max(255)).max(50).default([]),
  launchedOn: dateSchema.nullable().default(null),
  hourlyRateMinor: minorUnits.nullable().default(null),
});

export const updateSourceBody = createSourceBody.omit({ kind: true }).partial().refine((body) => Object.keys(body).length > 0, {
  message: 'send at least one field to change',
});

export const listSourcesQuery = z.object({
  kind: z.enum(sourceKinds).optional(),
  ...paginationQuery(['createdAt', 'name', 'launchedOn'] as const, 'createdAt'),
});

export const sourcePage = pageOf(sourceSchema);
