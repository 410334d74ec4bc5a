// Statements with parameters go as named (prepared) statements, once per connection; the ORM's own
// statements, whose values are inlined, go as before (domain/src/store/prepared-statements.ts).
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignListPage, openOrm, prepareParameterizedStatements } from '@persona-ops/domain/store';
import { createTestDatabase } from '../support/test-database.ts';

describe('prepared statements', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  // Three pages of the campaign list (one parameterized statement) and a lookup by the ORM (inlined
  // values), on one connection: the transaction's. Returns the statements that connection prepared.
  async function preparedAfterReads(em: EntityManager) {
    return em.transactional(async (tx) => {
      for (let i = 0; i < 3; i++) await campaignListPage(tx, randomUUID(), {}, { limit: 5, order: 'desc', sort: 'createdAt' });
      await tx.getConnection().execute(`select id from workspace where id = '${randomUUID()}'`, [], 'all', tx.getTransactionContext());
      return tx.getConnection().execute<Array<{ name: string; statement: string }>>('select name, statement from pg_prepared_statements', [], 'all', tx.getTransactionContext());
    });
  }

  it('prepares a statement with parameters once per connection, and sends inlined ones as they are', async () => {
    const prepared = await preparedAfterReads(database.orm.em.fork());
    expect(prepared).toHaveLength(1);
    expect(prepared[0]!.name).toMatch(/^po_/);
    expect(prepared[0]!.statement).toContain('from "campaign" as "c"');
    expect(prepared[0]!.statement).toContain('$1');
  });

  it('prepares nothing when turned off (DATABASE_PREPARED_STATEMENTS=false)', async () => {
    const orm = await openOrm(database.url, { preparedStatements: false });
    try {
      expect(await preparedAfterReads(orm.em.fork())).toEqual([]);
    } finally {
      await orm.close();
    }
  });

  it('names at most the limit of statements on a connection, then sends the others unnamed', async () => {
    const pool = new pg.Pool({ connectionString: database.url, max: 1 });
    prepareParameterizedStatements(pool, 2);
    const client = await pool.connect();
    try {
      const texts = ['select $1::int + 1 as n', 'select $1::int + 2 as n', 'select $1::int + 3 as n'];
      for (const [i, text] of texts.entries()) {
        for (const value of [10, 20]) expect((await client.query<{ n: number }>(text, [value])).rows[0]!.n).toBe(value + i + 1);
      }
      const { rows } = await client.query<{ statement: string }>('select statement from pg_prepared_statements order by statement');
      expect(rows.map((row) => row.statement)).toEqual(texts.slice(0, 2));
    } finally {
      // Closed before the database is dropped, which would end the connection from the server's side.
      const closed = new Promise((resolve) => client.once('end', resolve));
      client.release();
      await pool.end();
      await closed;
    }
  });
});
