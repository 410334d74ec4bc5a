import type { EntityName, FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '../http/api-error.ts';

// Every lookup by id is scoped to the caller's workspace: a foreign id is simply not found (404),
// so nobody learns that it exists elsewhere.
export async function findOwned<T extends object>(em: EntityManager, entity: EntityName<T>, what: string, id: string, workspaceId: string, populate: string[] = []): Promise<T> {
  const found = await em.findOne(entity, { id, workspace: workspaceId } as FilterQuery<NoInfer<T>>, { populate: populate as never });
  if (!found) throw notFound(what, id);
  return found as T;
}

export function period<K extends string>(field: K, from?: string, to?: string) {
  if (!from && !to) return {};
  return { [field]: { ...(from ? { $gte: new Date(from) } : {}), ...(to ? { $lt: new Date(to) } : {}) } };
}
