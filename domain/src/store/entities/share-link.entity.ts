import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from './base.properties.ts';
import { Campaign } from './campaign.entity.ts';
import { User } from './user.entity.ts';
import { Workspace } from './workspace.entity.ts';

// A read-only link to one campaign report that needs no login: only the token's hash is stored,
// it expires, and an admin or its creator can revoke it.
export const ShareLink = defineEntity({
  name: 'ShareLink',
  tableName: 'share_link',
  indexes: [{ properties: ['workspace', 'campaign'] }],
  properties: {
    ...baseProperties,
    workspace: () => p.manyToOne(Workspace),
    campaign: () => p.manyToOne(Campaign),
    createdBy: () => p.manyToOne(User).nullable(),
    tokenHash: p.string().length(64).unique(),
    expiresAt: p.datetime(),
    revokedAt: p.datetime().nullable(),
    lastViewedAt: p.datetime().nullable(),
  },
});
export type IShareLink = InferEntity<typeof ShareLink>;
