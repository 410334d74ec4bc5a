import { AsyncLocalStorage } from 'node:async_hooks';
import type { Role } from '../entities/user.entity.ts';

export type AuditActor =
  | { kind: 'api_key'; userId: string; apiKeyId: string; role: Role }
  | { kind: 'share_link'; shareLinkId: string }
  | { kind: 'system' };

/** Who is writing and in which request; writes made outside any scope (workers, seeding) are not audited. */
export type AuditScope = { workspaceId: string | null; actor: AuditActor; requestId: string | null };

// The scope travels with the async call chain of a request rather than with an EntityManager,
// because em.transactional() and em.fork() make managers that know nothing of the request.
const storage = new AsyncLocalStorage<AuditScope>();

export function currentAuditScope(): AuditScope | undefined {
  return storage.getStore();
}

/** Runs `fn` (and everything it awaits) as `scope`: the ORM writes it flushes are audited as made by that actor. */
export function runAudited<T>(scope: AuditScope, fn: () => T): T {
  return storage.run(scope, fn);
}
