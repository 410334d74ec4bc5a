import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from './base.properties.ts';
import { User, roles } from './user.entity.ts';
import { Workspace } from './workspace.entity.ts';

// Only a SHA-256 of the key is stored; the key itself is shown once when it is created.
export const ApiKey = defineEntity({
  name: 'ApiKey',
  tableName: 'api_key',
  properties: {
    ...baseProperties,
    workspace: () => p.manyToOne(Workspace).index(),
    user: () => p.manyToOne(User),
    label: p.string(),
    prefix: p.string().length(16),
    keyHash: p.string().length(64).unique(),
    role: p.enum(roles),
    lastUsedAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
  },
});
export type IApiKey = InferEntity<typeof ApiKey>;
