import type { EntityManager } from '@mikro-orm/postgresql';
import { scopedCommentsSql, type BrandSafetyScope } from './brand-safety.repository.ts';
import { query } from './sql.ts';
import type { BatchUsage } from '../../core/classification-usage.ts';
import type { ClassificationUsage } from '../../core/reports/brand-safety-report.ts';

export type UsageRow = BatchUsage;

/** A stored usage row's id, keyed as usageRows groups them (workspace, classifier, version). */
export type RecordedUsage = { id: string; workspaceId: string; classifier: string; version: string };

/**
 * Stores what a batch cost, one row per workspace, classifier and version; returns the rows' ids so
 * the batch's classifications can name the row whose cost they share. (The classify job stores
 * them with its results in one statement: saveClassifications with its `usage`.)
 */
export async function recordClassificationUsage(em: EntityManager, rows: UsageRow[], now: Date): Promise<RecordedUsage[]> {
  if (rows.length === 0) return [];
  const insert = usageInsert(rows, now);
  const recorded = await query<{ id: string; workspace_id: string; classifier: string; version: string }>(em, insert.sql, insert.params);
  return recorded.map((row) => ({ id: row.id, workspaceId: row.workspace_id, classifier: row.classifier, version: row.version }));
}

/** The insert of a batch's usage rows (`?` parameters), returning each row's id and key. */
export function usageInsert(rows: UsageRow[], now: Date): { sql: string; params: unknown[] } {
  return {
    sql: `insert into classification_usage (id, created_at, updated_at, workspace_id, classifier, version, comments, prompt_tokens, completion_tokens, cost_usd_micros, requests, recorded_at)
     select gen_random_uuid(), ?, ?, r.workspace_id, r.classifier, r.version, r.comments, r.prompt_tokens, r.completion_tokens, r.cost_usd_micros, r.requests, ?
     from jsonb_to_recordset(?::jsonb) as r(workspace_id uuid, classifier text, version text, comments int, prompt_tokens int, completion_tokens int, cost_usd_micros bigint, requests int)
     returning id, workspace_id, classifier, version`,
    params: [now, now, now, JSON.stringify(rows.map((r) => ({ workspace_id: r.workspaceId, classifier: r.classifier, version: r.version, comments: r.comments, prompt_tokens: r.promptTokens, completion_tokens: r.completionTokens, cost_usd_micros: r.costUsdMicros, requests: r.requests })))],
  };
}

/** `comments`: the classifications of comments in scope by this classifier version. */
export type UsageSummary = ClassificationUsage;

/**
 * What classifying the comments in scope cost (the brand-safety report's scope: the same filters as
 * every other figure of it). Every classification of those comments counts (each version ran and
 * was paid for); each takes an equal share of its usage row, so a batch's tokens, requests and cost
 * are shared among the comments it classified. Shares are summed unrounded and rounded once.
 */
export async function classificationUsageOfComments(em: EntityManager, workspaceId: string, scope: BrandSafetyScope): Promise<UsageSummary[]> {
  const scoped = scopedCommentsSql(workspaceId, scope);
  const share = (column: string) => `coalesce(sum(u.${column}::float8 / nullif(u.comments, 0)), 0)`;
  const rows = await query<{ classifier: string; version: string; comments: number; prompt_tokens: number; completion_tokens: number; cost_usd_micros: number; requests: number; unattributed: number }>(
    em,
    `with scoped as materialized (${scoped.sql})
     select cc.classifier, cc.version, count(*)::int as comments,
            ${share('prompt_tokens')} as prompt_tokens, ${share('completion_tokens')} as completion_tokens,
            ${share('cost_usd_micros')} as cost_usd_micros, ${share('requests')} as requests,
            (count(*) filter (where cc.usage_id is null and cc.classifier <> 'offline'))::int as unattributed
     from scoped sc join comment_classification cc on cc.comment_id = sc.id and cc.workspace_id = ?
     left join classification_usage u on u.id = cc.usage_id
     group by cc.classifier, cc.version order by cc.classifier, cc.version`,
    [...scoped.params, workspaceId],
  );
  return rows.map((row) => ({
    classifier: row.classifier,
    version: row.version,
    comments: row.comments,
    promptTokens: Math.round(Number(row.prompt_tokens)),
    completionTokens: Math.round(Number(row.completion_tokens)),
    costUsdMicros: Math.round(Number(row.cost_usd_micros)),
    requests: Math.round(Number(row.requests)),
    unattributed: row.unattributed,
  }));
}
