import type { EntityManager } from '@mikro-orm/postgresql';
import type { ImportOptions, ImportRejection } from '../entities/import-job.entity.ts';
import { forgetImportRowKeys } from './import-row-keys.repository.ts';
import { query, textArray, uuidArray } from './sql.ts';

// At most this many rejected rows are kept with a job (the count is always exact).
export const maxKeptRejections = 10_000;

export async function queuedImports(em: EntityManager): Promise<Array<{ id: string; kind: string; workspaceId: string; requestId: string | null }>> {
  const rows = await query<{ id: string; kind: string; workspace_id: string; request_id: string | null }>(em, `select id, kind, workspace_id, request_id from import_job where state = 'queued' order by created_at limit 100`);
  return rows.map((row) => ({ id: row.id, kind: row.kind, workspaceId: row.workspace_id, requestId: row.request_id }));
}

export type ImportToRun = { id: string; workspaceId: string; platform: string | null; options: ImportOptions; mapping: Record<string, string>; processedRows: number; requestId: string | null };

export async function startImport(em: EntityManager, importId: string, now: Date): Promise<ImportToRun | null> {
  const [row] = await query<{ id: string; workspace_id: string; platform: string | null; options: ImportOptions | null; mapping: Record<string, string>; processed_rows: number; request_id: string | null }>(
    em,
    `update import_job set state = 'running', started_at = coalesce(started_at, ?), updated_at = ?
     where id = ? and state in ('queued', 'running')
     returning id, workspace_id, platform, options, mapping, processed_rows, request_id`,
    [now, now, importId],
  );
  return row ? { id: row.id, workspaceId: row.workspace_id, platform: row.platform, options: row.options ?? {}, mapping: row.mapping, processedRows: row.processed_rows, requestId: row.request_id } : null;
}

// One chunk's outcome, added to the job's counters together with the new checkpoint.
export async function recordImportProgress(
  em: EntityManager,
  importId: string,
  chunk: { processedRows: number; accepted: number; duplicates: number; rejections: ImportRejection[]; unlinked?: number; skipped?: number },
  now: Date,
) {
  await query(
    em,
    `update import_job set processed_rows = ?, accepted = accepted + ?, duplicates = duplicates + ?, rejected_count = rejected_count + ?,
       unlinked = unlinked + ?, skipped = skipped + ?,
       rejections = case when jsonb_array_length(rejections) >= ? then rejections
                         else rejections || (select coalesce(jsonb_agg(r), '[]'::jsonb) from (select r from jsonb_array_elements(?::jsonb) r limit greatest(0, ? - jsonb_array_length(rejections))) x) end,
       updated_at = ?
     where id = ?`,
    [chunk.processedRows, chunk.accepted, chunk.duplicates, chunk.rejections.length, chunk.unlinked ?? 0, chunk.skipped ?? 0, maxKeptRejections, JSON.stringify(chunk.rejections), maxKeptRejections, now, importId],
  );
}

export async function finishImport(em: EntityManager, importId: string, outcome: { totalRows: number } | { error: string }, now: Date) {
  if ('error' in outcome) {
    // Only an unfinished import fails: a late report of an earlier attempt never undoes a finished one.
    await query(em, `update import_job set state = 'failed', error = ?, finished_at = ?, updated_at = ? where id = ? and state in ('queued', 'running')`, [outcome.error.slice(0, 2000), now, now, importId]);
  } else {
    await query(em, `update import_job set state = 'done', total_rows = ?, finished_at = ?, updated_at = ? where id = ?`, [outcome.totalRows, now, now, importId]);
  }
  // Its rows' keys (for repeats) only serve while the file is read.
  await forgetImportRowKeys(em, importId);
}

export type KnownPost = { id: string; url: string; publishedAt: Date };

// The workspace's posts named by id or URL in one chunk of rows.
export async function postsByIdOrUrl(em: EntityManager, workspaceId: string, ids: string[], urls: string[]): Promise<KnownPost[]> {
  if (ids.length === 0 && urls.length === 0) return [];
  const rows = await query<{ id: string; url: string; published_at: Date }>(
    em,
    `select id, url, published_at from post where workspace_id = ? and (id = any(?::uuid[]) or url = any(?::text[]))`,
    [workspaceId, uuidArray(ids), textArray(urls)],
  );
  return rows.map((row) => ({ id: row.id, url: row.url, publishedAt: new Date(row.published_at) }));
}
