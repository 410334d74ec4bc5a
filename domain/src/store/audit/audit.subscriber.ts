import { ChangeSetType, helper, type ChangeSet, type EventSubscriber, type FlushEventArgs } from '@mikro-orm/core';
import { AuditEntry, type AuditAction } from '../entities/audit-entry.entity.ts';
import { changedFields } from './audit-changes.ts';
import { actorColumns, auditEntityType } from './audit-record.ts';
import { currentAuditScope, type AuditScope } from './audit-context.ts';
import { auditedProps, idOf, valuesOf } from './audit-values.ts';

/**
 * Records every create, update and delete that a unit of work flushes inside an audit scope (an
 * API request) as an AuditEntry, in the same flush and so in the same transaction as the write:
 * a write is never stored without its entry. Writes that bypass the unit of work (raw SQL bulk
 * upserts) record their own entry with recordAudit.
 */
export class AuditSubscriber implements EventSubscriber {
  onFlush(args: FlushEventArgs): void {
    const scope = currentAuditScope();
    if (!scope) return;
    for (const changeSet of args.uow.getChangeSets()) {
      if (changeSet.meta.className === AuditEntry.meta.className) continue;
      const data = entryOf(changeSet, scope);
      if (!data) continue;
      args.uow.computeChangeSet(args.em.create(AuditEntry, data, { persist: false }));
    }
  }
}

function entryOf(changeSet: ChangeSet<object>, scope: AuditScope) {
  const { meta, entity } = changeSet;
  const record = entity as Record<string, unknown>;
  const workspaceId = meta.className === 'Workspace' ? String(record['id']) : (idOf(record['workspace']) ?? scope.workspaceId);
  if (!workspaceId) return null;
  const props = auditedProps(meta);
  let action: AuditAction;
  let changes;
  if (changeSet.type === ChangeSetType.CREATE) {
    action = 'create';
    changes = changedFields(null, valuesOf(props, (prop) => record[prop.name]));
  } else if (changeSet.type === ChangeSetType.DELETE || changeSet.type === ChangeSetType.DELETE_EARLY) {
    action = 'delete';
    changes = changedFields(valuesOf(props, (prop) => record[prop.name]), null);
  } else {
    const original = (changeSet.originalEntity ?? {}) as Record<string, unknown>;
    const named = props.filter((prop) => prop.name in changeSet.payload);
    changes = changedFields(valuesOf(named, (prop) => original[prop.name]), valuesOf(named, (prop) => record[prop.name]));
    if (!changes) return null;
    // Setting revokedAt (an API key, a share link) is a revocation, whatever else changed with it.
    action = changes['revokedAt']?.before === null && changes['revokedAt'].after !== null ? 'revoke' : 'update';
  }
  const pk = changeSet.getSerializedPrimaryKey() ?? helper(entity).getSerializedPrimaryKey();
  return {
    workspace: workspaceId,
    ...actorColumns(scope.actor),
    action,
    entityType: auditEntityType(meta.className),
    entityId: pk,
    changes,
    details: null,
    requestId: scope.requestId,
  };
}
