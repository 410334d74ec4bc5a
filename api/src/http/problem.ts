import { z } from 'zod';

// RFC 9457 problem details. `errors` names each offending field and what to do about it.
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    code: z.string(),
    errors: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional(),
    legalActions: z.array(z.string()).optional(),
  })
  .meta({ id: 'Problem' });

export type Problem = z.infer<typeof problemSchema>;

export const problemResponses = {
  400: problemSchema.describe('Invalid input'),
  401: problemSchema.describe('Missing or unknown API key'),
  403: problemSchema.describe('The key\'s role may not do this'),
  404: problemSchema.describe('Unknown id (or one from another workspace)'),
} as const;
