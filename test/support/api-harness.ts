import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp, type BuildSettings } from '@persona-ops/api/build-app';
import { createWorkspaceWithAdmin } from '@persona-ops/api/workspaces';
import { seedDemoBrand } from '@persona-ops/api/seed';
import { createTestDatabase } from './test-database.ts';
import { closeQueues, openQueues } from '@persona-ops/jobs/contracts';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- an answer of the API, read field by field by the assertions that check it; its shape is the OpenAPI document's, not restated in every test
export type ApiBody = any;

export type Client = {
  key: string;
  request: (method: Method, url: string, body?: unknown) => Promise<{ status: number; body: ApiBody; headers: Record<string, unknown> }>;
  get: (url: string) => Promise<{ status: number; body: ApiBody }>;
  post: (url: string, body?: unknown) => Promise<{ status: number; body: ApiBody }>;
  patch: (url: string, body?: unknown) => Promise<{ status: number; body: ApiBody }>;
  delete: (url: string) => Promise<{ status: number; body: ApiBody }>;
};

export function clientFor(app: FastifyInstance, key: string): Client {
  const request: Client['request'] = async (method, url, body) => {
    const options: InjectOptions = { method, url, headers: { authorization: `Bearer ${key}` } };
    if (body !== undefined) options.payload = body as InjectOptions['payload'];
    const response = await app.inject(options);
    const text = response.body;
    return { status: response.statusCode, body: text ? JSON.parse(text) : undefined, headers: response.headers };
  };
  return {
    key,
    request,
    get: (url) => request('GET', url),
    post: (url, body) => request('POST', url, body ?? {}),
    patch: (url, body) => request('PATCH', url, body),
    delete: (url) => request('DELETE', url),
  };
}

// An app on a database of the test file's own, with one workspace and its admin.
// `alertWebhookAllowPrivate`: ALERT_WEBHOOK_ALLOW_PRIVATE, for tests whose webhook listens on 127.0.0.1;
// `publicUrl`: PUBLIC_URL, the dashboard's origin share links point at; `rateLimits`: for a test that
// sends more requests than a client should (the fuzzer), not for one about the limits; `media`: where
// uploads go and how large one may be; `queues`: the job queues, on BullMQ's PostgreSQL backend in
// the test's database (what enqueues is accepted; no worker runs).
export async function startTestApp(settings: { alertWebhookAllowPrivate?: boolean; publicUrl?: string; rateLimits?: BuildSettings['rateLimits']; media?: BuildSettings['media']; connectors?: BuildSettings['connectors']; queues?: boolean } = {}) {
  const database = await createTestDatabase();
  const { queues: withQueues, ...rest } = settings;
  const queues = withQueues ? openQueues({ kind: 'postgres', url: database.url }) : undefined;
  const app = await buildApp(database.orm, {}, { ...rest, ...(queues ? { queues } : {}) });
  const created = await createWorkspaceWithAdmin(database.orm.em.fork(), { name: 'Brand A', adminEmail: 'admin@a.test', adminName: 'Admin A' });
  const admin = clientFor(app, created.key);
  return {
    app,
    orm: database.orm,
    databaseUrl: database.url,
    admin,
    workspaceId: created.workspace.id,
    async newWorkspace(name: string) {
      const other = await createWorkspaceWithAdmin(database.orm.em.fork(), { name, adminEmail: `admin@${name.toLowerCase().replace(/\W/g, '')}.test`, adminName: 'Admin' });
      return { workspaceId: other.workspace.id, admin: clientFor(app, other.key) };
    },
    async userWithRole(role: 'studio' | 'approver' | 'executive' | 'admin', client: Client = admin) {
      const response = await client.post('/v1/users', { email: `${role}-${Math.random().toString(36).slice(2)}@a.test`, name: role, role });
      if (response.status !== 201) throw new Error(`could not create ${role}: ${JSON.stringify(response.body)}`);
      return clientFor(app, response.body.key);
    },
    async close() {
      await app.close();
      if (queues) await closeQueues(queues);
      await database.drop();
    },
  };
}

/** The API on a fresh database holding the quick start's demo brand seeded as at `now`, with its admin's client. */
export async function startDemoBrandApp(now: Date) {
  const database = await createTestDatabase();
  const seeded = await seedDemoBrand(database.orm.em.fork(), now);
  const app = await buildApp(database.orm);
  return {
    app,
    client: clientFor(app, seeded.key),
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
