import type { EntityManager } from '@mikro-orm/postgresql';
import { query } from './sql.ts';

/**
 * The first line of the file at which each key (a post and capture time, a link or code and day)
 * appeared, this chunk's keys included: a key not seen before is remembered with its line. Kept in
 * PostgreSQL in the chunk's transaction, so a file of millions of distinct rows does not grow the
 * worker's memory and a resumed job knows the keys of the chunks committed before it. `keys` holds
 * each key once, at its first line in the chunk.
 */
export async function firstLinesOfKeys(em: EntityManager, importId: string, keys: ReadonlyArray<{ key: string; line: number }>): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  // The outer select sees the table as it was before the insert: a match is an earlier chunk's line.
  const rows = await query<{ key: string; line: number }>(
    em,
    `with incoming as (select key, line, md5(key)::uuid as hash from jsonb_to_recordset(?::jsonb) as t(key text, line int)),
          remembered as (insert into import_row_key (import_job_id, key_hash, line) select ?, hash, line from incoming on conflict do nothing)
     select i.key, coalesce(k.line, i.line) as line from incoming i left join import_row_key k on k.import_job_id = ? and k.key_hash = i.hash`,
    [JSON.stringify(keys), importId, importId],
  );
  return new Map(rows.map((row) => [row.key, row.line]));
}

/** Forgets a finished import's keys: they only serve while its rows are read. */
export async function forgetImportRowKeys(em: EntityManager, importId: string): Promise<void> {
  await query(em, `delete from import_row_key where import_job_id = ?`, [importId]);
}
