import { z } from 'zod';
import { connectionStates, connectorPlatformNames } from '@persona-ops/domain/store';
import { idSchema } from '../../http/common.schemas.ts';

export const connectionSchema = z
  .object({
    id: idSchema,
    sourceId: idSchema,
    platform: z.enum(connectorPlatformNames),
    state: z.enum(connectionStates).describe('pending: waiting for the platform\'s consent; connected: pulled on schedule; expired: the platform no longer honours the grant (connect again); revoked: disconnected; failed: the consent or the first exchange failed (see lastError)'),
    accountId: z.string().nullable().describe('The platform\'s id of the account (a YouTube channel id)'),
    accountHandle: z.string().nullable(),
    scopes: z.array(z.string()).describe('What the platform granted'),
    tokenExpiresAt: z.iso.datetime().nullable().describe('When the access token expires; it is refreshed before'),
    connectedAt: z.iso.datetime().nullable(),
    backfilledAt: z.iso.datetime().nullable().describe('When the first pull had read the account\'s whole history; null while it still runs'),
    lastPulledAt: z.iso.datetime().nullable(),
    nextPullAt: z.iso.datetime().nullable(),
    pullRequestedAt: z.iso.datetime().nullable().describe('A pull asked for with POST /v1/connections/{id}/pulls that has not run yet'),
    lastError: z.string().nullable(),
    lastErrorAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Connection' });

export const connectionList = z.object({
  items: z.array(connectionSchema),
  availablePlatforms: z.array(z.enum(connectorPlatformNames)).describe('The platforms this server has an app for (the operator configures them)'),
});

export const startConnectionBody = z.object({
  sourceId: idSchema.describe('The source (an AI character, a creator) whose account is connected'),
  platform: z.enum(connectorPlatformNames),
});

export const startedConnection = z.object({
  connection: connectionSchema,
  authorizationUrl: z.url().describe('Send the browser here; the platform sends it back to the dashboard\'s /connections/callback with code and state'),
});

export const completeConnectionBody = z.object({
  state: z.string().min(1).max(512).describe('The state the platform sent back, unchanged'),
  code: z.string().min(1).max(4096).describe('The authorization code the platform sent back'),
});
