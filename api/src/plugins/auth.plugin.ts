import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Role } from '@persona-ops/domain/store';
import { findActiveKey, recordKeyUse } from '../services/api-keys.service.ts';
import { bearerKeyHash } from '../http/bearer-key.ts';
import { ApiKeyCache } from './api-key-cache.ts';
import type { Principal } from '../http/principal.ts';
import { ApiError } from '../http/api-error.ts';
import { docsPrefix } from './swagger.plugin.ts';
import { queueBoardPrefix } from './queue-board.plugin.ts';

export type { Principal };

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Public routes need no key (health, docs). */
    public?: boolean;
    /** Roles allowed besides admin; omitted means every role may call it. */
    roles?: readonly Role[];
  }
  interface FastifyRequest {
    principal: Principal;
  }
  interface FastifyInstance {
    /** Keys looked up recently; a route that revokes a key forgets it here. */
    apiKeys: ApiKeyCache;
  }
}

/** How long a looked-up key is trusted without asking PostgreSQL again (api-key-cache.ts). */
export const keyCacheMs = 5_000;

export function workspaceOf(request: FastifyRequest): string {
  return request.principal.workspaceId;
}

/** The 403's text: the roles that may act (admins always may), listed once, never an empty entry. */
export function roleNotAllowedMessage(role: string, allowed: readonly string[]): string {
  const roles = ['admin', ...new Set(allowed.filter((r) => r !== 'admin'))];
  const needs = roles.length === 1 ? 'it needs the admin role' : `it needs one of: ${roles.join(', ')}`;
  return `Your role (${role}) may not do this; ${needs}.`;
}

export const authPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('principal', null as unknown as Principal);
  app.decorate('apiKeys', new ApiKeyCache(keyCacheMs));
  app.addHook('onRequest', async (request, reply) => {
    const config = request.routeOptions.config;
    const url = request.routeOptions.url;
    // The interactive docs are public like the document they render.
    if (config.public || !url || url === docsPrefix || url.startsWith(`${docsPrefix}/`)) return;
    // The queue board checks the operator password itself (queue-board.plugin.ts): no API key opens it.
    if (url === queueBoardPrefix || url.startsWith(`${queueBoardPrefix}/`)) return;
    const keyHash = bearerKeyHash(request);
    if (!keyHash) {
      // Failures count per client IP: beyond the limit they answer 429 (good keys are never held back).
      await app.authFailure(request, reply);
      throw new ApiError(401, 'missing_api_key', 'Send your API key as "Authorization: Bearer <key>". An admin creates keys; pnpm create-workspace prints the first one.');
    }
    const now = Date.now();
    let key = app.apiKeys.get(keyHash, now);
    if (!key) {
      const found = await findActiveKey(request.em, keyHash);
      if (!found) await app.authFailure(request, reply);
      if (!found) throw new ApiError(401, 'unknown_api_key', 'This API key is unknown or revoked. Ask an admin of your workspace for a new key.');
      app.apiKeys.remember(keyHash, found, now);
      key = found;
    }
    if (app.apiKeys.lastUseDue(key.keyId, now)) await recordKeyUse(request.em, key.keyId, new Date(now));
    request.principal = key;
    const allowed = config.roles;
    if (allowed && key.role !== 'admin' && !allowed.includes(key.role)) {
      throw new ApiError(403, 'role_not_allowed', roleNotAllowedMessage(key.role, allowed));
    }
  });
});
