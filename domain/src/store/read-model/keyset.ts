import { Cursor } from '@mikro-orm/core';
import { sql, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';

// Keyset pagination on (sort column, id) for the lists read without the ORM, giving and taking the
// cursors `em.findByCursor` gives (Cursor.encode of [the sort value as its JSON, the id]): a client
// holding a cursor of one keeps paging with the other.

export type KeysetPage = { limit: number; cursor?: string | undefined; order: 'asc' | 'desc' };

/**
 * A sort column: its reference (`alias.column`), its type as stored, whether it holds nulls.
 * Nulls sort as PostgreSQL sorts them by default, as findByCursor expects (after every value in
 * ascending order, before every value in descending order).
 */
export type SortKey = { column: string; type: 'timestamptz' | 'date' | 'text'; nullable?: boolean };

export type Keyset<Row> = { rows: Row[]; nextCursor: string | null };

// The names under which a keyset read selects the cursor's two values of each row.
const KEY = 'keyset_sort_value';
const ID = 'keyset_id';

/**
 * Reads one page of `query` after the page's cursor: ordered by (sort, id) in the page's order,
 * `limit` rows, and the cursor of the last one when more follow. The cursor must have been checked
 * as one of this list's (api: checkCursor), so its values are of the sort column's type.
 */
export async function readKeysetPage<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  page: KeysetPage,
  key: SortKey,
  idColumn: string,
): Promise<Keyset<O>> {
  const direction = page.order === 'desc' ? sql`desc` : sql`asc`;
  let q = query
    .select([cursorValue(key).as(KEY), sql<string>`${sql.ref(idColumn)}`.as(ID)])
    .orderBy(sql`${sql.ref(key.column)} ${direction}`)
    .orderBy(sql`${sql.ref(idColumn)} ${direction}`)
    // One more than the page: whether another page follows, without counting.
    .limit(page.limit + 1);
  if (page.cursor !== undefined) {
    const [value, id] = Cursor.decode(page.cursor) as [string | null, string];
    q = q.where(after(key, idColumn, page.order, value, id));
  }
  const rows = (await q.execute()) as Array<O & { [KEY]: string | null; [ID]: string }>;
  const more = rows.length > page.limit;
  const kept = more ? rows.slice(0, page.limit) : rows;
  const last = kept.at(-1);
  return { rows: kept, nextCursor: more && last ? Cursor.encode([last[KEY], last[ID]]) : null };
}

/**
 * The sort value as a cursor carries it. A timestamp is the ISO-8601 instant in UTC, as JSON gives
 * a Date: `.123Z` for a time in whole milliseconds (what findByCursor gave, byte for byte), with
 * the microseconds PostgreSQL keeps when there are any, so rows apart by less than a millisecond
 * are not skipped (findByCursor's millisecond cursor skipped them). A day is `YYYY-MM-DD`.
 */
function cursorValue(key: SortKey): RawBuilder<string | null> {
  const ref = sql.ref(key.column);
  if (key.type === 'timestamptz') {
    const utc = sql`(${ref} at time zone 'UTC')`;
    // Milliseconds always, then the microseconds' last three digits without their trailing zeros.
    return sql<string | null>`to_char(${utc}, 'YYYY-MM-DD"T"HH24:MI:SS.MS') || rtrim(substr(to_char(${utc}, 'US'), 4), '0') || 'Z'`;
  }
  if (key.type === 'date') return sql<string | null>`to_char(${ref}, 'YYYY-MM-DD')`;
  return sql<string | null>`${ref}`;
}

/**
 * The rows after (value, id) in this order. Without nulls, the row comparison `(sort, id) < (v, id)`
 * (descending) or `>` (ascending), which an index on the sort column serves. A nullable column's
 * nulls lie past every value ascending and before every value descending, and compare by id among
 * themselves.
 */
function after(key: SortKey, idColumn: string, order: 'asc' | 'desc', value: string | null, id: string): RawBuilder<SqlBool> {
  const sort = sql.ref(key.column);
  const ids = sql.ref(idColumn);
  const op = sql.raw(order === 'desc' ? '<' : '>');
  const cursorId = sql`${id}::uuid`;
  if (value === null) {
    // Descending: the rest of the nulls, then every value. Ascending: only the rest of the nulls.
    return order === 'desc'
      ? sql<SqlBool>`(${sort} is not null or ${ids} ${op} ${cursorId})`
      : sql<SqlBool>`(${sort} is null and ${ids} ${op} ${cursorId})`;
  }
  const cursorSort = sql`cast(${value} as ${sql.raw(key.type)})`;
  const past = sql<SqlBool>`(${sort}, ${ids}) ${op} (${cursorSort}, ${cursorId})`;
  return key.nullable && order === 'asc' ? sql<SqlBool>`(${past} or ${sort} is null)` : past;
}
