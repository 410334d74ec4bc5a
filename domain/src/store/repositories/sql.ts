import type { EntityManager } from '@mikro-orm/postgresql';
import { CompiledQuery } from 'kysely';

// Raw SQL for the hot paths (bulk ingestion, the outbox, the reports' aggregates) inside the
// manager's transaction, if any. Bulk rows travel as one JSON parameter (jsonb_to_recordset) or one
// array per column, so a 10,000-row batch is one statement with a few parameters whatever its size.
// The parameters are bound ($1, $2, … sent beside the statement), never inlined: no escaping of a
// 1.5 MB document character by character in Node, no lexing it again in PostgreSQL, and the
// statement's text is the same on every call, so it is prepared once per connection
// (prepared-statements.ts). Every `?` of the statement is a parameter: no jsonb `?` operators here.
export async function query<T>(em: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  let count = 0;
  const text = sql.replaceAll('?', () => `$${++count}`);
  if (count !== params.length) throw new TypeError(`query: ${count} placeholders for ${params.length} parameters`);
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
