import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from './base.properties.ts';
import { rollupGroupProperties, snapshotMeasureProperties } from './rollup.properties.ts';

// snapshot_rollup summed over every capture day: the posts of one source and campaign published on
// one UTC day, each at its latest snapshot. A report whose period has no end reads this, a tenth
// of the rows; lastCapturedOn is the group's latest capture day. Derived data, rebuilt with it.
export const SnapshotLatestRollup = defineEntity({
  name: 'SnapshotLatestRollup',
  tableName: 'snapshot_latest_rollup',
  indexes: [{ properties: ['workspace', 'sourceId', 'publishedOn'] }],
  properties: {
    ...baseProperties,
    ...rollupGroupProperties,
    lastCapturedOn: p.date(),
    ...snapshotMeasureProperties,
  },
});
export type ISnapshotLatestRollup = InferEntity<typeof SnapshotLatestRollup>;
