import type { EntityManager } from '@mikro-orm/postgresql';
import { ClassificationBackfill, backfillClassifiedCount, type IClassificationBackfill } from '@persona-ops/domain/store';
import { percent } from '@persona-ops/domain/core';
import { ApiError } from '../http/api-error.ts';
import { findOwned } from './owned.ts';

// `requestId` (x-request-id) goes with its jobs, so their log lines name the request.
export async function requestBackfill(em: EntityManager, workspaceId: string, userId: string, requestId: string) {
  const running = await em.count(ClassificationBackfill, { workspace: workspaceId, state: { $in: ['queued', 'running'] } });
  if (running > 0) throw new ApiError(409, 'conflict', 'A backfill of this workspace is already queued or running; follow its progress instead of starting another.');
  const backfill = em.create(ClassificationBackfill, { workspace: workspaceId, requestedBy: userId, requestId, state: 'queued', queued: 0 });
  await em.flush();
  return backfill;
}

export async function toBackfillDto(em: EntityManager, backfill: IClassificationBackfill) {
  const versions = backfill.targetVersions ?? null;
  const classified = versions ? await backfillClassifiedCount(em, backfill.workspace.id, versions) : null;
  return {
    id: backfill.id,
    state: backfill.state,
    targetVersions: versions,
    total: backfill.total ?? null,
    queued: backfill.queued,
    classified,
    progress: percent(classified, backfill.total),
    createdAt: backfill.createdAt.toISOString(),
    startedAt: backfill.startedAt?.toISOString() ?? null,
    finishedAt: backfill.finishedAt?.toISOString() ?? null,
    error: backfill.error ?? null,
  };
}

export const getBackfill = (em: EntityManager, workspaceId: string, id: string) => findOwned(em, ClassificationBackfill, 'backfill', id, workspaceId);
