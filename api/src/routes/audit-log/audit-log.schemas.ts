import { z } from 'zod';
import { auditActions, auditActorKinds, auditEntityType, entities, roles, AuditEntry } from '@persona-ops/domain/store';
import { idSchema, pageOf, paginationQuery, periodQuery } from '../../http/common.schemas.ts';

// What an entry can name: every stored record's type, and `report` for exports.
export const auditEntityTypes: [string, ...string[]] = [
  'report',
  ...entities.filter((entity) => entity !== AuditEntry).map((entity) => auditEntityType(entity.meta.className)),
];

export const listAuditLogQuery = z.object({
  actorUserId: idSchema.optional().describe('Only what this user did (through any of their keys)'),
  actorApiKeyId: idSchema.optional().describe('Only what was done with this API key'),
  action: z.enum(auditActions).optional(),
  entityType: z.enum(auditEntityTypes).optional().describe('Only entries about this kind of record (`report` for exports)'),
  entityId: z.string().min(1).max(64).optional().describe('Only entries about this record (a campaign id for its report exports)'),
  requestId: z.string().min(1).max(128).optional().describe('Only what this request did (its x-request-id)'),
  ...periodQuery,
  ...paginationQuery(['createdAt'] as const, 'createdAt'),
});

const changeSchema = z.object({
  before: z.unknown().describe('The value before the write (null when created); secrets read "[redacted]"'),
  after: z.unknown().describe('The value after the write (null when deleted); secrets read "[redacted]"'),
});

export const auditEntrySchema = z
  .object({
    id: idSchema,
    createdAt: z.iso.datetime().describe('When the write was made'),
    actor: z
      .object({
        kind: z.enum(auditActorKinds).describe('api_key: a user through an API key; share_link: the reader of a share link; system: no user (start-up, seeding)'),
        userId: idSchema.nullable(),
        apiKeyId: idSchema.nullable(),
        role: z.enum(roles).nullable().describe("The key's role when it acted"),
      })
      .describe('Who acted'),
    action: z.enum(auditActions).describe('revoke: an API key or share link revoked; bulk_write: a bulk or raw upsert (counts in details); export: a report downloaded with an explicit format; view: a share link opened'),
    entityType: z.string().describe('The kind of record, in snake case (campaign, share_link, …), or report'),
    entityId: z.string().nullable().describe('The record written; null for a bulk write or a workspace-wide report'),
    changes: z.record(z.string(), changeSchema).nullable().describe('The changed fields only, with their values before and after; null when the entry has none (bulk writes, exports, views)'),
    details: z.record(z.string(), z.unknown()).nullable().describe("A bulk write's counts; an export's report, format and filters"),
    requestId: z.string().nullable().describe('The request that made it (its x-request-id)'),
  })
  .meta({ id: 'AuditEntry' });

export const auditLogPage = pageOf(auditEntrySchema);
