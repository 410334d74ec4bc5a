import { z } from 'zod';

// How fresh a report built on the rollups is. The rollups are refreshed by the refresh-rollups job
// shortly after each write (and built on first use); between a write and that refresh, the report
// shows the previous figures and counts the changes waiting.
export const liveQuery = {
  live: z
    .stringbool()
    .default(false)
    .describe('true: compute from every post and snapshot now instead of the rollups (slower on large workspaces)'),
};

export const freshnessSchema = z
  .object({
    basis: z.enum(['rollup', 'live']).describe('rollup: pre-summed inputs as of refreshedAt; live: computed from every row at request time'),
    refreshedAt: z.iso.datetime().nullable().describe('When the rollups were last refreshed (null on the live basis)'),
    pendingChanges: z.number().int().describe('Groups of posts (a source\'s posts of one UTC day) written to since refreshedAt and not in these figures yet; 0 on the live basis'),
    note: z.string().describe('Why this basis was used'),
  })
  .meta({ id: 'ReportFreshness' });
export type Freshness = z.output<typeof freshnessSchema>;
