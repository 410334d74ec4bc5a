import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from './base.properties.ts';
import { Workspace } from './workspace.entity.ts';

export const roles = ['admin', 'studio', 'approver', 'executive'] as const;
export type Role = (typeof roles)[number];

export const User = defineEntity({
  name: 'User',
  tableName: 'app_user',
  uniques: [{ properties: ['workspace', 'email'] }],
  properties: {
    ...baseProperties,
    workspace: () => p.manyToOne(Workspace).index(),
    email: p.string(),
    name: p.string(),
    role: p.enum(roles),
  },
});
export type IUser = InferEntity<typeof User>;
