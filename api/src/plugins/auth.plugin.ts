import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Role } from '@persona-ops/domain/store';
import { findActiveKey } from '../services/api-keys.service.ts';
import { ApiError } from '../http/api-error.ts';
import { docsPrefix } from './swagger.plugin.ts';
import { queueBoardPrefix } from './queue-board.plugin.ts';
import { problem, sendProblem } from './errors.plugin.ts';

export type Principal = { workspaceId: string; userId: string; role: Role; keyId: string };

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
}

export function workspaceOf(request: FastifyRequest): string {
  return request.principal.workspaceId;
}

// The queue board: HTTP Basic with the API key as the password, admins only.
async function authenticateBoard(request: FastifyRequest, reply: FastifyReply, header: string | undefined) {
  const basic = header?.match(/^Basic\s+(\S+)$/i)?.[1];
  const key = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':').slice(1).join(':') : '';
  const found = key ? await findActiveKey(request.em, key) : null;
  if (!found || found.role !== 'admin') {
    // Answered here: the board's routes have an error handler of their own that would turn a thrown error into a 500.
    reply.header('www-authenticate', 'Basic realm="Persona Ops queues", charset="UTF-8"');
    return sendProblem(reply, problem(request, 401, 'admin_key_required', 'The queue board is for admins: enter any user name and an admin API key as the password.'));
  }
  request.principal = found;
  return undefined;
}

/** The 403's text: the roles that may act (admins always may), listed once, never an empty entry. */
export function roleNotAllowedMessage(role: string, allowed: readonly string[]): string {
  const roles = ['admin', ...new Set(allowed.filter((r) => r !== 'admin'))];
  const needs = roles.length === 1 ? 'it needs the admin role' : `it needs one of: ${roles.join(', ')}`;
  return `Your role (${role}) may not do this; ${needs}.`;
}

export const authPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('principal', null as unknown as Principal);
  app.addHook('onRequest', async (request, reply) => {
    const config = request.routeOptions.config;
    const url = request.routeOptions.url;
    // The interactive docs are public like the document they render.
    if (config.public || !url || url === docsPrefix || url.startsWith(`${docsPrefix}/`)) return;
    const header = request.headers.authorization;
    const onBoard = url === queueBoardPrefix || url.startsWith(`${queueBoardPrefix}/`);
    if (onBoard) return authenticateBoard(request, reply, header);
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    if (!match?.[1]) {
      throw new ApiError(401, 'missing_api_key', 'Send your API key as "Authorization: Bearer <key>". An admin creates keys; the bootstrap command prints the first one.');
    }
    const key = await findActiveKey(request.em, match[1]);
    if (!key) throw new ApiError(401, 'unknown_api_key', 'This API key is unknown or revoked. Ask an admin of your workspace for a new key.');
    request.principal = key;
    const allowed = config.roles;
    if (allowed && key.role !== 'admin' && !allowed.includes(key.role)) {
      throw new ApiError(403, 'role_not_allowed', roleNotAllowedMessage(key.role, allowed));
    }
  });
});
