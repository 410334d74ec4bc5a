import type { EntityManager } from '@mikro-orm/postgresql';
import { query } from './sql.ts';

// An import's file is read back a slice at a time, never whole: `substring` on the bytea column,
// which is stored uncompressed out of line (storage external), so PostgreSQL fetches only the
// slice's pages and the worker holds one slice of a 50 MB file, not the file.
export const importFileSliceBytes = 1024 * 1024;

export async function* importFileSlices(em: EntityManager, importId: string, sliceBytes = importFileSliceBytes): AsyncGenerator<Buffer> {
  for (let offset = 0; ; offset += sliceBytes) {
    const [row] = await query<{ slice: Buffer | null }>(em, `select substring(content from ?::int for ?::int) as slice from import_job where id = ?`, [offset + 1, sliceBytes, importId]);
    const slice = row?.slice;
    if (!slice || slice.length === 0) return;
    yield slice;
    if (slice.length < sliceBytes) return;
  }
}
