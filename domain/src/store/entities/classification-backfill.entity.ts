import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from './base.properties.ts';
import { User } from './user.entity.ts';
import { Workspace } from './workspace.entity.ts';

export const backfillStates = ['queued', 'running', 'done', 'failed'] as const;

// Re-classification of a workspace's comments after a classifier upgrade. The job queues every
// comment that has no result from the current classifier versions, a chunk at a time; `cursor`
// lets a retried job resume where it stopped instead of starting over.
export const ClassificationBackfill = defineEntity({
  name: 'ClassificationBackfill',
  tableName: 'classification_backfill',
  indexes: [{ properties: ['workspace', 'createdAt'] }],
  properties: {
    ...baseProperties,
    workspace: () => p.manyToOne(Workspace),
    requestedBy: () => p.manyToOne(User).nullable(),
    // The API request that asked for it (x-request-id): its jobs log it.
    requestId: p.string().nullable(),
    state: p.enum(backfillStates).default('queued'),
    targetVersions: p.array().nullable(),
    total: p.integer().nullable(),
    queued: p.integer().default(0),
    cursor: p.uuid().nullable(),
    startedAt: p.datetime().nullable(),
    finishedAt: p.datetime().nullable(),
    error: p.text().nullable(),
  },
});
export type IClassificationBackfill = InferEntity<typeof ClassificationBackfill>;
