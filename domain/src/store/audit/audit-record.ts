import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { AuditEntry, type AuditAction, type AuditChange } from '../entities/audit-entry.entity.ts';
import { currentAuditScope, type AuditActor } from './audit-context.ts';

/** The entity type an entry names: the entity's name in snake case (ShareLink → share_link). */
export function auditEntityType(className: string): string {
  return className.replace(/(?<=[a-z0-9])(?=[A-Z])/g, '_').toLowerCase();
}

export function actorColumns(actor: AuditActor) {
  return {
    actorKind: actor.kind,
    actorUserId: actor.kind === 'api_key' ? actor.userId : null,
    actorApiKeyId: actor.kind === 'api_key' ? actor.apiKeyId : null,
    actorRole: actor.kind === 'api_key' ? actor.role : null,
  };
}

export type AuditRecord = {
  workspaceId: string;
  action: AuditAction;
  entityType: string;
  entityId?: string | null;
  changes?: Record<string, AuditChange> | null;
  details?: Record<string, unknown> | null;
  /** Who acted, when it is not the current scope's actor (a share link's reader). */
  actor?: AuditActor;
};

/**
 * An entry for what the unit of work does not see: a bulk write in raw SQL (one entry with its
 * counts), an export, a share-link view. Inserted at once on `em` (inside its transaction, if any),
 * as the current scope's actor and request; outside any scope, as the system.
 */
export async function recordAudit(em: EntityManager, record: AuditRecord): Promise<void> {
  const scope = currentAuditScope();
  // A native insert runs no onCreate hooks, so the id and time are set here.
  await em.insert(AuditEntry, {
    id: randomUUID(),
    createdAt: new Date(),
    workspace: record.workspaceId,
    ...actorColumns(record.actor ?? scope?.actor ?? { kind: 'system' }),
    action: record.action,
    entityType: record.entityType,
    entityId: record.entityId ?? null,
    changes: record.changes ?? null,
    details: record.details ?? null,
    requestId: scope?.requestId ?? null,
  });
}
