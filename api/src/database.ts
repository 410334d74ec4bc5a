import path from 'node:path';
import { runningEmbeddedPostgres, startEmbeddedPostgres } from '@persona-ops/domain/embedded-postgres';
import type { Config } from './config.ts';

// `embedded`: where the embedded server's data is and whether this process started it (and stops it).
export type Database = { url: string; embedded: { dataDir: string; port: number; startedHere: boolean } | null; stop: () => Promise<void> };

const EMBEDDED_DATABASE = 'persona_ops';

// DATABASE_URL when it is set; otherwise a real PostgreSQL embedded in the process tree,
// keeping its data under DATA_DIR so a restart finds yesterday's work. A one-off command
// (`pnpm create-workspace`) may share the server of a quick start that already runs on that data.
export async function openDatabase(config: Config, options: { shareRunning?: boolean } = {}): Promise<Database> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, embedded: null, stop: async () => undefined };
  const dataDir = path.resolve(config.DATA_DIR, 'postgres');
  if (options.shareRunning) {
    const running = await runningEmbeddedPostgres(dataDir, EMBEDDED_DATABASE);
    if (running) return { url: running.url, embedded: { dataDir, port: running.port, startedHere: false }, stop: async () => undefined };
  }
  const server = await startEmbeddedPostgres({ dataDir, port: config.EMBEDDED_POSTGRES_PORT, database: EMBEDDED_DATABASE });
  return { url: server.url, embedded: { dataDir, port: config.EMBEDDED_POSTGRES_PORT, startedHere: true }, stop: server.stop };
}

export function describeDatabase(database: Database): string {
  if (!database.embedded) return 'the PostgreSQL at DATABASE_URL';
  const { dataDir, port, startedHere } = database.embedded;
  return `the embedded PostgreSQL of the quick start (data in ${dataDir}, port ${port}${startedHere ? '' : ', already running'})`;
}
