import { z } from 'zod';
import { channels, placementKinds } from '@persona-ops/domain/core';
import { idSchema, paginationQuery, pageOf, periodQuery } from '../../http/common.schemas.ts';

export const postSchema = z
  .object({
    id: idSchema,
    assetId: idSchema,
    campaignId: idSchema,
    sourceId: idSchema,
    channel: z.enum(channels),
    url: z.string(),
    publishedAt: z.iso.datetime(),
    placement: z.enum(placementKinds),
    spendMinor: z.number().int(),
    currency: z.string(),
    aiLabelApplied: z.boolean(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Post' });

export const listPostsQuery = z.object({
  campaignId: idSchema.optional(),
  sourceId: idSchema.optional(),
  assetId: idSchema.optional(),
  channel: z.enum(channels).optional(),
  placement: z.enum(placementKinds).optional(),
  aiLabelApplied: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
  ...periodQuery,
  ...paginationQuery(['publishedAt', 'createdAt'] as const, 'publishedAt'),
});

export const postPage = pageOf(postSchema);
