import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from './base.properties.ts';
import { Workspace } from './workspace.entity.ts';

// The rollups' outbox: a (source, UTC publication day) whose posts or snapshots changed since the
// last refresh. Written by statement triggers on post and metric_snapshot (hand-written in the
// rollups migration), so every writer is covered (API, imports, COPY); the dispatcher turns them
// into refresh-rollups jobs and the job deletes the rows it recomputed.
export const RollupChange = defineEntity({
  name: 'RollupChange',
  tableName: 'rollup_change',
  uniques: [{ properties: ['workspace', 'sourceId', 'publishedOn'] }],
  properties: {
    ...baseProperties,
    workspace: () => p.manyToOne(Workspace),
    sourceId: p.uuid(),
    publishedOn: p.date(),
  },
});
export type IRollupChange = InferEntity<typeof RollupChange>;
