export { AuditSubscriber } from './audit.subscriber.ts';
export { currentAuditScope, runAudited, type AuditActor, type AuditScope } from './audit-context.ts';
export { recordAudit, auditEntityType, type AuditRecord } from './audit-record.ts';
export { recordInserted } from './audit-inserted.ts';
export { REDACTED, changedFields, isSecretField } from './audit-changes.ts';
