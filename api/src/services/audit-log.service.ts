import type { EntityManager } from '@mikro-orm/postgresql';
import { AuditEntry, type AuditAction, type IAuditEntry } from '@persona-ops/domain/store';
import { paginate, type PageRequest } from './pagination.ts';

export type AuditLogFilter = {
  actorUserId?: string | undefined;
  actorApiKeyId?: string | undefined;
  action?: AuditAction | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  requestId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
};

/** The workspace's audit entries matching every filter given, newest first by default. */
export async function listAuditLog(em: EntityManager, workspaceId: string, filter: AuditLogFilter, page: PageRequest) {
  const createdAt = {
    ...(filter.from ? { $gte: new Date(filter.from) } : {}),
    ...(filter.to ? { $lt: new Date(filter.to) } : {}),
  };
  return paginate(em, AuditEntry, {
    workspace: workspaceId,
    ...(filter.actorUserId ? { actorUserId: filter.actorUserId } : {}),
    ...(filter.actorApiKeyId ? { actorApiKeyId: filter.actorApiKeyId } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.entityType ? { entityType: filter.entityType } : {}),
    ...(filter.entityId ? { entityId: filter.entityId } : {}),
    ...(filter.requestId ? { requestId: filter.requestId } : {}),
    ...(Object.keys(createdAt).length > 0 ? { createdAt } : {}),
  }, page);
}

export function toAuditEntryDto(entry: IAuditEntry) {
  return {
    id: entry.id,
    createdAt: entry.createdAt.toISOString(),
    actor: { kind: entry.actorKind, userId: entry.actorUserId ?? null, apiKeyId: entry.actorApiKeyId ?? null, role: entry.actorRole ?? null },
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    changes: entry.changes ?? null,
    details: entry.details ?? null,
    requestId: entry.requestId ?? null,
  };
}
