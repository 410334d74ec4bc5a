import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from './base.properties.ts';

export const Workspace = defineEntity({
  name: 'Workspace',
  tableName: 'workspace',
  properties: {
    ...baseProperties,
    name: p.string(),
    currency: p.string().length(3).default('USD'),
    // People's time is part of production cost; this is the default rate, sources may override it.
    hourlyRateMinor: p.integer().default(0),
    tierOverrides: p.json<Record<string, { average: number; strong: number; exceptional: number }>>().default('{}'),
  },
});
export type IWorkspace = InferEntity<typeof Workspace>;
