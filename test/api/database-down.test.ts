import { createServer } from 'node:net';
import pg from 'pg';
import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '@persona-ops/api/build-app';
import { ormConfig } from '@persona-ops/domain/store';
import { startTestApp } from '../support/api-harness.ts';

// When PostgreSQL cannot be reached, a request is not "something went wrong on our side" (500) but
// "the database is unreachable, try again in a few seconds": 503 with Retry-After, like /ready.
// No mocks: one app points at a port nothing listens on, another at a real database whose
// connections are cut and refused.

/** A local port nothing listens on: one the system just gave out and took back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function expectUnavailable(response: { statusCode: number; headers: Record<string, unknown>; json: () => Record<string, unknown> }) {
  expect(response.statusCode).toBe(503);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const retryAfter = Number(response.headers['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(30);
  expect(response.json()).toMatchObject({ status: 503, code: 'database_unavailable', detail: expect.stringMatching(/database is unreachable/) });
}

describe('database unreachable', () => {
  let orm: MikroORM;
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    orm = new MikroORM(ormConfig(`postgres://postgres@127.0.0.1:${await closedPort()}/persona_ops`));
    app = await buildApp(orm);
  });
  afterAll(async () => {
    await app.close();
    await orm.close(true);
  });

  it('answers 503 with Retry-After and a problem saying so, on reads, writes and the key check (was a 500)', async () => {
    const headers = { authorization: 'Bearer po_anything' };
    expectUnavailable(await app.inject({ method: 'GET', url: '/v1/sources', headers }));
    expectUnavailable(await app.inject({ method: 'POST', url: '/v1/sources', headers, payload: { kind: 'studio', name: 'S' } }));
    expectUnavailable(await app.inject({ method: 'GET', url: '/v1/reports/production', headers }));
  });

  it('/ready still says 503 in its own words', async () => {
    const response = await app.inject({ method: 'GET', url: '/ready' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ database: 'down' });
  });
});

describe('database connections cut and refused', () => {
  let harness: Awaited<ReturnType<typeof startTestApp>>;
  let admin: pg.Client;
  let name: string;
  beforeAll(async () => {
    harness = await startTestApp();
    name = new URL(harness.databaseUrl).pathname.slice(1);
    const server = new URL(harness.databaseUrl);
    server.pathname = '/postgres';
    admin = new pg.Client({ connectionString: server.toString() });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.query(`alter database "${name}" with allow_connections true`);
    await admin.end();
    await harness.close();
  });

  it('answers 503 while the database refuses connections, and 200 again once it takes them', async () => {
    expect((await harness.admin.get('/v1/sources')).status).toBe(200);
    await admin.query(`alter database "${name}" with allow_connections false`);
    await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
    for (let i = 0; i < 2; i++) {
      expectUnavailable(await harness.app.inject({ method: 'GET', url: '/v1/sources', headers: { authorization: `Bearer ${harness.admin.key}` } }));
    }
    await admin.query(`alter database "${name}" with allow_connections true`);
    expect((await harness.admin.get('/v1/sources')).status).toBe(200);
  });
});
