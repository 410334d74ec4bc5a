import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { readDb } from './read-db.ts';

/**
 * The workspace's assets whose FIRST approval falls in [from, to): the assets behind a bar of the
 * content-velocity chart, which counts each approved asset once, in the week of its first approval
 * (production.ts). A later re-approval does not move an asset to another week.
 */
export async function assetsFirstApprovedIn(em: EntityManager, workspaceId: string, from: Date, to: Date): Promise<string[]> {
  const rows = await firstApprovedIn(em, workspaceId, from, to).execute();
  return rows.map((row) => row.asset_id);
}

/** The query of `assetsFirstApprovedIn`, for a list to filter by as a subquery. */
export function firstApprovedIn(em: EntityManager, workspaceId: string, from: Date, to: Date) {
  const firstApproval = sql<Date>`min(t.at)`;
  return readDb(em)
    .selectFrom('asset_transition as t')
    .where('t.workspace_id', '=', workspaceId)
    .where('t.to_state', '=', 'approved')
    .groupBy('t.asset_id')
    .having(firstApproval, '>=', from)
    .having(firstApproval, '<', to)
    .select('t.asset_id');
}
