import { z } from 'zod';
import { alertMetrics } from '@persona-ops/domain/store';
import { idSchema, paginationQuery, pageOf, periodQuery } from '../../http/common.schemas.ts';

export const alertSchema = z
  .object({
    id: idSchema,
    sourceId: idSchema.describe('The character (or creator) whose comments spiked'),
    metric: z.enum(alertMetrics),
    day: z.iso.date(),
    share: z.number().describe('That day\'s share, percent'),
    baselineMean: z.number().describe('Mean share of the trailing baseline days, percent'),
    baselineSd: z.number(),
    comments: z.number().int().describe('Classified comments that day'),
    detectedAt: z.iso.datetime(),
    delivery: z.object({
      deliveredAt: z.iso.datetime().nullable(),
      attempts: z.number().int(),
      lastError: z.string().nullable(),
    }),
  })
  .meta({ id: 'Alert' });

export const listAlertsQuery = z.object({
  sourceId: idSchema.optional(),
  metric: z.enum(alertMetrics).optional(),
  ...periodQuery,
  ...paginationQuery(['detectedAt', 'day'] as const, 'detectedAt'),
});

export const alertPage = pageOf(alertSchema);
