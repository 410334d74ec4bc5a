import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from './base.properties.ts';
import { Campaign } from './campaign.entity.ts';
import { Post } from './post.entity.ts';
import { Source } from './source.entity.ts';
import { Workspace } from './workspace.entity.ts';

// A promo code issued for a campaign and source (and optionally one post); unique in a workspace.
export const OfferCode = defineEntity({
  name: 'OfferCode',
  tableName: 'offer_code',
  uniques: [{ properties: ['workspace', 'code'] }],
  indexes: [{ properties: ['workspace', 'campaign'] }],
  properties: {
    ...baseProperties,
    workspace: () => p.manyToOne(Workspace),
    campaign: () => p.manyToOne(Campaign),
    source: () => p.manyToOne(Source),
    post: () => p.manyToOne(Post).nullable(),
    code: p.string().length(64),
  },
});
export type IOfferCode = InferEntity<typeof OfferCode>;
