import type { MikroORM } from '@mikro-orm/postgresql';
import fp from 'fastify-plugin';
import Fastify, { type FastifyServerOptions } from 'fastify';
import type { Queues } from '@persona-ops/jobs/contracts';
import { app } from './app.ts';

export async function buildApp(orm: MikroORM, options: FastifyServerOptions = {}, queues?: Queues) {
  const instance = Fastify({
    logger: false,
    bodyLimit: 16 * 1024 * 1024,
    // Problem details name the request, so an id helps people match a report to the logs.
    requestIdHeader: 'x-request-id',
    ...options,
  });
  // Unencapsulated, so the app's decorators (swagger, orm) are reachable from the outside.
  await instance.register(fp(app), { orm, ...(queues ? { queues } : {}) });
  await instance.ready();
  return instance;
}
