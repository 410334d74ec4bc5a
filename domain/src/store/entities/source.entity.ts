import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { sourceKinds } from '../../core/vocabulary.ts';
import { baseProperties } from './base.properties.ts';
import { Workspace } from './workspace.entity.ts';

export const Source = defineEntity({
  name: 'Source',
  tableName: 'source',
  indexes: [{ properties: ['workspace', 'kind'] }],
  properties: {
    ...baseProperties,
    workspace: () => p.manyToOne(Workspace),
    kind: p.enum(sourceKinds),
    name: p.string(),
    // Platform -> handle, e.g. { instagram: '@lea.nova' }.
    handles: p.json<Record<string, string>>().default('{}'),
    aliases: p.json<string[]>().default('[]'),
    // Launch date for a character, first-post date for a human creator: the origin of age alignment.
    launchedOn: p.date().nullable(),
    hourlyRateMinor: p.bigint('number').nullable(),
  },
});
export type ISource = InferEntity<typeof Source>;
