import { createHash, timingSafeEqual } from 'node:crypto';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Queues } from '@persona-ops/jobs/contracts';
import { problem, sendProblem } from './errors.plugin.ts';

export const queueBoardPrefix = '/admin/queues';

export type QueueBoardOptions = { queues: Queues; operatorPassword: string };

/** The password of an HTTP Basic header (any user name), or null. */
export function basicPassword(header: string | undefined): string | null {
  const encoded = header?.match(/^Basic\s+(\S+)$/i)?.[1];
  if (!encoded) return null;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : decoded.slice(colon + 1);
}

/** Constant time whatever the lengths: both sides are hashed to 32 bytes first. */
export function passwordMatches(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected)) && expected.length > 0;
}

// Bull Board, for the operator: every workspace's queues, their failed jobs with payloads and stack
// traces, and the actions (pause, retry, clean, obliterate). So it is not a workspace's: it opens with
// the operator password from the environment (OPERATOR_PASSWORD), never an API key, and is not
// mounted at all without one. A browser cannot send a bearer header to a UI, so it is HTTP Basic.
export const queueBoardPlugin = fp(async (app: FastifyInstance, options: QueueBoardOptions) => {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(queueBoardPrefix);
  createBullBoard({ queues: [...options.queues.values()].map((queue) => new BullMQAdapter(queue)), serverAdapter, options: { uiConfig: { boardTitle: 'Persona Ops jobs' } } });
  await app.register(async (board) => {
    board.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      const password = basicPassword(request.headers.authorization);
      if (password !== null && passwordMatches(password, options.operatorPassword)) return undefined;
      // Answered here: the board's routes have an error handler of their own that would turn a thrown error into a 500.
      reply.header('www-authenticate', 'Basic realm="Persona Ops queues", charset="UTF-8"');
      return sendProblem(reply, problem(request, 401, 'operator_password_required', 'The queue board is the operator\'s: enter any user name and the operator password (OPERATOR_PASSWORD) as the password. API keys do not open it.'));
    });
    await board.register(serverAdapter.registerPlugin());
  }, { prefix: queueBoardPrefix });
});
