import type { MikroORM } from '@mikro-orm/postgresql';
import fp from 'fastify-plugin';
import Fastify, { type FastifyServerOptions } from 'fastify';
import type { Queues } from '@persona-ops/jobs/contracts';
import { app } from './app.ts';

export type BuildSettings = {
  /** The queues and the operator password of the queue board; it is mounted only with both. */
  queues?: Queues;
  operatorPassword?: string | undefined;
  /** ALERT_WEBHOOK_ALLOW_PRIVATE: alert webhooks may point at loopback and private addresses. */
  alertWebhookAllowPrivate?: boolean;
  /** PUBLIC_URL: the dashboard's public origin, where share links point. */
  publicUrl?: string | undefined;
};

export async function buildApp(orm: MikroORM, options: FastifyServerOptions = {}, settings: BuildSettings = {}) {
  const instance = Fastify({
    logger: false,
    bodyLimit: 16 * 1024 * 1024,
    // Problem details name the request, so an id helps people match a report to the logs.
    requestIdHeader: 'x-request-id',
    ...options,
  });
  // Unencapsulated, so the app's decorators (swagger, orm) are reachable from the outside.
  await instance.register(fp(app), {
    orm,
    ...(settings.queues ? { queues: settings.queues } : {}),
    ...(settings.operatorPassword ? { operatorPassword: settings.operatorPassword } : {}),
    ...(settings.publicUrl ? { publicUrl: settings.publicUrl } : {}),
    alertWebhookPolicy: { allowPrivate: settings.alertWebhookAllowPrivate ?? false },
  });
  await instance.ready();
  return instance;
}
