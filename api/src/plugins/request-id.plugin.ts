import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { requestIdPattern } from '@persona-ops/jobs/contracts';

export const requestIdHeader = 'x-request-id';

/**
 * Fastify's genReqId: the client's x-request-id when it is sane (1-128 letters, digits and
 * `._:@/+=-`, e.g. a proxy's UUID), else a new UUID. It names the request in the logs, in problem
 * details, in the audit log and in the data of the jobs it enqueues, so it must be unique across
 * processes (Fastify's own counter is not) and harmless in a header or a log line.
 */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers[requestIdHeader];
  return typeof given === 'string' && requestIdPattern.test(given) ? given : randomUUID();
}

// Every answer names its request, so a client can quote it and an operator find its log lines.
export const requestIdPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('onRequest', async (request, reply) => {
    reply.header(requestIdHeader, request.id);
  });
});
