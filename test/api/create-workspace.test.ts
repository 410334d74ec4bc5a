import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '@persona-ops/api/build-app';
import { startEmbeddedPostgres } from '@persona-ops/domain/embedded-postgres';
import { isReachable, openOrm, Workspace } from '@persona-ops/domain/store';
import { createTestDatabase } from '../support/test-database.ts';
import { clientFor } from '../support/api-harness.ts';
import { freePort, runToEnd } from '../support/processes.ts';

const repository = path.resolve(import.meta.dirname, '../..');
let database: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe('pnpm create-workspace', () => {
  it('creates a workspace and prints a working admin key once', async () => {
    const result = await runToEnd('node', ['api/src/create-workspace.ts', '--workspace', 'Acme', '--email', 'ada@acme.test', '--currency', 'EUR'], {
      cwd: repository,
      env: { ...process.env, DATABASE_URL: database.url },
      timeoutMs: 60_000,
    });
    expect(result.code, result.output).toBe(0);
    const key = result.output.match(/\n(po_\S+)/)?.[1];
    expect(key).toBeDefined();

    const app = await buildApp(database.orm);
    const admin = clientFor(app, key!);
    const workspace = await admin.get('/v1/workspace');
    expect(workspace.status).toBe(200);
    expect(workspace.body).toMatchObject({ name: 'Acme', currency: 'EUR' });
    const keys = await admin.get('/v1/api-keys');
    // Only a prefix is ever listed; the key itself is not stored.
    expect(JSON.stringify(keys.body)).not.toContain(key);
    await app.close();
  });

  it('explains its usage when arguments are missing', async () => {
    const result = await runToEnd('node', ['api/src/create-workspace.ts'], { cwd: repository, env: { ...process.env, DATABASE_URL: database.url }, timeoutMs: 30_000 });
    expect(result.code).toBe(2);
    expect(result.output).toContain('Usage: pnpm create-workspace');
  });
});

describe('pnpm create-workspace without DATABASE_URL', () => {
  let dataDir: string;
  let port: number;
  const env = () => {
    const environment: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: String(port) };
    delete environment.DATABASE_URL;
    return environment;
  };
  const createWorkspace = (workspace: string) =>
    runToEnd('pnpm', ['create-workspace', '--workspace', workspace, '--email', `admin@${workspace.toLowerCase()}.test`], { cwd: repository, env: env(), timeoutMs: 90_000 });

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'persona-ops-create-workspace-'));
    // As root the embedded server runs as the postgres user, which must be able to enter the folder.
    await chmod(dataDir, 0o755);
    port = await freePort();
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it("starts the quick start's embedded database for the command, says so, and stops it after", async () => {
    const result = await createWorkspace('Solo');
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain(`No DATABASE_URL: using the embedded PostgreSQL of the quick start (data in ${path.join(dataDir, 'postgres')}, port ${port}), started for this command and stopped after it.`);
    expect(result.output).toMatch(/Workspace "Solo" \(\S+\) created/);
    expect(await isReachable(`postgres://postgres:postgres@127.0.0.1:${port}/postgres`, 500)).toBe(false);
  }, 120_000);

  it('uses the embedded database a running quick start holds, without a second server', async () => {
    // What `pnpm start` runs on the same data folder, on another port than the configured one.
    const runningPort = await freePort();
    const running = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), port: runningPort, database: 'persona_ops' });
    try {
      const result = await createWorkspace('Shared');
      expect(result.code, result.output).toBe(0);
      expect(result.output).toContain(`port ${runningPort}, already running).`);
      const orm = await openOrm(running.url);
      const names = (await orm.em.fork().find(Workspace, {}, { orderBy: { name: 'asc' } })).map((workspace) => workspace.name);
      await orm.close();
      expect(names).toEqual(['Shared', 'Solo']);
      expect(await isReachable(running.url, 500)).toBe(true);
    } finally {
      await running.stop();
    }
  }, 120_000);
});
