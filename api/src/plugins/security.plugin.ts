import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';
import { ApiError } from '../http/api-error.ts';
import { bearerKeyHash } from '../http/bearer-key.ts';
import { batchedRedisStore } from './batched-redis-store.ts';
import { securityHeaders } from './security-headers.ts';

export type RateLimits = {
  /** Failed authentications (missing, unknown or revoked key) a client IP may make per window; then 429. */
  authFailuresMax: number;
  /** Requests one API key (or, without a key, one IP) may make per window. */
  requestsMax: number;
  windowMs: number;
  /** REDIS_URL: counters shared by every API process; without it each process counts in memory. */
  redisUrl?: string | undefined;
  /** How often a process adds what it counted to the shared counters (batched-redis-store.ts). */
  flushMs?: number | undefined;
};

export const defaultRateLimits: RateLimits = { authFailuresMax: 20, requestsMax: 6000, windowMs: 60_000 };

declare module 'fastify' {
  interface FastifyInstance {
    /** Counts a failed authentication of the request's IP; throws 429 once it is over the limit. */
    authFailure(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  }
}

const tooMany = (seconds: number, what: string) =>
  new ApiError(429, 'rate_limited', `Too many ${what}. Wait ${seconds} s (the Retry-After header) and send it again.`);

// Security headers on every answer (API, /docs, the queue board) and rate limits.
export const securityPlugin = fp(async (app: FastifyInstance, limits: RateLimits) => {
  const headers = securityHeaders({
    // Swagger UI (/docs) runs its own scripts and styles from this origin, with an inline style.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // Answers are JSON read by other origins' tools; the dashboard calls the API server-side.
    crossOriginResourcePolicy: { policy: 'same-site' },
    // Plain-http deployments (a laptop, an internal host) must not be pinned to https.
    strictTransportSecurity: false,
  });
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });

  const redis = limits.redisUrl ? new Redis(limits.redisUrl, { maxRetriesPerRequest: 1, lazyConnect: false }) : undefined;
  if (redis) {
    // Unreachable Redis: the limits are skipped (skipOnError) and said once per outage.
    let down = false;
    redis.on('error', (error: Error) => {
      if (!down) app.log.warn(`Rate-limit counters in Redis unavailable (${error.message}); requests are not limited meanwhile.`);
      down = true;
    });
    redis.on('ready', () => (down = false));
  }
  const shared = redis ? batchedRedisStore(redis, { prefix: 'persona-ops-rate:', flushMs: limits.flushMs ?? 100 }) : undefined;
  if (redis && shared) {
    app.addHook('onClose', async () => {
      await shared.flush();
      await redis.quit().catch(() => undefined);
    });
  }

  await app.register(rateLimit, {
    global: true,
    hook: 'onRequest',
    max: limits.requestsMax,
    timeWindow: limits.windowMs,
    ...(shared ? { store: shared.Store } : {}),
    // A Redis that does not answer must not take the API down with it.
    skipOnError: true,
    // Per key (hashed: the store never sees a key), else per client IP.
    keyGenerator: (request) => {
      const keyHash = bearerKeyHash(request);
      return keyHash ? `key:${keyHash}` : `ip:${request.ip}`;
    },
    errorResponseBuilder: (_request, context) => tooMany(Math.ceil(context.ttl / 1000), 'requests'),
  });

  const failures = app.createRateLimit({
    max: limits.authFailuresMax,
    timeWindow: limits.windowMs,
    skipOnError: true,
    keyGenerator: (request) => `auth-failure:${request.ip}`,
  });
  const refuse = (reply: FastifyReply, ttlInSeconds: number) => {
    const seconds = Math.max(1, ttlInSeconds);
    reply.header('retry-after', String(seconds));
    return tooMany(seconds, 'failed authentications from your address');
  };
  app.decorate('authFailure', async (request: FastifyRequest, reply: FastifyReply) => {
    const state = await failures(request);
    if (!state.isAllowed && state.isExceeded) throw refuse(reply, state.ttlInSeconds);
  });
});
