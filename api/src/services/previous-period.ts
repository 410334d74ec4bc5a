import type { EntityManager } from '@mikro-orm/postgresql';
import { compareHeadlines, isDomainError, previousPeriodOf, type Headlines, type ReportScope } from '@persona-ops/domain/core';
import { EARLIEST_MOMENT } from '../http/common.schemas.ts';

export type Compare = 'none' | 'previous';

/**
 * The report, and with compare=previous the same report over the previous period (through the
 * same service and core path, on a fork so both run at once), its headline KPIs compared by the
 * core. A previous period whose report the core refuses (a DomainError, e.g. mixed currencies)
 * leaves every change previous_unknown and says why.
 */
export async function withPreviousPeriod<Q extends ReportScope, R extends object, K extends string>(
  em: EntityManager,
  query: Q,
  compare: Compare,
  now: Date,
  report: (em: EntityManager, query: Q) => Promise<R>,
  headlinesOf: (report: R) => Headlines<K>,
) {
  if (compare === 'none') return report(em, query);
  const period = previousPeriodOf(query, now, new Date(EARLIEST_MOMENT));
  const [current, previous] = await Promise.all([
    report(em, query),
    period.reason === null ? report(em.fork(), { ...query, from: period.from, to: period.to }).then((found) => ({ found, refused: null }), refusal) : null,
  ]);
  const previousHeadlines = previous === null ? null : previous.found === null ? 'unknown' : headlinesOf(previous.found);
  return { ...current, previousPeriod: { ...period, refused: previous?.refused ?? null, changes: compareHeadlines(headlinesOf(current), previousHeadlines) } };
}

function refusal(error: unknown): { found: null; refused: string } {
  if (isDomainError(error)) return { found: null, refused: error.message };
  throw error;
}
