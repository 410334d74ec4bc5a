// TRUST_PROXY: behind a reverse proxy, the client the per-IP rate limit counts is the one the
// proxy names in X-Forwarded-For; without the setting the header is ignored (a client could
// otherwise claim a new address with every request and never be limited).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, hardeningOf } from '@persona-ops/api/build-app';
import { loadConfig } from '../../api/src/config.ts';
import { createTestDatabase } from '../support/test-database.ts';

describe('TRUST_PROXY and the per-IP rate limit', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const apps: FastifyInstance[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await database?.drop();
  });

  // An API configured from this environment, allowing 2 failed authentications per client IP.
  async function apiWith(env: Record<string, string>) {
    const hardening = hardeningOf(loadConfig({ RATE_LIMIT_AUTH_FAILURES: '2', ...env }));
    const app = await buildApp(database.orm, hardening.serverOptions, { rateLimits: hardening.rateLimits });
    apps.push(app);
    // Every request comes from the proxy's address (127.0.0.1), naming a client, or none.
    return (client?: string) => app.inject({ method: 'GET', url: '/v1/campaigns', remoteAddress: '127.0.0.1', headers: client ? { 'x-forwarded-for': client } : {} }).then((response) => response.statusCode);
  }

  it('with TRUST_PROXY set to the proxy\'s address, limits the client X-Forwarded-For names', async () => {
    const unauthenticated = await apiWith({ TRUST_PROXY: '127.0.0.1' });
    expect([await unauthenticated('203.0.113.7'), await unauthenticated('203.0.113.7'), await unauthenticated('203.0.113.7')]).toEqual([401, 401, 429]);
    // Another client behind the same proxy has its own budget.
    expect(await unauthenticated('198.51.100.20')).toBe(401);
    // A client that prepends an address of its own choosing is still the one the proxy saw.
    expect(await unauthenticated('10.9.9.9, 203.0.113.7')).toBe(429);
  });

  it('with a hop count, the same', async () => {
    const unauthenticated = await apiWith({ TRUST_PROXY: '1' });
    expect([await unauthenticated('203.0.113.8'), await unauthenticated('203.0.113.8'), await unauthenticated('203.0.113.8'), await unauthenticated('198.51.100.21')]).toEqual([401, 401, 429, 401]);
  });

  it('without TRUST_PROXY, ignores X-Forwarded-For: every client is the proxy\'s address', async () => {
    const unauthenticated = await apiWith({});
    expect([await unauthenticated('203.0.113.9'), await unauthenticated('198.51.100.22'), await unauthenticated('192.0.2.33')]).toEqual([401, 401, 429]);
  });

  it('with a proxy list that does not include the sender, ignores the header too', async () => {
    const unauthenticated = await apiWith({ TRUST_PROXY: '10.0.0.0/8' });
    expect([await unauthenticated('203.0.113.10'), await unauthenticated('198.51.100.23'), await unauthenticated('192.0.2.34')]).toEqual([401, 401, 429]);
  });
});
