import { Cursor, type EntityMetadata, type EntityName, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ApiError } from '../http/api-error.ts';

export type PageRequest = { limit: number; cursor?: string | undefined; sort: string; order: 'asc' | 'desc' };

// Keyset pagination on (sort field, id): stable under inserts, unlike offsets.
export async function paginate<T extends object>(em: EntityManager, entity: EntityName<T>, where: FilterQuery<T>, page: PageRequest, populate: string[] = []) {
  checkCursor(em, entity, page);
  const orderBy = { [page.sort]: page.order, id: page.order };
  const result = await em.findByCursor(entity, {
    where: where as FilterQuery<NoInfer<T>>,
    first: page.limit,
    ...(page.cursor ? { after: page.cursor } : {}),
    orderBy,
    includeCount: false,
    populate: populate as never,
  });
  return { items: result.items as T[], nextCursor: result.hasNextPage ? result.endCursor : null };
}

/** A list's period filter on one time field: [from, to), either end open. */
export function period<K extends string>(field: K, from?: string, to?: string) {
  if (!from && !to) return {};
  return { [field]: { ...(from ? { $gte: new Date(from) } : {}), ...(to ? { $lt: new Date(to) } : {}) } };
}

/** A read model's list filter as the API takes it: the period as ISO-8601 text (periodDates turns it into the read model's). */
export type WithTextPeriod<F> = Omit<F, 'from' | 'to'> & { from?: string | undefined; to?: string | undefined };

/** A list's period filter as the read model takes it: [from, to), either end open. */
export function periodDates(from?: string, to?: string) {
  return { from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined };
}

/** Refuses a cursor this list could not have given out (400 naming querystring.cursor); `paginate` calls it, a service may call it sooner. */
export function checkCursor<T extends object>(em: EntityManager, entity: EntityName<T>, page: PageRequest) {
  if (page.cursor === undefined || isCursorOf(em.getMetadata(entity), page.sort, page.cursor)) return;
  throw new ApiError(400, 'invalid_input', 'The cursor is not one this list gave out (the nextCursor of a previous page of the same list and sort). Start again without it.', [
    { field: 'querystring.cursor', message: 'is not a cursor this list gave out; start again without it' },
  ]);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INT_MAX = 2 ** 31 - 1;
// PostgreSQL has no year 0 (0000-01-01 is out of range), and ISO-8601 stops at 9999.
const FIRST_MOMENT = Date.parse('0001-01-01T00:00:00Z');
const LAST_MOMENT = Date.parse('9999-12-31T23:59:59.999Z');
const inPostgresYears = (ms: number) => !Number.isNaN(ms) && ms >= FIRST_MOMENT && ms <= LAST_MOMENT;

/**
 * Whether a cursor is one `paginate` could have given out for this entity and sort: the base64url
 * JSON of [the sort field's value, the id], each of its column's type. A forged one would otherwise
 * reach the database as a comparison with the wrong type (a 500), or page from an arbitrary place.
 */
export function isCursorOf(meta: EntityMetadata, sort: string, cursor: string): boolean {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return false;
  let decoded: unknown;
  try {
    decoded = Cursor.decode(cursor);
  } catch {
    return false;
  }
  if (!Array.isArray(decoded) || decoded.length !== 2) return false;
  const value: unknown = decoded[0];
  const id: unknown = decoded[1];
  if (typeof id !== 'string' || !UUID.test(id)) return false;
  const prop = meta.properties[sort];
  if (!prop) return false;
  if (value === null) return Boolean(prop.nullable);
  const column = String(prop.columnTypes[0] ?? '').toLowerCase();
  if (prop.runtimeType === 'Date' || column.startsWith('timestamp')) {
    return typeof value === 'string' && TIMESTAMP.test(value) && inPostgresYears(Date.parse(value));
  }
  // A day that does not exist (2026-03-32) is an invalid Date, whose toISOString throws (was a 500).
  if (column === 'date') return typeof value === 'string' && DAY.test(value) && inPostgresYears(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
  if (column === 'int' || column === 'integer' || column === 'smallint') return Number.isInteger(value) && Math.abs(value as number) <= INT_MAX;
  if (prop.runtimeType === 'number') return typeof value === 'number' && Number.isFinite(value);
  if (prop.runtimeType === 'string') {
    return typeof value === 'string' && value.isWellFormed() && !value.includes('\u0000') && value.length <= (prop.length ?? 10_000);
  }
  return false;
}
