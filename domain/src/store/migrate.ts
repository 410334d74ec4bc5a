import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { ormConfig } from './orm.config.ts';
import { prepareParameterizedStatements } from './prepared-statements.ts';

/** preparedStatements: see prepared-statements.ts (DATABASE_PREPARED_STATEMENTS; on unless a pooler cannot keep them). */
export async function openOrm(databaseUrl: string, options: { preparedStatements?: boolean } = {}): Promise<MikroORM> {
  const prepared = options.preparedStatements ?? true;
  return MikroORM.init(ormConfig(databaseUrl, prepared ? { driverOptions: { onPoolCreated: (pool: pg.Pool) => prepareParameterizedStatements(pool) } } : {}));
}

// Every API and worker process migrates at start-up; a PostgreSQL advisory lock, held on a
// connection of its own, makes the ones that start together take turns.
const migrationLock = 7_210_442_019;

export async function migrate(orm: MikroORM): Promise<string[]> {
  const client = new pg.Client({ connectionString: orm.config.get('clientUrl') });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [migrationLock]);
    const applied = await orm.migrator.up();
    return applied.map((migration) => migration.name);
  } finally {
    await client.query('select pg_advisory_unlock($1)', [migrationLock]).catch(() => undefined);
    await client.end();
  }
}

export async function pendingMigrations(orm: MikroORM): Promise<string[]> {
  const pending = await orm.migrator.getPending();
  return pending.map((migration) => migration.name);
}
