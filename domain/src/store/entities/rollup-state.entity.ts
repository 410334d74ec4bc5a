import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from './base.properties.ts';
import { Workspace } from './workspace.entity.ts';

// When a workspace's rollups were last refreshed (and last rebuilt whole). No row: never built.
export const RollupState = defineEntity({
  name: 'RollupState',
  tableName: 'rollup_state',
  properties: {
    ...baseProperties,
    workspace: () => p.oneToOne(Workspace).owner(),
    refreshedAt: p.datetime(),
    rebuiltAt: p.datetime(),
  },
});
export type IRollupState = InferEntity<typeof RollupState>;
