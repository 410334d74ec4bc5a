import { z } from 'zod';
import { sourceKinds } from '@persona-ops/domain/core';
import { idSchema, periodQuery } from './common.schemas.ts';

// The filters every report takes.
export const reportQuery = z.object({
  campaignId: idSchema.optional(),
  sourceId: idSchema.optional(),
  sourceKind: z.enum(sourceKinds).optional(),
  ...periodQuery,
});
export type ReportQuery = z.infer<typeof reportQuery>;

export const moneySchema = z.object({ amountMinor: z.number().int(), currency: z.string() }).meta({ id: 'Money' });

export const distributionSchema = z
  .object({ median: z.number().nullable(), p90: z.number().nullable(), n: z.number().int() })
  .meta({ id: 'Distribution' });
