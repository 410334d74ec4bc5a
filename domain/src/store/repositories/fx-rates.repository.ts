import type { EntityManager } from '@mikro-orm/postgresql';
import { FX_LOOKBACK_DAYS, type FxRate } from '../../core/fx.ts';
import type { UpsertCounts } from './metrics.repository.ts';
import { query } from './sql.ts';

// The workspace's exchange rates: bulk upsert (entered or imported) and the one read a report
// needs before converting with domain/src/core/fx.ts.

// Rows per statement: a full ECB history (~7,000 days × ~30 currencies) goes in a few statements.
const CHUNK = 10_000;

// PostgreSQL array literal of already-validated values (dates, currency codes, decimals: no quoting needed).
const arrayOf = (values: readonly string[]) => `{${values.join(',')}}`;

/**
 * Upserts rates on (workspace, day, base, quote). The caller has validated every row (codes,
 * positive decimal rate that fits numeric(28, 14)) and that no key repeats. A rate equal to the
 * stored one (as a number: 1.5 = 1.50) is not written and counts as unchanged. One transaction;
 * rows go in key order, so overlapping concurrent uploads lock in the same order.
 */
export async function upsertFxRates(em: EntityManager, workspaceId: string, rates: readonly FxRate[], now: Date): Promise<UpsertCounts> {
  if (rates.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  return em.transactional(async (tx) => {
    let inserted = 0;
    let written = 0;
    for (let start = 0; start < rates.length; start += CHUNK) {
      const chunk = rates.slice(start, start + CHUNK);
      const [row] = await query<{ inserted: number; written: number }>(
        tx,
        `with written as (
           insert into fx_rate (id, created_at, updated_at, workspace_id, day, base, quote, rate)
           select gen_random_uuid(), ?, ?, ?, r.day, r.base, r.quote, r.rate
           from unnest(?::date[], ?::text[], ?::text[], ?::numeric[]) as r(day, base, quote, rate)
           order by r.day, r.base, r.quote
           on conflict (workspace_id, day, base, quote) do update set rate = excluded.rate, updated_at = excluded.updated_at
           where fx_rate.rate is distinct from excluded.rate
           returning (xmax = 0) as inserted
         )
         select (count(*) filter (where inserted))::int as inserted, count(*)::int as written from written`,
        [now, now, workspaceId, arrayOf(chunk.map((r) => r.day)), arrayOf(chunk.map((r) => r.base)), arrayOf(chunk.map((r) => r.quote)), arrayOf(chunk.map((r) => r.rate))],
      );
      inserted += row!.inserted;
      written += row!.written;
    }
    return { inserted, updated: written - inserted, unchanged: rates.length - written };
  });
}

export type FxRateScope = {
  /** The currencies of the amounts and the reporting currency. */
  currencies: readonly string[];
  /** The first and last day (inclusive, YYYY-MM-DD) of the amounts to convert. */
  from: string;
  to: string;
  /** How far before `from` a rate may come from (default FX_LOOKBACK_DAYS, as convertMoney). */
  lookbackDays?: number;
};

/**
 * Every rate a report converting amounts in `currencies` dated `from`..`to` may use, in ONE query:
 * the rates touching any of the currencies (so cross legs through EUR come too: EUR/USD and
 * EUR/GBP both name one of USD, GBP) from `from` - lookback to `to`. Feed them to fxRateTable.
 */
export async function loadFxRates(em: EntityManager, workspaceId: string, scope: FxRateScope): Promise<FxRate[]> {
  const currencies = [...new Set(scope.currencies)];
  if (currencies.length < 2) return [];
  return query<FxRate>(
    em,
    `select to_char(day, 'YYYY-MM-DD') as day, base, quote, trim_scale(rate)::text as rate
     from fx_rate
     where workspace_id = ? and day between ?::date - ?::int and ?::date
       and (base = any(?::text[]) or quote = any(?::text[]))
     order by day, base, quote`,
    [workspaceId, scope.from, scope.lookbackDays ?? FX_LOOKBACK_DAYS, scope.to, arrayOf(currencies), arrayOf(currencies)],
  );
}
