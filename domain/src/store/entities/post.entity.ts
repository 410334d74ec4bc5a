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
    { properties: ['workspace', 'platformPostId'] },
  ],
  // What the comments' composite foreign key (post_id, workspace_id) references.
  uniques: [{ properties: ['id', 'workspace'] }],
  triggers: rollupTriggers('post', 'rollup_mark_posts'),
  properties: {
    ...baseProperties,
    workspace: () => p.manyToOne(Workspace),
    asset: () => p.manyToOne(Asset).index(),
    campaign: () => p.manyToOne(Campaign),
    source: () => p.manyToOne(Source),
    channel: p.string(),
    url: p.string().length(2048),
    // The platform's own id of the post (an Instagram media id, a YouTube video id), learnt when an
    // import names the post by URL and id, or when the user links an import row to it: exports
    // that name posts by id alone then find it.
    platformPostId: p.string().length(255).nullable(),
    publishedAt: p.datetime(),
    placement: p.enum(placementKinds),
    spendMinor: p.bigint('number').default(0),
    currency: p.string().length(3),
    aiLabelApplied: p.boolean(),
  },
});
export type IPost = InferEntity<typeof Post>;
