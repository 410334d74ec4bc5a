import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { SNAPSHOT_MEASURES, measureProperty } from '../rollup/snapshot-measures.ts';
import { baseProperties } from './base.properties.ts';
import { Workspace } from './workspace.entity.ts';

const measures = Object.fromEntries(SNAPSHOT_MEASURES.map((m) => [measureProperty(m.column), p.bigint('number').default(0)])) as Record<string, ReturnType<typeof p.bigint<'number'>>>;

// snapshot_rollup summed over every capture day: the posts of one source and campaign published on
// one UTC day, each at its latest snapshot. A report whose period has no end reads this, a tenth
// of the rows; lastCapturedOn is the group's latest capture day. Derived data, rebuilt with it.
export const SnapshotLatestRollup = defineEntity({
  name: 'SnapshotLatestRollup',
  tableName: 'snapshot_latest_rollup',
  indexes: [{ properties: ['workspace', 'sourceId', 'publishedOn'] }],
  properties: {
    ...baseProperties,
    workspace: () => p.manyToOne(Workspace),
    sourceId: p.uuid(),
    campaignId: p.uuid(),
    publishedOn: p.date(),
    lastCapturedOn: p.date(),
    ...measures,
  },
});
export type ISnapshotLatestRollup = InferEntity<typeof SnapshotLatestRollup>;
