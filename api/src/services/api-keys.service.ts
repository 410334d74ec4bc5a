import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ApiKey, type Role } from '@persona-ops/domain/store';

const keyPrefix = 'po_';

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

// 32 random bytes: the key is unguessable, so a fast hash (not a password hash) is the right store.
export function newKeySecret(): { key: string; prefix: string; keyHash: string } {
  const key = `${keyPrefix}${randomBytes(32).toString('base64url')}`;
  return { key, prefix: key.slice(0, 11), keyHash: hashKey(key) };
}

export async function findActiveKey(em: EntityManager, keyHash: string) {
  const found = await em.findOne(ApiKey, { keyHash, revokedAt: null }, { disableIdentityMap: true });
  if (!found) return null;
  return { workspaceId: found.workspace.id, userId: found.user.id, role: found.role, keyId: found.id };
}

/** Last use is informational; written without loading the key into the request's unit of work. */
export async function recordKeyUse(em: EntityManager, keyId: string, at: Date) {
  await em.nativeUpdate(ApiKey, { id: keyId }, { lastUsedAt: at });
}

export async function issueKey(em: EntityManager, input: { workspaceId: string; userId: string; role: Role; label: string }) {
  const secret = newKeySecret();
  const apiKey = em.create(ApiKey, {
    workspace: input.workspaceId,
    user: input.userId,
    role: input.role,
    label: input.label,
    prefix: secret.prefix,
    keyHash: secret.keyHash,
  });
  await em.flush();
  return { apiKey, key: secret.key };
}
