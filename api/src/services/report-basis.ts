import type { EntityManager } from '@mikro-orm/postgresql';
import { refreshRollups, rollupFreshness, rollupPeriod } from '@persona-ops/domain/store';
import type { Freshness } from '../http/freshness.schemas.ts';

export type Basis = 'rollup' | 'live';

function live(note: string): { basis: Basis; freshness: Freshness } {
  return { basis: 'live', freshness: { basis: 'live', refreshedAt: null, pendingChanges: 0, note } };
}

/**
 * Whether a report can read the rollups: not when live figures are asked for, nor when the period
 * cuts a UTC day (the rollups' grain). A workspace whose rollups were never built gets them built
 * now, once, so a fresh install (no job run yet) never answers from an empty rollup.
 */
export async function reportBasis(em: EntityManager, workspaceId: string, request: { live: boolean; from?: Date | undefined; to?: Date | undefined }, now: Date) {
  if (request.live) return live('Live figures were asked for (live=true).');
  if (!rollupPeriod(request.from, request.to)) return live('The period does not start and end on UTC midnights, and the rollups are per UTC day: computed live.');
  let state = await rollupFreshness(em, workspaceId);
  if (state.refreshedAt === null) {
    await refreshRollups(em, workspaceId, now, { onlyIfNeverBuilt: true });
    state = await rollupFreshness(em, workspaceId);
  }
  const freshness: Freshness = {
    basis: 'rollup',
    refreshedAt: state.refreshedAt?.toISOString() ?? null,
    pendingChanges: state.pendingChanges,
    note: state.pendingChanges === 0
      ? 'From the rollups, up to date with every write.'
      : 'From the rollups as of refreshedAt; the writes since are counted in pendingChanges and show up after the next refresh (usually seconds).',
  };
  return { basis: 'rollup' as Basis, freshness };
}

/** The live answer for a request the rollups could not serve after all, with why. */
export const liveBecause = live;
