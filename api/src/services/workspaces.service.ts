import type { EntityManager } from '@mikro-orm/postgresql';
import { User, Workspace } from '@persona-ops/domain/store';
import { issueKey } from './api-keys.service.ts';

export type NewWorkspace = { name: string; currency?: string; hourlyRateMinor?: number; adminEmail: string; adminName: string };

// The first workspace and its admin: what pnpm create-workspace and the demo seed start from.
export async function createWorkspaceWithAdmin(em: EntityManager, input: NewWorkspace) {
  const workspace = em.create(Workspace, {
    name: input.name,
    currency: input.currency ?? 'USD',
    hourlyRateMinor: input.hourlyRateMinor ?? 0,
    tierOverrides: {},
    competitors: [],
  });
  const admin = em.create(User, { workspace, email: input.adminEmail, name: input.adminName, role: 'admin' });
  await em.flush();
  const issued = await issueKey(em, { workspaceId: workspace.id, userId: admin.id, role: 'admin', label: 'bootstrap admin key' });
  return { workspace, admin, key: issued.key };
}
