import type { MikroORM } from '@mikro-orm/postgresql';
import fp from 'fastify-plugin';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { localDiskMediaStorage } from '@persona-ops/domain/store';
import Fastify, { type FastifyHttpOptions } from 'fastify';
import type { Queues } from '@persona-ops/jobs/contracts';
import type { ConnectorSettings } from '@persona-ops/domain/connectors';
import { app } from './app.ts';
import { frameworkErrors } from './plugins/errors.plugin.ts';
import { fastifyTrustProxy } from './http/trust-proxy.ts';
import { mediaDirOf, type Config } from './config.ts';
import type { MediaSettings } from './app.ts';
import { requestIdOf } from './plugins/request-id.plugin.ts';
import { defaultRateLimits, type RateLimits } from './plugins/security.plugin.ts';

export type BuildSettings = {
  /** The queues and the operator password of the queue board; it is mounted only with both. */
  queues?: Queues;
  operatorPassword?: string | undefined;
  /** ALERT_WEBHOOK_ALLOW_PRIVATE: alert webhooks may point at loopback and private addresses. */
  alertWebhookAllowPrivate?: boolean;
  /** RATE_LIMIT_* and REDIS_URL (shared counters); by default in memory, 20 failed authentications and 6,000 requests a minute. */
  rateLimits?: RateLimits;
  /** PUBLIC_URL: the dashboard's public origin, where share links point. */
  publicUrl?: string | undefined;
  /** The connectors' keys and platform apps (connectorSettingsOf the environment). */
  connectors?: ConnectorSettings | undefined;
  /** Where uploaded media go and how large one may be (mediaOf(config)); by default a folder of this process under the system's temporary directory, 100 MB. */
  media?: MediaSettings;
};

/** MEDIA_DIR (else DATA_DIR/media) on local disk and MEDIA_MAX_BYTES, for api-server.ts and quick-start.ts. */
export function mediaOf(config: Config): MediaSettings {
  return { storage: localDiskMediaStorage(mediaDirOf(config)), maxBytes: config.MEDIA_MAX_BYTES };
}

// Tests and embedders that name no folder: uploads still work, and nothing lands in the repository.
const defaultMedia = (): MediaSettings => ({ storage: localDiskMediaStorage(path.join(tmpdir(), `persona-ops-media-${process.pid}`)), maxBytes: 100 * 1024 * 1024 });

export async function buildApp(orm: MikroORM, options: FastifyHttpOptions<Server> = {}, settings: BuildSettings = {}) {
  const instance = Fastify({
    logger: false,
    bodyLimit: 16 * 1024 * 1024,
    // Problem details name the request, so an id helps people match a report to the logs; the
    // client's x-request-id when sane (plugins/request-id.plugin.ts), else a new UUID.
    requestIdHeader: false,
    genReqId: requestIdOf,
    // URLs the router refuses before any route runs answer problem+json too.
    frameworkErrors,
    ...serverTimeouts({}),
    ...options,
  });
  // Unencapsulated, so the app's decorators (swagger, orm) are reachable from the outside.
  await instance.register(fp(app), {
    orm,
    ...(settings.queues ? { queues: settings.queues } : {}),
    ...(settings.operatorPassword ? { operatorPassword: settings.operatorPassword } : {}),
    ...(settings.publicUrl ? { publicUrl: settings.publicUrl } : {}),
    ...(settings.connectors ? { connectors: settings.connectors } : {}),
    alertWebhookPolicy: { allowPrivate: settings.alertWebhookAllowPrivate ?? false },
    media: settings.media ?? defaultMedia(),
    rateLimits: settings.rateLimits ?? defaultRateLimits,
  });
  await instance.ready();
  return instance;
}

/**
 * Fastify's timeouts (REQUEST_TIMEOUT_MS, CONNECTION_TIMEOUT_MS, KEEP_ALIVE_TIMEOUT_MS; 30 s, 120 s,
 * 72 s by default). requestTimeout bounds receiving the whole request, headers and body: a client
 * trickling its body gets 408 and is cut off. Node checks it every connectionsCheckingInterval (30 s
 * by default), so a short timeout checks more often.
 */
export function serverTimeouts(timeouts: { requestMs?: number; connectionMs?: number; keepAliveMs?: number }): FastifyHttpOptions<Server> {
  const requestTimeout = timeouts.requestMs ?? 30_000;
  return {
    requestTimeout,
    connectionTimeout: timeouts.connectionMs ?? 120_000,
    keepAliveTimeout: timeouts.keepAliveMs ?? 72_000,
    http: { headersTimeout: Math.min(requestTimeout, 60_000), connectionsCheckingInterval: Math.max(100, Math.min(30_000, Math.floor(requestTimeout / 4))) },
  };
}

/** The environment's timeouts, trusted proxies and rate limits (see .env.example), for api-server.ts and quick-start.ts. */
export function hardeningOf(config: Config): { serverOptions: FastifyHttpOptions<Server>; rateLimits: RateLimits } {
  return {
    serverOptions: { ...serverTimeouts({ requestMs: config.REQUEST_TIMEOUT_MS, connectionMs: config.CONNECTION_TIMEOUT_MS, keepAliveMs: config.KEEP_ALIVE_TIMEOUT_MS }), trustProxy: fastifyTrustProxy(config.TRUST_PROXY) },
    rateLimits: { authFailuresMax: config.RATE_LIMIT_AUTH_FAILURES, requestsMax: config.RATE_LIMIT_REQUESTS, windowMs: config.RATE_LIMIT_WINDOW_MS, redisUrl: config.REDIS_URL },
  };
}
