import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Queues } from '@persona-ops/jobs/contracts';

export const queueBoardPrefix = '/admin/queues';

// Bull Board, for admins: the state of every queue, failed jobs and their reasons. A browser
// cannot send a bearer header to a UI, so this prefix takes HTTP Basic auth with the API key as
// the password (the browser asks once); the auth plugin checks it like any key, admin only.
export const queueBoardPlugin = fp(async (app: FastifyInstance, options: { queues: Queues }) => {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(queueBoardPrefix);
  createBullBoard({ queues: [...options.queues.values()].map((queue) => new BullMQAdapter(queue)), serverAdapter, options: { uiConfig: { boardTitle: 'Persona Ops jobs' } } });
  await app.register(serverAdapter.registerPlugin(), { prefix: queueBoardPrefix });
});
