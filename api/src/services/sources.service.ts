import type { EntityManager } from '@mikro-orm/postgresql';
import { Source, type ISource } from '@persona-ops/domain/store';
import type { SourceKind } from '@persona-ops/domain/core';
import type { Patch } from '../http/merge-patch.ts';
import { findOwned } from './owned.ts';
import { paginate, type PageRequest } from './pagination.ts';

export type SourceInput = {
  kind: SourceKind;
  name: string;
  handles: Record<string, string>;
  aliases: string[];
  launchedOn: string | null;
  hourlyRateMinor: number | null;
};

export function toSourceDto(source: ISource) {
  return {
    id: source.id,
    kind: source.kind,
    name: source.name,
    handles: source.handles,
    aliases: source.aliases,
    launchedOn: source.launchedOn ?? null,
    hourlyRateMinor: source.hourlyRateMinor ?? null,
    createdAt: source.createdAt.toISOString(),
    updatedAt: source.updatedAt.toISOString(),
  };
}

export async function createSource(em: EntityManager, workspaceId: string, input: SourceInput) {
  const source = em.create(Source, { workspace: workspaceId, ...input });
  await em.flush();
  return source;
}

/** Applies a merge patch (RFC 7396): members left out stay as they are. */
export async function updateSource(em: EntityManager, workspaceId: string, id: string, patch: Patch<Omit<SourceInput, 'kind'>>) {
  const source = await findOwned(em, Source, 'source', id, workspaceId);
  em.assign(source, patch(source));
  await em.flush();
  return source;
}

export async function listSources(em: EntityManager, workspaceId: string, filter: { kind?: SourceKind | undefined }, page: PageRequest) {
  return paginate(em, Source, { workspace: workspaceId, ...(filter.kind ? { kind: filter.kind } : {}) }, page);
}
