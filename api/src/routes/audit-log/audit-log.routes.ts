import type { FastifyZod } from '../../http/fastify-zod.ts';
import { problemResponses } from '../../http/problem.ts';
import { workspaceOf } from '../../plugins/auth.plugin.ts';
import { listAuditLog, toAuditEntryDto } from '../../services/audit-log.service.ts';
import { auditLogPage, listAuditLogQuery } from './audit-log.schemas.ts';

const adminOnly = { roles: [] as const };

export async function auditLogRoutes(app: FastifyZod) {
  app.get('/v1/audit-log', {
    config: adminOnly,
    schema: {
      tags: ['admin'],
      summary: "The workspace's audit log (admins): every write made through the API, every export and share-link view, newest first",
      description: 'Each write records who (user, API key and its role), what (action, record type and id, the changed fields with their values before and after, secrets redacted), when and the request. Bulk writes record one entry with their counts. Filters combine with AND.',
      querystring: listAuditLogQuery,
      response: { 200: auditLogPage, ...problemResponses },
    },
  }, async (request) => {
    const { actorUserId, actorApiKeyId, action, entityType, entityId, requestId, from, to, ...page } = request.query;
    const result = await listAuditLog(request.em, workspaceOf(request), { actorUserId, actorApiKeyId, action, entityType, entityId, requestId, from, to }, page);
    return { items: result.items.map(toAuditEntryDto), nextCursor: result.nextCursor };
  });
}
