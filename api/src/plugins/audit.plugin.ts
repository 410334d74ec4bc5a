import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { runAudited, type AuditScope } from '@persona-ops/domain/store';

/**
 * Runs each handler in an audit scope naming the caller (user, API key, role) and the request id,
 * so every write it flushes is recorded with them (AuditSubscriber). A callback hook, because the
 * scope must wrap the rest of the request's chain, which an async hook's return cannot do.
 */
export const auditPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('preHandler', (request, _reply, done) => {
    const principal = request.principal as typeof request.principal | null;
    const scope: AuditScope = principal
      ? { workspaceId: principal.workspaceId, actor: { kind: 'api_key', userId: principal.userId, apiKeyId: principal.keyId, role: principal.role }, requestId: request.id }
      : { workspaceId: null, actor: { kind: 'system' }, requestId: request.id };
    runAudited(scope, done);
  });
});
