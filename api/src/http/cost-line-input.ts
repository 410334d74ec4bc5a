import { z } from 'zod';
import { costBases, costKinds, costSplitRules, costStatuses } from '@persona-ops/domain/core';
import { currencySchema, dateSchema, idSchema, minorUnits } from './common.schemas.ts';

// One cost line as it comes in: the JSON body of POST /v1/cost-lines (and of the bulk upload) and
// each row of a cost-lines CSV, so both refuse the same lines with the same words.
export const incomingCostLineSchema = z
  .object({
    campaignId: idSchema,
    sourceId: idSchema.optional().describe('The source the cost is for; leave it out to share the cost among the campaign’s sources (then `split` is required)'),
    externalId: z.string().trim().min(1).max(255).optional(),
    kind: z.enum(costKinds),
    basis: z.enum(costBases).default('flat'),
    amountMinor: minorUnits.max(Number.MAX_SAFE_INTEGER).describe('The flat amount, or with basis "per_deliverable" the price of one deliverable, in minor units'),
    deliverables: z.number().int().min(1).max(100_000).optional().describe('With basis "per_deliverable": how many deliverables are paid for'),
    currency: currencySchema,
    incurredOn: dateSchema,
    status: z.enum(costStatuses).default('committed'),
    split: z.enum(costSplitRules).optional().describe('How a shared line is split: "deliverables" (in proportion to each source’s posts on the campaign) or "explicit" (with shares)'),
    shares: z.record(idSchema, z.number().gt(0).max(100)).optional().describe('With split "explicit": source id → percent, summing to 100'),
    note: z.string().trim().max(255).optional(),
  })
  .meta({ id: 'IncomingCostLine' });
