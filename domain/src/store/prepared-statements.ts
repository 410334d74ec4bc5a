import { createHash } from 'node:crypto';
import type { Pool } from 'pg';

/**
 * Sends every statement that has parameters as a named (prepared) statement, so each connection
 * parses it once and PostgreSQL may keep its plan: after five runs it weighs a generic plan against
 * the custom ones, as for any prepared statement (the JDBC driver does the same by default). The
 * reports' statements took longer to plan than to run: a campaign page's planning was 8 ms of its
 * 13.5 ms in PostgreSQL on the demo brand (RESULTS.md, Load, stop 19; planned every time as named
 * statements, PostgreSQL's CPU did not move). Statements whose values are inlined (the ORM's own) go as
 * before. A connection names at most `limit` statements, then sends the rest unnamed: statement
 * texts are bounded by the code's query shapes, the limit keeps a bug from growing a connection.
 * Off for a pooler that cannot keep them (PgBouncer in transaction mode before 1.21).
 */
export function prepareParameterizedStatements(pool: Pool, limit = 500): void {
  // A statement's name by its text, hashed once rather than on every run (bounded like the names).
  const names = new Map<string, string>();
  const nameOf = (text: string) => {
    let name = names.get(text);
    if (name === undefined) {
      name = `po_${createHash('sha1').update(text).digest('base64url')}`;
      if (names.size < limit * 4) names.set(text, name);
    }
    return name;
  };
  pool.on('connect', (client) => {
    const named = new Set<string>();
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    client.query = ((config: unknown, values?: unknown, callback?: unknown) => {
      if (typeof config === 'string' && Array.isArray(values) && values.length > 0) {
        const name = nameOf(config);
        if (named.has(name) || named.size < limit) {
          named.add(name);
          return query({ name, text: config, values }, callback);
        }
      }
      return query(config, values, callback);
    }) as typeof client.query;
  });
}
