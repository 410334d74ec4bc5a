import type { FastifyReply, FastifyRequest } from 'fastify';
import { isOperator } from '@persona-ops/domain/operator-credential';
import { problem, sendProblem } from './errors.plugin.ts';

/**
 * An onRequest hook that lets only the operator through (HTTP Basic, any user name, OPERATOR_PASSWORD):
 * for what spans every workspace, the queue board and /metrics. API keys never open it.
 * It answers the 401 itself: a route's own error handler (the board has one) would turn a thrown error into a 500.
 */
export function operatorOnly(operatorPassword: string, what: string) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (isOperator(request.headers.authorization, operatorPassword)) return undefined;
    reply.header('www-authenticate', 'Basic realm="Persona Ops operator", charset="UTF-8"');
    return sendProblem(reply, problem(request, 401, 'operator_password_required', `${what} is the operator's: send any user name and the operator password (OPERATOR_PASSWORD) as the password (HTTP Basic). API keys do not open it.`));
  };
}
