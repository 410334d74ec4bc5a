import type { EntityManager } from '@mikro-orm/postgresql';
import { loadFxRates } from '@persona-ops/domain/store';
import type { FxRate } from '@persona-ops/domain/core';

/** The exchange rates a report asked for (commercialRateDays); none when it converts nothing. */
export async function fxRatesFor(em: EntityManager, workspaceId: string, days: { currencies: string[]; from: string; to: string } | null): Promise<FxRate[]> {
  return days === null ? [] : loadFxRates(em.fork(), workspaceId, days);
}
