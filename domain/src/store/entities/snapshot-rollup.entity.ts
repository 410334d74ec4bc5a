import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { SNAPSHOT_MEASURES, measureProperty } from '../rollup/snapshot-measures.ts';
import { baseProperties } from './base.properties.ts';
import { Workspace } from './workspace.entity.ts';

const measures = Object.fromEntries(SNAPSHOT_MEASURES.map((m) => [measureProperty(m.column), p.bigint('number').default(0)])) as Record<string, ReturnType<typeof p.bigint<'number'>>>;

// Pre-summed metric snapshots of the posts of one source and campaign published on one UTC day,
// per capture day (see rollup/snapshot-measures.ts for why the sums are differences). Derived
// data: rebuilt from metric_snapshot and post by the refresh-rollups job, so ids, not relations.
export const SnapshotRollup = defineEntity({
  name: 'SnapshotRollup',
  tableName: 'snapshot_rollup',
  indexes: [{ properties: ['workspace', 'sourceId', 'publishedOn'] }, { properties: ['workspace', 'campaignId'] }],
  properties: {
    ...baseProperties,
    workspace: () => p.manyToOne(Workspace),
    sourceId: p.uuid(),
    campaignId: p.uuid(),
    publishedOn: p.date(),
    capturedOn: p.date(),
    ...measures,
  },
});
export type ISnapshotRollup = InferEntity<typeof SnapshotRollup>;
