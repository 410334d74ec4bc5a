import { p } from '@mikro-orm/core';
import { SNAPSHOT_MEASURES, measureProperty } from '../rollup/snapshot-measures.ts';
import { Workspace } from './workspace.entity.ts';

// The group of posts a snapshot rollup row sums (one source and campaign, published on one UTC day)
// and its measures. Derived data, rebuilt by the refresh-rollups job: ids, not relations.
export const rollupGroupProperties = {
  workspace: () => p.manyToOne(Workspace),
  sourceId: p.uuid(),
  campaignId: p.uuid(),
  publishedOn: p.date(),
};

export const snapshotMeasureProperties = Object.fromEntries(SNAPSHOT_MEASURES.map((m) => [measureProperty(m.column), p.bigint('number').default(0)])) as Record<string, ReturnType<typeof p.bigint<'number'>>>;
