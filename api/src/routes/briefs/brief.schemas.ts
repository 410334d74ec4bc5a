import { z } from 'zod';
import { idSchema, paginationQuery, pageOf, periodQuery, timestampSchema } from '../../http/common.schemas.ts';

export const briefSchema = z
  .object({
    id: idSchema,
    campaignId: idSchema,
    sourceId: idSchema,
    title: z.string(),
    description: z.string(),
    openedAt: z.iso.datetime().describe('When the brief was issued: the production clock starts here'),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Brief' });

export const createBriefBody = z.object({
  campaignId: idSchema,
  sourceId: idSchema,
  title: z.string().trim().min(1, 'must not be empty').max(255),
  description: z.string().max(20_000).default(''),
  openedAt: timestampSchema.optional().describe('Defaults to now; set it when logging a brief issued earlier'),
});

export const listBriefsQuery = z.object({
  campaignId: idSchema.optional(),
  sourceId: idSchema.optional(),
  ...periodQuery,
  ...paginationQuery(['openedAt', 'createdAt', 'title'] as const, 'openedAt'),
});

export const briefPage = pageOf(briefSchema);
