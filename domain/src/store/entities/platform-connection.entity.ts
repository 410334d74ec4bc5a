import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from './base.properties.ts';
import { Source } from './source.entity.ts';
import { Workspace } from './workspace.entity.ts';

export const connectorPlatformNames = ['youtube', 'instagram', 'tiktok'] as const;
// pending: the OAuth flow was started and not finished; connected: pulled on schedule; expired: the
// platform no longer honours the grant (reconnect); revoked: disconnected by an admin; failed: the
// flow or the first pull failed for a reason a retry will not fix.
export const connectionStates = ['pending', 'connected', 'expired', 'revoked', 'failed'] as const;
export type ConnectionState = (typeof connectionStates)[number];

// One source's account on one platform, connected by an admin of the workspace. Tokens and the
// PKCE verifier are sealed (AES-256-GCM, connectors/token-cipher.ts) and never leave the server;
// the OAuth state is kept only as its SHA-256.
export const PlatformConnection = defineEntity({
  name: 'PlatformConnection',
  tableName: 'platform_connection',
  uniques: [{ properties: ['workspace', 'source', 'platform'] }, { properties: ['authStateHash'] }],
  indexes: [{ properties: ['state'] }],
  properties: {
    ...baseProperties,
    workspace: () => p.manyToOne(Workspace),
    source: () => p.manyToOne(Source),
    platform: p.enum(connectorPlatformNames),
    state: p.enum(connectionStates).default('pending'),
    accountId: p.string().length(255).nullable(),
    accountHandle: p.string().length(255).nullable(),
    accessToken: p.text().nullable(),
    refreshToken: p.text().nullable(),
    tokenExpiresAt: p.datetime().nullable(),
    scopes: p.json<string[]>().default('[]'),
    authStateHash: p.string().length(64).nullable(),
    codeVerifier: p.text().nullable(),
    authStartedAt: p.datetime().nullable(),
    connectedAt: p.datetime().nullable(),
    backfilledAt: p.datetime().nullable(),
    lastPulledAt: p.datetime().nullable(),
    nextPullAt: p.datetime().nullable(),
    lastError: p.text().nullable(),
    lastErrorAt: p.datetime().nullable(),
    // Where the next pull starts (the platform's page token of an unfinished backfill, the newest post seen).
    cursor: p.json<Record<string, unknown>>().nullable(),
    // A pull holds the connection until then, so a scheduled and a manual pull never run together.
    pullingUntil: p.datetime().nullable(),
    // The interval the queue's job scheduler has for this connection (null: none): the workers
    // create, change or remove the scheduler until it matches the state.
    scheduledEveryMs: p.integer().nullable(),
    // A pull asked for now (the dashboard's "Pull now"): the workers run one and clear it.
    pullRequestedAt: p.datetime().nullable(),
  },
});
export type IPlatformConnection = InferEntity<typeof PlatformConnection>;
