import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    orm: MikroORM;
  }
  interface FastifyRequest {
    em: EntityManager;
    forkedEm: EntityManager | null;
  }
}

// One EntityManager fork per request (no identity map is shared between requests), made when the
// request first asks for it: a fork costs a configuration copy, and a list read from a cached key
// or a refused request never needs one.
export const dbPlugin = fp(async (app: FastifyInstance, options: { orm: MikroORM }) => {
  app.decorate('orm', options.orm);
  app.decorateRequest('forkedEm', null);
  app.decorateRequest('em', {
    getter(this: FastifyRequest) {
      this.forkedEm ??= options.orm.em.fork();
      return this.forkedEm;
    },
  });
});
