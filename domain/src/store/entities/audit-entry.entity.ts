import { randomUUID } from 'node:crypto';
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { roles } from './user.entity.ts';
import { Workspace } from './workspace.entity.ts';

export const auditActions = ['create', 'update', 'delete', 'revoke', 'bulk_write', 'export', 'view'] as const;
export type AuditAction = (typeof auditActions)[number];

// A person acts through an API key; a share link's anonymous reader through its token; the system
// (start-up, seeding) through neither.
export const auditActorKinds = ['api_key', 'share_link', 'system'] as const;
export type AuditActorKind = (typeof auditActorKinds)[number];

export type AuditChange = { before: unknown; after: unknown };

// One write (or export, or share-link view) in a workspace: who, what, when and the changed fields.
// Entries are never updated, so there is no updatedAt. The actor's ids are plain columns, not
// foreign keys: the log outlives the users and keys it names.
export const AuditEntry = defineEntity({
  name: 'AuditEntry',
  tableName: 'audit_entry',
  indexes: [
    { properties: ['workspace', 'createdAt', 'id'] },
    { properties: ['workspace', 'entityType', 'entityId', 'createdAt'] },
    { properties: ['workspace', 'actorUserId', 'createdAt'] },
    { properties: ['workspace', 'actorApiKeyId', 'createdAt'] },
    { properties: ['workspace', 'action', 'createdAt'] },
    { properties: ['workspace', 'requestId'] },
  ],
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    createdAt: p.datetime().onCreate(() => new Date()),
    workspace: () => p.manyToOne(Workspace),
    actorKind: p.enum(auditActorKinds),
    actorUserId: p.uuid().nullable(),
    actorApiKeyId: p.uuid().nullable(),
    actorRole: p.enum(roles).nullable(),
    action: p.enum(auditActions),
    entityType: p.string().length(64),
    entityId: p.string().length(64).nullable(),
    // Changed fields only, each with its value before and after (secrets as "[redacted]").
    changes: p.json<Record<string, AuditChange>>().nullable(),
    // What a change set cannot say: a bulk write's counts, an export's report and filters.
    details: p.json<Record<string, unknown>>().nullable(),
    requestId: p.string().length(128).nullable(),
  },
});
export type IAuditEntry = InferEntity<typeof AuditEntry>;
