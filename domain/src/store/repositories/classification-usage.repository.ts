import type { EntityManager } from '@mikro-orm/postgresql';
import { query } from './sql.ts';

export type UsageRow = {
  workspaceId: string;
  classifier: string;
  version: string;
  comments: number;
  promptTokens: number;
  completionTokens: number;
  costUsdMicros: number;
  requests: number;
};

export async function recordClassificationUsage(em: EntityManager, rows: UsageRow[], now: Date) {
  if (rows.length === 0) return;
  await query(
    em,
    `insert into classification_usage (id, created_at, updated_at, workspace_id, classifier, version, comments, prompt_tokens, completion_tokens, cost_usd_micros, requests, recorded_at)
     select gen_random_uuid(), ?, ?, r.workspace_id, r.classifier, r.version, r.comments, r.prompt_tokens, r.completion_tokens, r.cost_usd_micros, r.requests, ?
     from jsonb_to_recordset(?::jsonb) as r(workspace_id uuid, classifier text, version text, comments int, prompt_tokens int, completion_tokens int, cost_usd_micros bigint, requests int)`,
    [now, now, now, JSON.stringify(rows.map((r) => ({ workspace_id: r.workspaceId, classifier: r.classifier, version: r.version, comments: r.comments, prompt_tokens: r.promptTokens, completion_tokens: r.completionTokens, cost_usd_micros: r.costUsdMicros, requests: r.requests })))],
  );
}

export type UsageSummary = { classifier: string; version: string; comments: number; promptTokens: number; completionTokens: number; costUsdMicros: number; requests: number };

export async function classificationUsageSummary(em: EntityManager, workspaceId: string, from?: Date, to?: Date): Promise<UsageSummary[]> {
  const rows = await query<{ classifier: string; version: string; comments: string; prompt_tokens: string; completion_tokens: string; cost_usd_micros: string; requests: string }>(
    em,
    `select classifier, version, sum(comments) as comments, sum(prompt_tokens) as prompt_tokens, sum(completion_tokens) as completion_tokens,
            sum(cost_usd_micros) as cost_usd_micros, sum(requests) as requests
     from classification_usage
     where workspace_id = ? and (?::timestamptz is null or recorded_at >= ?) and (?::timestamptz is null or recorded_at < ?)
     group by classifier, version order by classifier, version`,
    [workspaceId, from ?? null, from ?? null, to ?? null, to ?? null],
  );
  return rows.map((row) => ({
    classifier: row.classifier,
    version: row.version,
    comments: Number(row.comments),
    promptTokens: Number(row.prompt_tokens),
    completionTokens: Number(row.completion_tokens),
    costUsdMicros: Number(row.cost_usd_micros),
    requests: Number(row.requests),
  }));
}
