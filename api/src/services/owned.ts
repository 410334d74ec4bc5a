import type { EntityName, FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Asset, Brief, Campaign, Source } from '@persona-ops/domain/store';
import { notFound } from '../http/api-error.ts';

// Every lookup by id is scoped to the caller's workspace: a foreign id is simply not found (404),
// so nobody learns that it exists elsewhere.
export async function findOwned<T extends object>(em: EntityManager, entity: EntityName<T>, what: string, id: string, workspaceId: string, populate: string[] = []): Promise<T> {
  const found = await em.findOne(entity, { id, workspace: workspaceId } as FilterQuery<NoInfer<T>>, { populate: populate as never });
  if (!found) throw notFound(what, id);
  return found;
}

type FilterIds = { campaignId?: string | undefined; sourceId?: string | undefined; briefId?: string | undefined; assetId?: string | undefined };

// A filter naming another workspace's record answers 404 like any other foreign id,
// rather than an empty page that would look like "no data yet".
export async function assertFilterIdsOwned(em: EntityManager, workspaceId: string, ids: FilterIds): Promise<void> {
  if (ids.campaignId) await findOwned(em, Campaign, 'campaign', ids.campaignId, workspaceId);
  if (ids.sourceId) await findOwned(em, Source, 'source', ids.sourceId, workspaceId);
  if (ids.briefId) await findOwned(em, Brief, 'brief', ids.briefId, workspaceId);
  if (ids.assetId) await findOwned(em, Asset, 'asset', ids.assetId, workspaceId);
}
