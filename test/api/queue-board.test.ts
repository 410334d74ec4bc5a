import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '@persona-ops/api/build-app';
import { closeQueues, openQueues, type Queues } from '@persona-ops/jobs/contracts';
import { createWorkspaceWithAdmin } from '@persona-ops/api/workspaces';
import { createTestDatabase } from '../support/test-database.ts';
import { clientFor } from '../support/api-harness.ts';

const redisUrl = inject('redisUrl');

describe.skipIf(!redisUrl)('the queue board', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let queues: Queues;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let adminKey: string;
  let studioKey: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    queues = openQueues({ kind: 'redis', url: redisUrl!, namespace: `board-${randomBytes(4).toString('hex')}` });
    app = await buildApp(database.orm, {}, queues);
    adminKey = (await createWorkspaceWithAdmin(database.orm.em.fork(), { name: 'W', adminEmail: 'a@w.test', adminName: 'A' })).key;
    const studio = await clientFor(app, adminKey).post('/v1/users', { email: 's@w.test', name: 'S', role: 'studio' });
    studioKey = studio.body.key;
  });
  afterAll(async () => {
    await app.close();
    await closeQueues(queues);
    await database.drop();
  });

  const basic = (key: string) => `Basic ${Buffer.from(`admin:${key}`).toString('base64')}`;

  it('asks a browser for credentials, and lets only admins in', async () => {
    const anonymous = await app.inject({ method: 'GET', url: '/admin/queues' });
    expect(anonymous.statusCode, anonymous.body).toBe(401);
    expect(anonymous.headers['www-authenticate']).toContain('Basic');
    const studio = await app.inject({ method: 'GET', url: '/admin/queues', headers: { authorization: basic(studioKey) } });
    expect(studio.statusCode).toBe(401);
    const admin = await app.inject({ method: 'GET', url: '/admin/queues', headers: { authorization: basic(adminKey) } });
    expect(admin.statusCode).toBe(200);
    expect(admin.body).toContain('Persona Ops jobs');
    const api = await app.inject({ method: 'GET', url: '/admin/queues/api/queues', headers: { authorization: basic(adminKey) } });
    expect(api.statusCode).toBe(200);
    expect(api.json().queues.map((q: { name: string }) => q.name).sort()).toEqual(['classification', 'maintenance']);
  });

  it('is not part of the API document', async () => {
    const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(Object.keys(document.paths).some((path) => path.startsWith('/admin'))).toBe(false);
  });
});
