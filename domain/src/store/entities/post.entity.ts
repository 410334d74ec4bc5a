import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { placementKinds } from '../../core/vocabulary.ts';
import { rollupTriggers } from '../rollup/rollup-triggers.ts';
import { baseProperties } from './base.properties.ts';
import { Asset } from './asset.entity.ts';
import { Campaign } from './campaign.entity.ts';
import { Source } from './source.entity.ts';
import { Workspace } from './workspace.entity.ts';

// A placement of an asset on a channel. campaign and source are copied from the asset for report filters.
export const Post = defineEntity({
  name: 'Post',
  tableName: 'post',
  indexes: [
    { properties: ['workspace', 'publishedAt'] },
    { properties: ['workspace', 'campaign', 'publishedAt'] },
    { properties: ['workspace', 'source', 'publishedAt'] },
  ],
  triggers: rollupTriggers('post', 'rollup_mark_posts'),
  properties: {
    ...baseProperties,
    workspace: () => p.manyToOne(Workspace),
    asset: () => p.manyToOne(Asset).index(),
    campaign: () => p.manyToOne(Campaign),
    source: () => p.manyToOne(Source),
    channel: p.string(),
    url: p.string().length(2048),
    publishedAt: p.datetime(),
    placement: p.enum(placementKinds),
    spendMinor: p.bigint('number').default(0),
    currency: p.string().length(3),
    aiLabelApplied: p.boolean(),
  },
});
export type IPost = InferEntity<typeof Post>;
