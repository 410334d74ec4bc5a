import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createJsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

export const apiVersion = '0.1.0';
export const docsPrefix = '/docs';

// The OpenAPI 3.1 document is generated from the routes' zod schemas; /docs renders it.
export const swaggerPlugin = fp(async (app: FastifyInstance) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Persona Ops API',
        description:
          'Operations tracker for AI-influencer content: the asset pipeline, audience and commercial ROI. ' +
          'Authenticate with `Authorization: Bearer <api key>`. Errors are RFC 9457 problem+json.',
        version: apiVersion,
      },
      components: {
        securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'A workspace API key' } },
      },
      security: [{ apiKey: [] }],
    },
    // Nothing is skipped by its URL: a route that is not part of the API (the queue board, the
    // docs UI, /openapi.json, /metrics) hides itself with schema.hide.
    transform: createJsonSchemaTransform({ skipList: [] }),
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: docsPrefix, uiConfig: { persistAuthorization: true } });
  app.get('/openapi.json', { schema: { hide: true }, config: { public: true } }, async () => app.swagger());
});
