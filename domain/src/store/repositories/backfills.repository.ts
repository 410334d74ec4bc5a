import type { EntityManager } from '@mikro-orm/postgresql';
import { query, uuidArray, textArray } from './sql.ts';

export async function startBackfill(em: EntityManager, backfillId: string, versions: string[], now: Date) {
  const [row] = await query<{ workspace_id: string; state: string; cursor: string | null }>(
    em,
    `update classification_backfill b
     set state = 'running', target_versions = ?::text[], started_at = coalesce(started_at, ?), updated_at = ?,
         total = (select count(*) from comment c where c.workspace_id = b.workspace_id)
     where id = ? and state in ('queued', 'running')
     returning workspace_id, state, cursor`,
    [textArray(versions), now, now, backfillId],
  );
  return row ?? null;
}

// Queues the next chunk of the workspace's comments that have no result from the target versions
// (and no open task), and moves the cursor past them, in one transaction: a retried job resumes.
export async function queueBackfillChunk(em: EntityManager, backfillId: string, workspaceId: string, versions: string[], chunk: number, now: Date) {
  return em.transactional(async (tx) => {
    const [backfill] = await query<{ cursor: string | null; request_id: string | null }>(tx, `select cursor, request_id from classification_backfill where id = ? for update`, [backfillId]);
    const page = await query<{ id: string }>(
      tx,
      `select c.id from comment c
       where c.workspace_id = ? and (?::uuid is null or c.id > ?::uuid)
       order by c.id limit ?`,
      [workspaceId, backfill?.cursor ?? null, backfill?.cursor ?? null, chunk],
    );
    if (page.length === 0) return { scanned: 0, queued: 0 };
    const ids = uuidArray(page.map((row) => row.id));
    const queued = await query<{ comment_id: string }>(
      tx,
      `insert into classification_task (comment_id, workspace_id, state, available_at, dispatch_count, created_at, request_id)
       select c.id, ?, 'pending', ?, 0, ?, ? from comment c
       where c.id = any(?::uuid[])
         and not exists (select 1 from comment_classification cc where cc.comment_id = c.id and cc.version = any(?::text[]))
       on conflict (comment_id) do nothing
       returning comment_id`,
      [workspaceId, now, now, backfill?.request_id ?? null, ids, textArray(versions)],
    );
    await query(tx, `update classification_backfill set cursor = ?, queued = queued + ?, updated_at = ? where id = ?`, [page.at(-1)!.id, queued.length, now, backfillId]);
    return { scanned: page.length, queued: queued.length };
  });
}

export async function finishBackfill(em: EntityManager, backfillId: string, outcome: { error?: string }, now: Date) {
  await query(em, `update classification_backfill set state = ?, finished_at = ?, error = ?, updated_at = ? where id = ?`, [outcome.error ? 'failed' : 'done', now, outcome.error ?? null, now, backfillId]);
}

// How many of the workspace's comments carry a result from the target versions: the backfill's
// progress as people see it (queueing is quick, classifying is the long part).
export async function backfillClassifiedCount(em: EntityManager, workspaceId: string, versions: string[]): Promise<number> {
  const [row] = await query<{ n: number }>(
    em,
    `select count(distinct cc.comment_id)::int as n from comment_classification cc where cc.workspace_id = ? and cc.version = any(?::text[])`,
    [workspaceId, textArray(versions)],
  );
  return row?.n ?? 0;
}

export async function queuedBackfills(em: EntityManager): Promise<Array<{ id: string; workspaceId: string; requestId: string | null }>> {
  const rows = await query<{ id: string; workspace_id: string; request_id: string | null }>(em, `select id, workspace_id, request_id from classification_backfill where state = 'queued' order by created_at limit 100`);
  return rows.map((row) => ({ id: row.id, workspaceId: row.workspace_id, requestId: row.request_id }));
}
