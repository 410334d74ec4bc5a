import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '@persona-ops/api/build-app';
import { closeQueues, openQueues, queueNames, type Queues } from '@persona-ops/jobs/contracts';
import { createWorkspaceWithAdmin } from '@persona-ops/api/workspaces';
import { createTestDatabase } from '../support/test-database.ts';

const redisUrl = inject('redisUrl');

// The board shows and acts on every workspace's jobs (pause, retry, clean, obliterate; payloads and
// stack traces), so it is the operator's: its own password from the environment, never an API key.
describe.skipIf(!redisUrl)('the queue board', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let queues: Queues;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let closed: Awaited<ReturnType<typeof buildApp>>;
  let adminKey: string;
  const operatorPassword = randomBytes(24).toString('base64url');

  beforeAll(async () => {
    database = await createTestDatabase();
    queues = openQueues({ kind: 'redis', url: redisUrl!, namespace: `board-${randomBytes(4).toString('hex')}` });
    app = await buildApp(database.orm, {}, { queues, operatorPassword });
    // The same queues without an operator password: no board at all.
    closed = await buildApp(database.orm, {}, { queues });
    adminKey = (await createWorkspaceWithAdmin(database.orm.em.fork(), { name: 'W', adminEmail: 'a@w.test', adminName: 'A' })).key;
  });
  afterAll(async () => {
    await app.close();
    await closed.close();
    await closeQueues(queues);
    await database.drop();
  });

  const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

  it('asks a browser for the operator password and opens with it', async () => {
    const anonymous = await app.inject({ method: 'GET', url: '/admin/queues' });
    expect(anonymous.statusCode, anonymous.body).toBe(401);
    expect(anonymous.headers['www-authenticate']).toContain('Basic');
    expect(anonymous.json().code).toBe('operator_password_required');
    const operator = await app.inject({ method: 'GET', url: '/admin/queues', headers: { authorization: basic('operator', operatorPassword) } });
    expect(operator.statusCode).toBe(200);
    expect(operator.body).toContain('Persona Ops jobs');
    // Security headers; its scripts are files of this origin, which the CSP allows.
    expect(operator.headers['x-frame-options']).toBe('DENY');
    expect(operator.headers['x-content-type-options']).toBe('nosniff');
    expect(operator.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(operator.body).not.toMatch(/<script(?![^>]*(src=|type="application\/json"))[^>]*>\s*\S/);
    const api = await app.inject({ method: 'GET', url: '/admin/queues/api/queues', headers: { authorization: basic('operator', operatorPassword) } });
    expect(api.statusCode).toBe(200);
    // Every queue of the job contracts, the API's own (reports) with them.
    expect(api.json().queues.map((q: { name: string }) => q.name).sort()).toEqual([...queueNames].sort());
  });

  it('refuses a workspace admin key: no reading, pausing or cleaning of the shared queues', async () => {
    const asAdmin = { authorization: basic('admin', adminKey) };
    for (const [method, url] of [
      ['GET', '/admin/queues'],
      ['GET', '/admin/queues/api/queues'],
      ['PUT', '/admin/queues/api/queues/classification/pause'],
      ['PUT', '/admin/queues/api/queues/classification/clean/failed'],
      ['PUT', '/admin/queues/api/queues/classification/obliterate'],
    ] as const) {
      const response = await app.inject({ method, url, headers: asAdmin });
      expect(response.statusCode, `${method} ${url}`).toBe(401);
    }
    // Nor as a bearer key.
    const bearer = await app.inject({ method: 'GET', url: '/admin/queues/api/queues', headers: { authorization: `Bearer ${adminKey}` } });
    expect(bearer.statusCode).toBe(401);
    expect(await queues.get('classification')!.isPaused()).toBe(false);
  });

  it('refuses a wrong password, a prefix of it and a longer one', async () => {
    for (const password of ['wrong', operatorPassword.slice(0, -1), `${operatorPassword}x`, '']) {
      const response = await app.inject({ method: 'GET', url: '/admin/queues/api/queues', headers: { authorization: basic('operator', password) } });
      expect(response.statusCode, password).toBe(401);
    }
  });

  it('is off (404) when no operator password is configured', async () => {
    for (const authorization of [undefined, basic('admin', adminKey), basic('operator', operatorPassword)]) {
      const response = await closed.inject({ method: 'GET', url: '/admin/queues/api/queues', headers: authorization ? { authorization } : {} });
      expect(response.statusCode).toBe(404);
    }
    expect((await closed.inject({ method: 'GET', url: '/admin/queues' })).statusCode).toBe(404);
  });

  it('is not part of the API document', async () => {
    const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(Object.keys(document.paths).some((path) => path.startsWith('/admin'))).toBe(false);
  });
});
