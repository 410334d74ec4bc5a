import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from './base.properties.ts';
import { rollupGroupProperties, snapshotMeasureProperties } from './rollup.properties.ts';

// Pre-summed metric snapshots of the posts of one source and campaign published on one UTC day,
// per capture day (see rollup/snapshot-measures.ts for why the sums are differences). Derived
// data: rebuilt from metric_snapshot and post by the refresh-rollups job, so ids, not relations.
export const SnapshotRollup = defineEntity({
  name: 'SnapshotRollup',
  tableName: 'snapshot_rollup',
  indexes: [{ properties: ['workspace', 'sourceId', 'publishedOn'] }, { properties: ['workspace', 'campaignId'] }],
  properties: {
    ...baseProperties,
    ...rollupGroupProperties,
    capturedOn: p.date(),
    ...snapshotMeasureProperties,
  },
});
export type ISnapshotRollup = InferEntity<typeof SnapshotRollup>;
