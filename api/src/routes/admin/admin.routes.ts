import { ApiKey, User } from '@persona-ops/domain/store';
import { z } from 'zod';
import type { FastifyZod } from '../../http/fastify-zod.ts';
import { idParams } from '../../http/common.schemas.ts';
import { patchWith } from '../../http/merge-patch.ts';
import { problemResponses, problemSchema } from '../../http/problem.ts';
import { workspaceOf } from '../../plugins/auth.plugin.ts';
import { sendTestAlert } from '../../services/alert-webhook-test.service.ts';
import { createApiKey, createUser, getWorkspace, revokeApiKey, toApiKeyDto, toUserDto, toWorkspaceDto, updateWorkspace } from '../../services/admin.service.ts';
import { alertWebhookTestSchema, apiKeySchema, createApiKeyBody, createUserBody, createUserResponse, issuedKeySchema, updateWorkspaceBody, userSchema, workspaceSchema, workspaceSettings } from './admin.schemas.ts';

const adminOnly = { roles: [] as const };
const tags = ['admin'];

export async function adminRoutes(app: FastifyZod) {
  app.get('/v1/workspace', {
    schema: { tags, summary: 'The workspace (brand) of the calling key', response: { 200: workspaceSchema, ...problemResponses } },
  }, async (request) => toWorkspaceDto(await getWorkspace(request.em, workspaceOf(request)), request.principal.role));

  app.patch('/v1/workspace', {
    config: adminOnly,
    schema: { tags, summary: 'Change workspace settings: currency, hourly rate, tier thresholds', body: updateWorkspaceBody, response: { 200: workspaceSchema, ...problemResponses } },
  }, async (request) => toWorkspaceDto(await updateWorkspace(request.em, workspaceOf(request), patchWith(workspaceSettings, request.body), app.alertWebhookPolicy), request.principal.role));

  app.post('/v1/workspace/alert-webhook/test', {
    config: adminOnly,
    schema: {
      tags,
      summary: 'Send a signed test message to the alert webhook now, and answer how it went',
      description: 'The body is {"type":"test","workspace":{…},"sentAt":…}, signed like every alert (x-persona-ops-signature over "<timestamp>.<body>") and sent under the same rules: no private or metadata address unless allowed, no redirect followed, 10 s at most. A refused or failed delivery is an answer (delivered: false with the reason), not an error.',
      response: { 200: alertWebhookTestSchema, ...problemResponses },
    },
  }, async (request) => sendTestAlert(request.em, workspaceOf(request), app.alertWebhookPolicy, new Date()));

  app.get('/v1/users', {
    config: adminOnly,
    schema: { tags, summary: 'List the workspace users', response: { 200: z.object({ items: z.array(userSchema) }), ...problemResponses } },
  }, async (request) => ({ items: (await request.em.find(User, { workspace: workspaceOf(request) }, { orderBy: { createdAt: 'asc' } })).map(toUserDto) }));

  app.post('/v1/users', {
    config: adminOnly,
    schema: { tags, summary: 'Add a user with a role; returns their first API key once', body: createUserBody, response: { 201: createUserResponse, ...problemResponses, 409: problemSchema } },
  }, async (request, reply) => {
    const created = await createUser(request.em, workspaceOf(request), request.body);
    return reply.status(201).send({ user: toUserDto(created.user), apiKey: toApiKeyDto(created.apiKey), key: created.key });
  });

  app.get('/v1/api-keys', {
    config: adminOnly,
    schema: { tags, summary: 'List API keys (never the keys themselves)', response: { 200: z.object({ items: z.array(apiKeySchema) }), ...problemResponses } },
  }, async (request) => ({ items: (await request.em.find(ApiKey, { workspace: workspaceOf(request) }, { orderBy: { createdAt: 'asc' } })).map(toApiKeyDto) }));

  app.post('/v1/api-keys', {
    config: adminOnly,
    schema: { tags, summary: 'Issue another key for a user; the key is shown once', body: createApiKeyBody, response: { 201: issuedKeySchema, ...problemResponses } },
  }, async (request, reply) => {
    const issued = await createApiKey(request.em, workspaceOf(request), request.body);
    return reply.status(201).send({ apiKey: toApiKeyDto(issued.apiKey), key: issued.key });
  });

  app.delete('/v1/api-keys/:id', {
    config: adminOnly,
    schema: { tags, summary: 'Revoke a key', params: idParams, response: { 200: apiKeySchema, ...problemResponses } },
  }, async (request) => {
    const key = await revokeApiKey(request.em, workspaceOf(request), request.params.id, new Date());
    app.apiKeys.forget(key.id);
    return toApiKeyDto(key);
  });
}
