import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from './base.properties.ts';
import { Campaign } from './campaign.entity.ts';
import { Source } from './source.entity.ts';
import { Workspace } from './workspace.entity.ts';

export const Brief = defineEntity({
  name: 'Brief',
  tableName: 'brief',
  properties: {
    ...baseProperties,
    workspace: () => p.manyToOne(Workspace).index(),
    campaign: () => p.manyToOne(Campaign).index(),
    source: () => p.manyToOne(Source).index(),
    title: p.string(),
    description: p.text().default(''),
    // The production clock starts here; it defaults to creation time but imports may backdate it.
    openedAt: p.datetime(),
  },
});
export type IBrief = InferEntity<typeof Brief>;
