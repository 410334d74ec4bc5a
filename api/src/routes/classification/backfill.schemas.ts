import { z } from 'zod';
import { backfillStates } from '@persona-ops/domain/store';
import { idSchema } from '../../http/common.schemas.ts';

export const backfillSchema = z
  .object({
    id: idSchema,
    state: z.enum(backfillStates),
    targetVersions: z.array(z.string()).nullable().describe('The classifier versions this backfill brings every comment to (set when it starts)'),
    total: z.number().int().nullable().describe("The workspace's comments when it started"),
    queued: z.number().int().describe('Comments queued for re-classification so far'),
    classified: z.number().int().nullable().describe('Comments that already carry a result from the target versions'),
    progress: z.number().nullable().describe('classified / total × 100'),
    createdAt: z.iso.datetime(),
    startedAt: z.iso.datetime().nullable(),
    finishedAt: z.iso.datetime().nullable().describe('When every comment was queued; classification then finishes in the workers'),
    error: z.string().nullable(),
  })
  .meta({ id: 'ClassificationBackfill' });
