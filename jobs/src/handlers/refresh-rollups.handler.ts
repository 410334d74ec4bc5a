import type { MikroORM } from '@mikro-orm/postgresql';
import { refreshRollups } from '@persona-ops/domain/store';
import type { JobPayload } from '../contracts.ts';

// Recomputes the rollup groups of one workspace marked since the last refresh (all of them the
// first time). Idempotent: a retry, or a run with nothing marked, reaches the same rollups.
export function refreshRollupsHandler(deps: { orm: MikroORM; now?: () => Date }) {
  return async (payload: JobPayload<'refresh-rollups'>) => refreshRollups(deps.orm.em.fork(), payload.workspaceId, deps.now?.() ?? new Date());
}
