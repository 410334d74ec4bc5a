import pg from 'pg';

// Database-level operations (create, clone, drop) that the ORM does not do: they run on the
// server's maintenance database, outside any transaction.

export function withDatabase(databaseUrl: string, database: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

async function onMaintenance<T>(databaseUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(databaseUrl, 'postgres') });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export async function databaseExists(databaseUrl: string, name: string): Promise<boolean> {
  return onMaintenance(databaseUrl, async (client) => {
    const result = await client.query('select 1 from pg_database where datname = $1', [name]);
    return result.rowCount === 1;
  });
}

export async function createDatabase(databaseUrl: string, name: string, template?: string): Promise<void> {
  await onMaintenance(databaseUrl, async (client) => {
    const from = template ? ` template ${quoteIdent(template)}` : '';
    await client.query(`create database ${quoteIdent(name)}${from}`);
  });
}

export async function dropDatabase(databaseUrl: string, name: string): Promise<void> {
  await onMaintenance(databaseUrl, async (client) => {
    await client.query(`drop database if exists ${quoteIdent(name)} with (force)`);
  });
}

export async function isReachable(databaseUrl: string, timeoutMs = 2000): Promise<boolean> {
  const client = new pg.Client({ connectionString: withDatabase(databaseUrl, 'postgres'), connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
