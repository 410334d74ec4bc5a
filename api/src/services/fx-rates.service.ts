import type { EntityManager } from '@mikro-orm/postgresql';
import { FxRate, upsertFxRates, type IFxRate } from '@persona-ops/domain/store';
import { FxCsvLayoutError, normalizeFxRate, parseFxRatesCsv, type FxRate as FxRateRow, DomainError } from '@persona-ops/domain/core';
import { ApiError } from '../http/api-error.ts';
import { auditedBulkWrite } from './audited-bulk-write.ts';
import { paginate, type PageRequest } from './pagination.ts';

const MAX_REJECTIONS_LISTED = 1_000;

export function toFxRateDto(rate: IFxRate) {
  return { id: rate.id, day: rate.day, base: rate.base, quote: rate.quote, rate: normalizeFxRate(rate.rate), updatedAt: rate.updatedAt.toISOString() };
}

/** Stores a batch of rates (validated by the route schema), all or nothing: a (day, base, quote) sent twice refuses the batch. */
export async function ingestFxRates(em: EntityManager, workspaceId: string, rates: readonly FxRateRow[], now: Date) {
  const first = new Map<string, number>();
  const errors: Array<{ field: string; message: string }> = [];
  rates.forEach((row, index) => {
    const key = `${row.day} ${row.base} ${row.quote}`;
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, index);
    else errors.push({ field: `body.rates.${index}.day`, message: `repeats row ${earlier} (same day, base and quote); send each once` });
  });
  if (errors.length > 0) {
    throw new DomainError('rule_violation', `${errors.length} rate(s) repeat an earlier row of the batch; nothing was stored. Send each (day, base, quote) once.`, { errors: errors.slice(0, 100) });
  }
  return auditedBulkWrite(em, { workspaceId, entityType: 'fx_rate', rows: rates.length }, (tx) => upsertFxRates(tx, workspaceId, rates, now));
}

/** Reads a rates CSV (ECB or plain layout) and stores what it could read; the rest comes back with reasons. */
export async function importFxRates(em: EntityManager, workspaceId: string, input: { csv: string; fileName: string }, now: Date) {
  let parsed;
  try {
    parsed = parseFxRatesCsv(input.csv);
  } catch (error) {
    if (error instanceof FxCsvLayoutError) throw new ApiError(400, 'invalid_file', `${error.message} Upload the ECB file as published, or a CSV with the header day,base,quote,rate.`, [{ field: 'body', message: 'is not an exchange-rate CSV' }]);
    throw error;
  }
  if (parsed.rows === 0) {
    throw new ApiError(400, 'invalid_file', 'The file has a header but no rows of rates. Upload the file with its rows.', [{ field: 'body', message: 'has no rows' }]);
  }
  const counts = await auditedBulkWrite(em, { workspaceId, entityType: 'fx_rate', rows: parsed.rates.length }, (tx) => upsertFxRates(tx, workspaceId, parsed.rates, now));
  return {
    fileName: input.fileName,
    format: parsed.format,
    rows: parsed.rows,
    rates: parsed.rates.length,
    ...counts,
    missing: parsed.missing,
    rejectedCount: parsed.rejected.length,
    rejected: parsed.rejected.slice(0, MAX_REJECTIONS_LISTED),
  };
}

export async function listFxRates(em: EntityManager, workspaceId: string, filter: { base?: string | undefined; quote?: string | undefined; from?: string | undefined; to?: string | undefined }, page: PageRequest) {
  const days = filter.from || filter.to ? { day: { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) } } : {};
  return paginate(em, FxRate, { workspace: workspaceId, ...(filter.base ? { base: filter.base } : {}), ...(filter.quote ? { quote: filter.quote } : {}), ...days }, page);
}
