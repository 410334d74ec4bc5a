import { helper, type EntityManager } from '@mikro-orm/core';
import { changedFields } from './audit-changes.ts';
import { auditEntityType, recordAudit } from './audit-record.ts';
import { auditedProps, idOf, valuesOf } from './audit-values.ts';

/**
 * For a record inserted by raw SQL and then loaded: the same `create` entry the audit subscriber
 * writes for a record the unit of work inserts.
 */
export async function recordInserted(em: EntityManager, entity: object): Promise<void> {
  const wrapped = helper(entity);
  const meta = wrapped.__meta;
  const record = entity as Record<string, unknown>;
  const workspaceId = idOf(record['workspace']);
  if (!workspaceId) throw new Error(`${meta.className} ${String(wrapped.getSerializedPrimaryKey())} names no workspace; an audit entry needs one`);
  await recordAudit(em, {
    workspaceId,
    action: 'create',
    entityType: auditEntityType(meta.className),
    entityId: wrapped.getSerializedPrimaryKey(),
    changes: changedFields(null, valuesOf(auditedProps(meta), (prop) => record[prop.name])),
  });
}
