// Hardening: rate limits (failed authentications per IP, requests per key), the server's timeouts
// (a body trickled byte by byte is cut off) and the security headers of the API and /docs.
import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp, serverTimeouts } from '@persona-ops/api/build-app';
import { createWorkspaceWithAdmin } from '@persona-ops/api/workspaces';
import { startTestApp } from '../support/api-harness.ts';
import { createTestDatabase } from '../support/test-database.ts';

describe('hardening', () => {
  let t: Awaited<ReturnType<typeof startTestApp>>;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers the 21st bad key from one IP within a minute with 429 problem+json and Retry-After', async () => {
    const from = '203.0.113.7';
    for (let i = 1; i <= 20; i++) {
      const response = await t.app.inject({ method: 'GET', url: '/v1/campaigns', remoteAddress: from, headers: { authorization: `Bearer po_wrong-${i}` } });
      expect(response.statusCode, `attempt ${i}`).toBe(401);
    }
    const limited = await t.app.inject({ method: 'GET', url: '/v1/campaigns', remoteAddress: from, headers: { authorization: 'Bearer po_wrong-21' } });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(limited.json()).toMatchObject({ status: 429, code: 'rate_limited' });
    // A missing key counts as a failure too.
    expect((await t.app.inject({ method: 'GET', url: '/v1/campaigns', remoteAddress: from })).statusCode).toBe(429);

    // Another address is not held back; a good key is never, not even from the limited address.
    const other = await t.app.inject({ method: 'GET', url: '/v1/campaigns', remoteAddress: '203.0.113.8', headers: { authorization: 'Bearer po_wrong' } });
    expect(other.statusCode).toBe(401);
    const good = await t.app.inject({ method: 'GET', url: '/v1/campaigns', remoteAddress: from, headers: { authorization: `Bearer ${t.admin.key}` } });
    expect(good.statusCode).toBe(200);
  });

  it('lets a good key make hundreds of requests a minute', async () => {
    for (let i = 0; i < 300; i++) {
      const response = await t.app.inject({ method: 'GET', url: '/health', headers: { authorization: `Bearer ${t.admin.key}` } });
      if (response.statusCode !== 200) throw new Error(`request ${i}: ${response.statusCode}`);
    }
    expect((await t.admin.get('/v1/campaigns')).status).toBe(200);
  });

  it('sets security headers on the API, and a CSP that lets /docs load its own scripts', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/v1/campaigns', headers: { authorization: `Bearer ${t.admin.key}` } });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    // Refusals and unknown routes carry them too: the headers are set before anything can fail.
    for (const refused of [
      await t.app.inject({ method: 'GET', url: '/v1/campaigns' }),
      await t.app.inject({ method: 'GET', url: '/v1/no-such-route', headers: { authorization: `Bearer ${t.admin.key}` } }),
    ]) {
      expect(refused.statusCode).toBeGreaterThanOrEqual(400);
      expect(refused.headers['x-content-type-options']).toBe('nosniff');
      expect(refused.headers['content-security-policy']).toBe(csp);
    }

    const docs = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['x-frame-options']).toBe('DENY');
    const docsCsp = String(docs.headers['content-security-policy']);
    expect(docsCsp).toMatch(/script-src [^;]*'self'/);
    // Its scripts are files of the same origin (no inline script the CSP would block), and they load.
    const scripts = [...docs.body.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    expect(docs.body).not.toMatch(/<script(?![^>]*src=)[^>]*>\s*\S/);
    for (const src of scripts) {
      const url = new URL(src!, 'http://127.0.0.1/docs/').pathname;
      expect((await t.app.inject({ method: 'GET', url })).statusCode, url).toBe(200);
    }
  });
});

describe('per-key request limit', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: FastifyInstance;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await buildApp(database.orm, {}, { rateLimits: { authFailuresMax: 20, requestsMax: 5, windowMs: 60_000 } });
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('answers 429 problem+json with Retry-After beyond the configured requests per key', async () => {
    const send = (key: string) => app.inject({ method: 'GET', url: '/health', headers: { authorization: `Bearer ${key}` } });
    for (let i = 0; i < 5; i++) expect((await send('po_a')).statusCode).toBe(200);
    const limited = await send('po_a');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Counted per key.
    expect((await send('po_b')).statusCode).toBe(200);
  });
});

describe('server timeouts', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: FastifyInstance;
  let port: number;
  let key: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    ({ key } = await createWorkspaceWithAdmin(database.orm.em.fork(), { name: 'Slow', adminEmail: 'admin@slow.test', adminName: 'Admin' }));
    app = await buildApp(database.orm, serverTimeouts({ requestMs: 1_000 }));
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as net.AddressInfo).port;
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('cuts off a body sent one byte at a time (408, connection closed)', async () => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    socket.on('error', () => undefined);
    await new Promise((resolve) => socket.once('connect', resolve));
    const started = Date.now();
    socket.write(`POST /v1/campaigns HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${key}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n`);
    const trickle = setInterval(() => {
      if (!socket.destroyed) socket.write('{');
    }, 200);
    const closedAfter = await new Promise<number>((resolve) => {
      const give = setTimeout(() => resolve(Infinity), 8_000);
      socket.once('close', () => {
        clearTimeout(give);
        resolve(Date.now() - started);
      });
    });
    clearInterval(trickle);
    socket.destroy();
    expect(closedAfter).toBeLessThan(5_000);
    expect(received).toMatch(/^HTTP\/1\.1 408/);
  }, 15_000);
});

describe.skipIf(!inject('redisUrl'))('failed authentications counted in Redis (REDIS_URL)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let apps: FastifyInstance[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const rateLimits = { authFailuresMax: 3, requestsMax: 1000, windowMs: 60_000, redisUrl: inject('redisUrl')! };
    apps = [await buildApp(database.orm, {}, { rateLimits }), await buildApp(database.orm, {}, { rateLimits })];
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    await database?.drop();
  });

  it('shares the counter between API processes', async () => {
    // An address of this run's own: the counters outlive the test in the shared Redis.
    const from = `198.51.100.${1 + Math.floor(Math.random() * 250)}`;
    const send = (app: FastifyInstance, i: number) => app.inject({ method: 'GET', url: '/v1/campaigns', remoteAddress: from, headers: { authorization: `Bearer po_wrong-${Date.now()}-${i}` } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await send(apps[i % 2]!, i)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});
