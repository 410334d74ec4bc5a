import { randomUUID } from 'node:crypto';
import { p } from '@mikro-orm/core';

// Shared columns of every table. The workspace relation is added per entity because it
// must point at the Workspace entity, which itself has no workspace.
export const baseProperties = {
  id: p.uuid().primary().onCreate(() => randomUUID()),
  createdAt: p.datetime().onCreate(() => new Date()),
  updatedAt: p
    .datetime()
    .onCreate(() => new Date())
    .onUpdate(() => new Date()),
};
