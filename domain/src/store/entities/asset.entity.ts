import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { assetKinds, assetStates } from '../../core/vocabulary.ts';
import { baseProperties } from './base.properties.ts';
import { Brief } from './brief.entity.ts';
import { Campaign } from './campaign.entity.ts';
import { Source } from './source.entity.ts';
import { Workspace } from './workspace.entity.ts';

// campaign and source are copied from the brief so reports filter without a join.
export const Asset = defineEntity({
  name: 'Asset',
  tableName: 'asset',
  indexes: [
    { properties: ['workspace', 'state', 'createdAt'] },
    { properties: ['workspace', 'campaign'] },
    { properties: ['workspace', 'source'] },
  ],
  properties: {
    ...baseProperties,
    workspace: () => p.manyToOne(Workspace),
    brief: () => p.manyToOne(Brief).index(),
    campaign: () => p.manyToOne(Campaign),
    source: () => p.manyToOne(Source),
    title: p.string(),
    kind: p.enum(assetKinds),
    tool: p.string(),
    toolVersion: p.string().default(''),
    promptRef: p.string().default(''),
    currency: p.string().length(3),
    generationCostMinor: p.bigint('number').default(0),
    otherCostMinor: p.bigint('number').default(0),
    productionHours: p.decimal('number').precision(8).scale(2),
    state: p.enum(assetStates).default('draft'),
  },
});
export type IAsset = InferEntity<typeof Asset>;
