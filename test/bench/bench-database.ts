import { createDatabase, dropDatabase, isReachable, migrate, openOrm, withDatabase } from '@persona-ops/domain/store';

// A fresh, migrated database for one benchmark run on the local PostgreSQL (or DATABASE_URL's server).
export async function benchDatabase(label: string) {
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  if (!(await isReachable(serverUrl))) throw new Error(`PostgreSQL is not reachable at ${serverUrl}; set DATABASE_URL.`);
  const name = `persona_ops_bench_${label}_${Date.now()}`;
  await createDatabase(serverUrl, name);
  const url = withDatabase(serverUrl, name);
  const orm = await openOrm(url);
  await migrate(orm);
  return { url, orm, drop: async () => { await orm.close(); await dropDatabase(serverUrl, name); } };
}

export function rate(count: number, ms: number): string {
  return `${Math.round(count / (ms / 1000)).toLocaleString('en-US')}/s`;
}
