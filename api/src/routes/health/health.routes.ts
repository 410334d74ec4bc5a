import { z } from 'zod';
import type { FastifyZod } from '../../http/fastify-zod.ts';
import { pendingMigrations } from '@persona-ops/domain/store';

const readiness = z.object({
  status: z.enum(['ready', 'not_ready']),
  database: z.enum(['up', 'down']),
  pendingMigrations: z.array(z.string()),
});

export async function healthRoutes(app: FastifyZod) {
  app.get('/health', {
    config: { public: true },
    schema: { tags: ['health'], summary: 'Liveness', security: [], response: { 200: z.object({ status: z.literal('ok') }) } },
  }, async () => ({ status: 'ok' as const }));

  app.get('/ready', {
    config: { public: true },
    schema: {
      tags: ['health'],
      summary: 'Readiness: the database answers and every migration is applied',
      security: [],
      response: { 200: readiness, 503: readiness },
    },
  }, async (_request, reply) => {
    try {
      const pending = await pendingMigrations(app.orm);
      const body = { status: pending.length === 0 ? 'ready' : 'not_ready', database: 'up', pendingMigrations: pending } as const;
      return reply.status(pending.length === 0 ? 200 : 503).send(body);
    } catch {
      return reply.status(503).send({ status: 'not_ready', database: 'down', pendingMigrations: [] });
    }
  });
}
