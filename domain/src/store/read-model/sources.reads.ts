import type { EntityManager } from '@mikro-orm/postgresql';
import { readDb } from './read-db.ts';

/** The kind of each of the workspace's sources. */
export async function sourceKindsOf(em: EntityManager, workspaceId: string): Promise<Map<string, string>> {
  const rows = await readDb(em).selectFrom('source').where('workspace_id', '=', workspaceId).select(['id', 'kind']).execute();
  return new Map(rows.map((row) => [row.id, row.kind]));
}
