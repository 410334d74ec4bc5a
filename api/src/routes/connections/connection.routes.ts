import type { FastifyZod } from '../../http/fastify-zod.ts';
import { idParams } from '../../http/common.schemas.ts';
import { problemResponses, problemSchema } from '../../http/problem.ts';
import { workspaceOf } from '../../plugins/auth.plugin.ts';
import { availablePlatforms, completeConnection, getConnection, listConnections, requestPull, revokeConnection, startConnection, toConnectionDto } from '../../services/connections.service.ts';
import { completeConnectionBody, connectionList, connectionSchema, startConnectionBody, startedConnection } from './connection.schemas.ts';

const adminOnly = { roles: [] as const };
const tags = ['connections'];

// Connected platform accounts: admins only, since a connection holds the brand's access to them.
export async function connectionRoutes(app: FastifyZod) {
  app.get('/v1/connections', {
    config: adminOnly,
    schema: { tags, summary: 'The workspace\'s platform connections with their state, last and next pull and last error', response: { 200: connectionList, ...problemResponses } },
  }, async (request) => ({ items: (await listConnections(request.em, workspaceOf(request))).map(toConnectionDto), availablePlatforms: availablePlatforms(app.connectors) }));

  app.get('/v1/connections/:id', {
    config: adminOnly,
    schema: { tags, summary: 'One platform connection', params: idParams, response: { 200: connectionSchema, ...problemResponses } },
  }, async (request) => toConnectionDto(await getConnection(request.em, workspaceOf(request), request.params.id)));

  app.post('/v1/connections', {
    config: adminOnly,
    schema: {
      tags,
      summary: 'Start connecting a source\'s account (OAuth 2 code flow with PKCE): answers the platform\'s consent URL',
      body: startConnectionBody,
      response: { 201: startedConnection, ...problemResponses, 409: problemSchema.describe('Connectors, or this platform, are not configured on the server') },
    },
  }, async (request, reply) => {
    const started = await startConnection(request.em, app.connectors, workspaceOf(request), request.body, new Date());
    return reply.status(201).send({ connection: toConnectionDto(started.connection), authorizationUrl: started.authorizationUrl });
  });

  app.post('/v1/connections/callback', {
    config: adminOnly,
    schema: {
      tags,
      summary: 'Finish connecting with the code and state the platform sent back to the dashboard',
      body: completeConnectionBody,
      response: { 200: connectionSchema, ...problemResponses, 409: problemSchema.describe('The flow expired, or the platform refused the code'), 429: problemSchema.describe('The platform asks to wait') },
    },
  }, async (request) => toConnectionDto(await completeConnection(request.em, app.connectors, workspaceOf(request), request.body, new Date())));

  app.post('/v1/connections/:id/pulls', {
    config: adminOnly,
    schema: { tags, summary: 'Pull now, beside the schedule', params: idParams, response: { 202: connectionSchema, ...problemResponses, 409: problemSchema.describe('The connection is not connected') } },
  }, async (request, reply) => reply.status(202).send(toConnectionDto(await requestPull(request.em, workspaceOf(request), request.params.id, new Date()))));

  app.delete('/v1/connections/:id', {
    config: adminOnly,
    schema: { tags, summary: 'Disconnect: revoke the grant at the platform, erase the tokens, stop the pulls', params: idParams, response: { 200: connectionSchema, ...problemResponses } },
  }, async (request) => toConnectionDto(await revokeConnection(request.em, app.connectors, workspaceOf(request), request.params.id, new Date())));
}
