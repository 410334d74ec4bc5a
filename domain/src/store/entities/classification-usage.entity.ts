import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from './base.properties.ts';
import { Workspace } from './workspace.entity.ts';

// What classifying cost, per batch and workspace: how many comments each classifier decided and,
// for a paid one, its tokens and cost. The brand-safety report sums it over a period, so a
// cascade shows how many comments went to OpenAI and what that cost.
export const ClassificationUsage = defineEntity({
  name: 'ClassificationUsage',
  tableName: 'classification_usage',
  indexes: [{ properties: ['workspace', 'recordedAt'] }],
  properties: {
    ...baseProperties,
    workspace: () => p.manyToOne(Workspace),
    classifier: p.string(),
    version: p.string(),
    comments: p.integer(),
    promptTokens: p.integer().default(0),
    completionTokens: p.integer().default(0),
    costUsdMicros: p.bigint('number').default(0),
    requests: p.integer().default(0),
    recordedAt: p.datetime(),
  },
});
export type IClassificationUsage = InferEntity<typeof ClassificationUsage>;
