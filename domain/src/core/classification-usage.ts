import type { ClassifierUsage } from './safety-taxonomy.ts';

// What classifying cost, and who it is charged to. A batch of comments may mix workspaces; the
// offline classifier costs nothing, and what a paid one spent on the batch is shared among the
// workspaces in proportion to the comments it decided for each.

/** What one classifier version used for a workspace's comments (a batch's share, or summed over a scope). */
export type UsageCounts = {
  classifier: string;
  version: string;
  comments: number;
  promptTokens: number;
  completionTokens: number;
  costUsdMicros: number;
  requests: number;
};

export type BatchUsage = UsageCounts & { workspaceId: string };

/** One row per workspace, classifier and version of a batch's decisions, each with its share of the batch's usage. */
export function batchUsageShares(decided: ReadonlyArray<{ workspaceId: string; classifier: string; version: string }>, usage: ClassifierUsage | undefined): BatchUsage[] {
  const groups = new Map<string, BatchUsage>();
  for (const result of decided) {
    const key = `${result.workspaceId}|${result.classifier}|${result.version}`;
    const row = groups.get(key) ?? { workspaceId: result.workspaceId, classifier: result.classifier, version: result.version, comments: 0, promptTokens: 0, completionTokens: 0, costUsdMicros: 0, requests: 0 };
    row.comments += 1;
    groups.set(key, row);
  }
  const paid = [...groups.values()].filter((row) => row.classifier !== 'offline');
  const paidComments = paid.reduce((sum, row) => sum + row.comments, 0);
  if (usage && paidComments > 0) {
    for (const row of paid) {
      const share = row.comments / paidComments;
      row.promptTokens = Math.round(usage.promptTokens * share);
      row.completionTokens = Math.round(usage.completionTokens * share);
      row.costUsdMicros = Math.round(usage.costUsdMicros * share);
      row.requests = Math.round(usage.requests * share);
    }
  }
  return [...groups.values()];
}

/**
 * A classification's flags with the workspace's rule applied: a comment that names one of its
 * competitors is flagged `competitor`, whichever classifier decided (the list is the workspace's).
 */
export function withCompetitorFlag(flags: readonly string[], namesCompetitor: boolean): string[] {
  return namesCompetitor && !flags.includes('competitor') ? [...flags, 'competitor'] : [...flags];
}
