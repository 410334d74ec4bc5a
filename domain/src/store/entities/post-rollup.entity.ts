import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from './base.properties.ts';
import { Workspace } from './workspace.entity.ts';

// The posts of one source, campaign and asset published on one UTC day on one channel, placement
// and currency, counted: what the reports need of posts besides their snapshots (post counts,
// paid spend, the assets used and where, AI-label disclosure). Derived data, rebuilt by the
// refresh-rollups job.
export const PostRollup = defineEntity({
  name: 'PostRollup',
  tableName: 'post_rollup',
  indexes: [{ properties: ['workspace', 'sourceId', 'publishedOn'] }, { properties: ['workspace', 'assetId'] }, { properties: ['workspace', 'campaignId'] }],
  properties: {
    ...baseProperties,
    workspace: () => p.manyToOne(Workspace),
    sourceId: p.uuid(),
    campaignId: p.uuid(),
    assetId: p.uuid(),
    publishedOn: p.date(),
    channel: p.string(),
    paid: p.boolean(),
    currency: p.string().length(3),
    posts: p.integer(),
    paidSpendMinor: p.bigint('number'),
    unlabeledPosts: p.integer(),
    firstPublishedAt: p.datetime(),
  },
});
export type IPostRollup = InferEntity<typeof PostRollup>;
