import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Queues } from '@persona-ops/jobs/contracts';
import { operatorOnly } from './operator-guard.ts';

export const queueBoardPrefix = '/admin/queues';

export type QueueBoardOptions = { queues: Queues; operatorPassword: string };

// Bull Board, for the operator: every workspace's queues, their failed jobs with payloads and stack
// traces, and the actions (pause, retry, clean, obliterate). So it is not a workspace's: it opens with
// the operator password from the environment (OPERATOR_PASSWORD), never an API key, and is not
// mounted at all without one. A browser cannot send a bearer header to a UI, so it is HTTP Basic.
export const queueBoardPlugin = fp(async (app: FastifyInstance, options: QueueBoardOptions) => {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(queueBoardPrefix);
  createBullBoard({ queues: [...options.queues.values()].map((queue) => new BullMQAdapter(queue)), serverAdapter, options: { uiConfig: { boardTitle: 'Persona Ops jobs' } } });
  await app.register(async (board) => {
    board.addHook('onRequest', operatorOnly(options.operatorPassword, 'The queue board'));
    await board.register(serverAdapter.registerPlugin());
  }, { prefix: queueBoardPrefix });
});
