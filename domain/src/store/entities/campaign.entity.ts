import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { campaignGoals } from '../../core/vocabulary.ts';
import { baseProperties } from './base.properties.ts';
import { Workspace } from './workspace.entity.ts';

export const Campaign = defineEntity({
  name: 'Campaign',
  tableName: 'campaign',
  indexes: [{ properties: ['workspace', 'startsOn'] }],
  properties: {
    ...baseProperties,
    workspace: () => p.manyToOne(Workspace),
    name: p.string(),
    goal: p.enum(campaignGoals),
    startsOn: p.date(),
    endsOn: p.date(),
    attributionWindowDays: p.integer().default(28),
    budgetMinor: p.bigint('number').default(0),
    currency: p.string().length(3),
    trackingKeywords: p.json<string[]>().default('[]'),
    targetAction: p.string(),
  },
});
export type ICampaign = InferEntity<typeof Campaign>;
