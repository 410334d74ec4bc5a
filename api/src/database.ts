import path from 'node:path';
import { startEmbeddedPostgres } from '@persona-ops/domain/embedded-postgres';
import type { Config } from './config.ts';

export type Database = { url: string; embedded: boolean; stop: () => Promise<void> };

// DATABASE_URL when it is set; otherwise a real PostgreSQL embedded in the process tree,
// keeping its data under DATA_DIR so a restart finds yesterday's work.
export async function openDatabase(config: Config): Promise<Database> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, embedded: false, stop: async () => undefined };
  const server = await startEmbeddedPostgres({
    dataDir: path.join(config.DATA_DIR, 'postgres'),
    port: config.EMBEDDED_POSTGRES_PORT,
    database: 'persona_ops',
  });
  return { url: server.url, embedded: true, stop: server.stop };
}
