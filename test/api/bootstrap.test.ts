import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '@persona-ops/api/build-app';
import { createTestDatabase } from '../support/test-database.ts';
import { clientFor } from '../support/api-harness.ts';
import { runToEnd } from '../support/processes.ts';

const repository = path.resolve(import.meta.dirname, '../..');
let database: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe('pnpm bootstrap', () => {
  it('creates a workspace and prints a working admin key once', async () => {
    const result = await runToEnd('node', ['api/src/bootstrap.ts', '--workspace', 'Acme', '--email', 'ada@acme.test', '--currency', 'EUR'], {
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
    const result = await runToEnd('node', ['api/src/bootstrap.ts'], { cwd: repository, env: { ...process.env, DATABASE_URL: database.url }, timeoutMs: 30_000 });
    expect(result.code).toBe(2);
    expect(result.output).toContain('Usage: pnpm bootstrap');
  });
});
