import type { EntityManager } from '@mikro-orm/postgresql';
import { recordAudit } from '@persona-ops/domain/store';

/**
 * Runs a bulk write that bypasses the unit of work (raw SQL upserts, which the audit subscriber
 * cannot see) and records it as ONE audit entry with the number of rows sent and the write's
 * counts (inserted, updated, accepted…), in the same transaction: a batch that is refused, or
 * fails, leaves no entry; a stored one always has its entry.
 */
export function auditedBulkWrite<T extends object>(em: EntityManager, target: { workspaceId: string; entityType: string; rows: number }, write: (tx: EntityManager) => Promise<T>): Promise<T> {
  return em.transactional(async (tx) => {
    const result = await write(tx);
    await recordAudit(tx, { workspaceId: target.workspaceId, action: 'bulk_write', entityType: target.entityType, details: { rows: target.rows, ...countsOf(result) } });
    return result;
  });
}

function countsOf(result: object): Record<string, number> {
  return Object.fromEntries(Object.entries(result).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));
}
