import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from './base.properties.ts';
import { Workspace } from './workspace.entity.ts';

// A workspace's own column names for one kind of export from one platform (column -> field), used
// on every later upload of that kind and platform unless the upload names its own.
export const ColumnMapping = defineEntity({
  name: 'ColumnMapping',
  tableName: 'column_mapping',
  uniques: [{ properties: ['workspace', 'kind', 'platform'] }],
  properties: {
    ...baseProperties,
    workspace: () => p.manyToOne(Workspace),
    kind: p.string().length(32),
    platform: p.string().length(32),
    mapping: p.json<Record<string, string>>(),
  },
});
export type IColumnMapping = InferEntity<typeof ColumnMapping>;
