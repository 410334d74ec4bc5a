import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { PlatformConnection, Source, type IPlatformConnection } from '@persona-ops/domain/store';
import { PlatformAuthError, PlatformError, PlatformGrantError, PlatformRateLimitError, openToken, platformClientOf, sealToken, type ConnectorPlatform, type ConnectorSettings, type PlatformClient, type TokenKeyring } from '@persona-ops/domain/connectors';
import { ApiError, notFound } from '../http/api-error.ts';
import { findOwned } from './owned.ts';

// Connections of a workspace's sources to their platform accounts: the OAuth 2 authorization code
// flow (state against CSRF, kept only as its hash and bound to the workspace; PKCE verifier sealed),
// the exchange of the code, and revocation. The pulls themselves are the workers' (pull-connection).

// A flow not finished within this time must be started again: the state and verifier are spent.
const flowLifetimeMs = 15 * 60_000;

export const stateHashOf = (state: string) => createHash('sha256').update(state, 'utf8').digest('hex');

export function toConnectionDto(connection: IPlatformConnection) {
  return {
    id: connection.id,
    sourceId: connection.source.id,
    platform: connection.platform,
    state: connection.state,
    accountId: connection.accountId ?? null,
    accountHandle: connection.accountHandle ?? null,
    scopes: connection.scopes,
    tokenExpiresAt: connection.tokenExpiresAt?.toISOString() ?? null,
    connectedAt: connection.connectedAt?.toISOString() ?? null,
    backfilledAt: connection.backfilledAt?.toISOString() ?? null,
    lastPulledAt: connection.lastPulledAt?.toISOString() ?? null,
    nextPullAt: connection.nextPullAt?.toISOString() ?? null,
    pullRequestedAt: connection.pullRequestedAt?.toISOString() ?? null,
    lastError: connection.lastError ?? null,
    lastErrorAt: connection.lastErrorAt?.toISOString() ?? null,
    createdAt: connection.createdAt.toISOString(),
    updatedAt: connection.updatedAt.toISOString(),
  };
}

function configured(settings: ConnectorSettings | undefined, platform: ConnectorPlatform): { client: PlatformClient; keyring: TokenKeyring; settings: ConnectorSettings } {
  if (!settings?.keyring) throw new ApiError(409, 'connectors_not_configured', 'Connectors are off on this server: the operator sets CONNECTOR_TOKEN_KEY (32 random bytes in base64) so tokens can be stored encrypted. See README, Connectors.');
  const client = platformClientOf(settings, platform);
  if (!client) throw new ApiError(409, 'connectors_not_configured', `No ${platform} app is configured on this server: the operator sets ${platform.toUpperCase()}_CLIENT_ID and ${platform.toUpperCase()}_CLIENT_SECRET. See README, Connectors.`);
  return { client, keyring: settings.keyring, settings };
}

/** Platforms this server has an app for: the dashboard offers only these. */
export const availablePlatforms = (settings: ConnectorSettings | undefined): ConnectorPlatform[] =>
  settings?.keyring ? (Object.keys(settings.platforms) as ConnectorPlatform[]) : [];

/**
 * Starts (or restarts) the flow for a source's account on a platform: a new state and PKCE
 * verifier, and the URL to send the admin's browser to. A connected account stays connected (and
 * pulled) until the new flow finishes.
 */
export async function startConnection(em: EntityManager, settings: ConnectorSettings | undefined, workspaceId: string, input: { sourceId: string; platform: ConnectorPlatform }, now: Date) {
  // Another workspace's source is unknown here whether or not connectors are configured.
  const source = await findOwned(em, Source, 'source', input.sourceId, workspaceId);
  const { client, keyring } = configured(settings, input.platform);
  const state = randomBytes(32).toString('base64url');
  const verifier = randomBytes(48).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  let connection = await em.findOne(PlatformConnection, { workspace: workspaceId, source: source.id, platform: input.platform });
  connection ??= em.create(PlatformConnection, { workspace: workspaceId, source, platform: input.platform, state: 'pending', scopes: [] });
  if (connection.state !== 'connected') connection.state = 'pending';
  connection.authStateHash = stateHashOf(state);
  connection.codeVerifier = sealToken(keyring, verifier);
  connection.authStartedAt = now;
  await em.flush();
  return { connection, authorizationUrl: client.authorizationUrl({ state, codeChallenge: challenge, redirectUri: settings!.redirectUri }) };
}

const platformProblem = (error: unknown) => {
  if (error instanceof PlatformRateLimitError) return new ApiError(429, 'platform_rate_limited', `The platform asks to wait: ${error.message}. Try again in ${Math.ceil(error.retryAfterMs / 1000)} s.`);
  if (error instanceof PlatformGrantError || error instanceof PlatformAuthError) return new ApiError(409, 'platform_refused', `The platform refused the authorization: ${error.message}. Start the connection again.`);
  if (error instanceof PlatformError) return new ApiError(409, 'platform_error', `The platform answered an error: ${error.message}.`);
  return null;
};

/**
 * Finishes the flow with the code the platform sent back: the state must be one this workspace
 * started (another workspace's state is unknown here) and not older than the flow's lifetime; it
 * is spent whatever the outcome.
 */
export async function completeConnection(em: EntityManager, settings: ConnectorSettings | undefined, workspaceId: string, input: { state: string; code: string }, now: Date) {
  const connection = await em.findOne(PlatformConnection, { workspace: workspaceId, authStateHash: stateHashOf(input.state) });
  if (!connection) throw new ApiError(404, 'not_found', 'No connection of this workspace is waiting for this state: it was used already, or the flow was started by another workspace or not at all. Start the connection again.');
  const { client, keyring } = configured(settings, connection.platform);
  const verifier = connection.codeVerifier ? openToken(keyring, connection.codeVerifier) : null;
  const startedAt = connection.authStartedAt;
  connection.authStateHash = null;
  connection.codeVerifier = null;
  if (!verifier || !startedAt || now.getTime() - startedAt.getTime() > flowLifetimeMs) {
    await em.flush();
    throw new ApiError(409, 'flow_expired', 'This authorization took longer than 15 minutes (or was already used); start the connection again.');
  }
  try {
    const tokens = await client.exchangeCode({ code: input.code, codeVerifier: verifier, redirectUri: settings!.redirectUri });
    const account = await client.account({ accessToken: tokens.accessToken, spend: () => undefined });
    connection.accessToken = sealToken(keyring, tokens.accessToken);
    // Google omits the refresh token when it re-consents without prompt: keep the earlier one.
    if (tokens.refreshToken) connection.refreshToken = sealToken(keyring, tokens.refreshToken);
    connection.tokenExpiresAt = tokens.expiresAt;
    connection.scopes = tokens.scopes;
    if (connection.accountId && connection.accountId !== account.accountId) {
      // Another account than the one pulled so far: start its history afresh.
      connection.cursor = null;
      connection.backfilledAt = null;
    }
    connection.accountId = account.accountId;
    connection.accountHandle = account.handle;
    connection.state = 'connected';
    connection.connectedAt = now;
    connection.nextPullAt = now;
    // The first pull (the backfill) runs at once, not a whole interval later.
    connection.pullRequestedAt = now;
    connection.lastError = null;
    connection.lastErrorAt = null;
    await em.flush();
    return connection;
  } catch (error) {
    const mapped = platformProblem(error);
    if (!mapped) throw error;
    if (connection.state !== 'connected') connection.state = 'failed';
    connection.lastError = mapped.message;
    connection.lastErrorAt = now;
    await em.flush();
    throw mapped;
  }
}

/**
 * Disconnects: the platform is asked to revoke the grant (the refresh token, which ends the access
 * tokens with it), the tokens are erased whatever it answers, and the workers remove the schedule.
 */
export async function revokeConnection(em: EntityManager, settings: ConnectorSettings | undefined, workspaceId: string, id: string, now: Date) {
  const connection = await findOwned(em, PlatformConnection, 'connection', id, workspaceId);
  const sealed = connection.refreshToken ?? connection.accessToken;
  connection.lastError = null;
  connection.lastErrorAt = null;
  if (sealed && settings?.keyring) {
    const client = platformClientOf(settings, connection.platform);
    try {
      if (client) await client.revoke(openToken(settings.keyring, sealed));
    } catch (error) {
      // The grant is dropped here anyway; the admin may also remove the app in the platform's settings.
      connection.lastError = `The platform did not confirm the revocation (${(error as Error).message}); the tokens were erased here. Remove the app's access in the account's security settings to be sure.`;
      connection.lastErrorAt = now;
    }
  }
  connection.state = 'revoked';
  connection.accessToken = null;
  connection.refreshToken = null;
  connection.tokenExpiresAt = null;
  connection.authStateHash = null;
  connection.codeVerifier = null;
  connection.nextPullAt = null;
  connection.pullRequestedAt = null;
  await em.flush();
  return connection;
}

/** Asks the workers for a pull now (they run one within seconds, beside the schedule). */
export async function requestPull(em: EntityManager, workspaceId: string, id: string, now: Date) {
  const connection = await findOwned(em, PlatformConnection, 'connection', id, workspaceId);
  if (connection.state !== 'connected') throw new ApiError(409, 'not_connected', `This connection is ${connection.state}, so nothing can be pulled; connect the account first.`);
  connection.pullRequestedAt = now;
  await em.flush();
  return connection;
}

export async function listConnections(em: EntityManager, workspaceId: string) {
  return em.find(PlatformConnection, { workspace: workspaceId }, { orderBy: { createdAt: 'asc' } });
}

export async function getConnection(em: EntityManager, workspaceId: string, id: string) {
  const connection = await em.findOne(PlatformConnection, { id, workspace: workspaceId });
  if (!connection) throw notFound('connection', id);
  return connection;
}
