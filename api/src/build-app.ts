import type { MikroORM } from '@mikro-orm/postgresql';
import fp from 'fastify-plugin';
import Fastify, { type FastifyServerOptions } from 'fastify';
import type { Queues } from '@persona-ops/jobs/contracts';
import { app } from './app.ts';

/** `board`: the queues and the operator password of the queue board; it is mounted only with both. */
export async function buildApp(orm: MikroORM, options: FastifyServerOptions = {}, board: { queues?: Queues; operatorPassword?: string | undefined } = {}) {
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
    ...(board.queues ? { queues: board.queues } : {}),
    ...(board.operatorPassword ? { operatorPassword: board.operatorPassword } : {}),
  });
  await instance.ready();
  return instance;
}
