import type { EntityManager } from '@mikro-orm/postgresql';
import { CompiledQuery } from 'kysely';

// Raw SQL for the hot paths (bulk ingestion, the outbox) inside the manager's transaction, if any.
// Bulk rows travel as one JSON parameter (jsonb_to_recordset), so a 10,000-row batch is one
// statement with one parameter whatever its size.
export async function query<T>(em: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  return em.getConnection().execute<T[]>(sql, params, 'all', em.getTransactionContext());
}

// The same with the parameters bound ($1, $2, … sent beside the statement), for the hot paths whose
// parameters are large (a 10,000-comment JSON document, 1,000-element arrays): `query` inlines each
// parameter into the statement's text, escaping it character by character in Node, and PostgreSQL
// then lexes it again. Every `?` of the statement is a parameter: no jsonb `?` operators here.
export async function boundQuery<T>(em: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  let count = 0;
  const text = sql.replaceAll('?', () => `$${++count}`);
  if (count !== params.length) throw new TypeError(`boundQuery: ${count} placeholders for ${params.length} parameters`);
  const result = await em.getKysely<Record<string, never>>().executeQuery<T>(CompiledQuery.raw(text, params));
  return result.rows;
}

// PostgreSQL array literals for `?::uuid[]` / `?::text[]` parameters (one parameter, any length).
export function uuidArray(ids: readonly string[]): string {
  return `{${ids.join(',')}}`;
}

export function textArray(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}

// Nullable and non-text array literals for `unnest(?::type[], …)` multi-row inserts: one parameter
// per column, parsed by PostgreSQL's array input (cheaper than one JSON document per row).
export function nullableTextArray(values: ReadonlyArray<string | null>): string {
  return `{${values.map((value) => (value === null ? 'NULL' : `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`)).join(',')}}`;
}

export function nullableUuidArray(ids: ReadonlyArray<string | null>): string {
  return `{${ids.map((id) => id ?? 'NULL').join(',')}}`;
}

export function numberArray(values: readonly number[]): string {
  for (const value of values) if (!Number.isFinite(value)) throw new TypeError(`numberArray: ${value} is not a finite number.`);
  return `{${values.join(',')}}`;
}

export function booleanArray(values: readonly boolean[]): string {
  return `{${values.map((value) => (value ? 't' : 'f')).join(',')}}`;
}
