import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from './base.properties.ts';
import { Source } from './source.entity.ts';
import { Workspace } from './workspace.entity.ts';

// A source's follower count on a date (growth rate, new-follower lift). One row per (source, date).
export const FollowerSnapshot = defineEntity({
  name: 'FollowerSnapshot',
  tableName: 'follower_snapshot',
  uniques: [{ properties: ['source', 'date'] }],
  indexes: [{ properties: ['workspace', 'date'] }],
  properties: {
    ...baseProperties,
    workspace: () => p.manyToOne(Workspace),
    source: () => p.manyToOne(Source),
    date: p.date(),
    followers: p.bigint('number'),
  },
});
export type IFollowerSnapshot = InferEntity<typeof FollowerSnapshot>;
