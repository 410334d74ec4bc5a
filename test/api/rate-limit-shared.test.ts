// The per-key request limit with REDIS_URL: counters shared by the API processes, each process
// adding what it counted to Redis in batches (batched-redis-store.ts) rather than on every request.
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '@persona-ops/api/build-app';
import { createTestDatabase } from '../support/test-database.ts';

const redisUrl = inject('redisUrl');

describe.skipIf(!redisUrl)('the per-key request limit shared in Redis (REDIS_URL)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let apps: FastifyInstance[] = [];
  let redis: Redis;
  const flushMs = 50;

  beforeAll(async () => {
    database = await createTestDatabase();
    const rateLimits = { authFailuresMax: 20, requestsMax: 10, windowMs: 60_000, redisUrl: redisUrl!, flushMs };
    apps = [await buildApp(database.orm, {}, { rateLimits }), await buildApp(database.orm, {}, { rateLimits })];
    redis = new Redis(redisUrl!);
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    redis?.disconnect();
    await database?.drop();
  });

  // A key of this run's own: the counters outlive the test in the shared Redis.
  const newKey = () => `po_limit-${randomBytes(8).toString('hex')}`;
  const counterOf = async (key: string) => Number(await redis.get(`persona-ops-rate:key:${createHash('sha256').update(key).digest('hex')}`));
  const send = (app: FastifyInstance, key: string) => app.inject({ method: 'GET', url: '/health', headers: { authorization: `Bearer ${key}` } });
  const settle = () => new Promise((resolve) => setTimeout(resolve, flushMs * 4));

  it('admits exactly the limit across two processes when their counts have reached Redis', async () => {
    const key = newKey();
    const [a, b] = apps as [FastifyInstance, FastifyInstance];
    const first = [];
    for (let i = 0; i < 6; i++) first.push((await send(a, key)).statusCode);
    expect(first).toEqual([200, 200, 200, 200, 200, 200]);
    await settle();
    expect(await counterOf(key)).toBe(6);

    // The other process counts its first request in Redis, so it knows of the six and admits four more.
    const second = [];
    for (let i = 0; i < 5; i++) second.push((await send(b, key)).statusCode);
    expect(second).toEqual([200, 200, 200, 200, 429]);
    const limited = await send(b, key);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['x-ratelimit-remaining'])).toBe(0);

    // The first process learns of the other's requests at its next flush and refuses too.
    await settle();
    expect(await counterOf(key)).toBe(12);
    await send(a, key);
    await settle();
    expect((await send(a, key)).statusCode).toBe(429);
    await settle();
    expect(await counterOf(key)).toBe(14);
  });

  it('adds every request counted locally to Redis, none lost and none doubled', async () => {
    const key = newKey();
    const statuses = await Promise.all(Array.from({ length: 8 }, (_, i) => send(apps[i % 2]!, key).then((response) => response.statusCode)));
    expect(statuses.every((status) => status === 200)).toBe(true);
    await settle();
    expect(await counterOf(key)).toBe(8);
    // Counted in a window that ends: the shared counter expires with it.
    expect(await redis.pttl(`persona-ops-rate:key:${createHash('sha256').update(key).digest('hex')}`)).toBeGreaterThan(50_000);
  });
});
