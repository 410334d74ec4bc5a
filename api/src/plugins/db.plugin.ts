import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    orm: MikroORM;
  }
  interface FastifyRequest {
    em: EntityManager;
  }
}

// One EntityManager fork per request: no identity map is shared between requests.
export const dbPlugin = fp(async (app: FastifyInstance, options: { orm: MikroORM }) => {
  app.decorate('orm', options.orm);
  app.decorateRequest('em', null as unknown as EntityManager);
  app.addHook('onRequest', async (request) => {
    request.em = options.orm.em.fork();
  });
});
