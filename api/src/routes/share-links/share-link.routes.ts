import { z } from 'zod';
import type { FastifyZod } from '../../http/fastify-zod.ts';
import { idParams } from '../../http/common.schemas.ts';
import { problemResponses, problemSchema } from '../../http/problem.ts';
import { workspaceOf } from '../../plugins/auth.plugin.ts';
import { createShareLink, listShareLinks, shareLinkUrl, revokeShareLink, sharedCampaignReport, toShareLinkDto } from '../../services/share-links.service.ts';
import { campaignReportSchema } from '../reports/campaign-report.schemas.ts';
import { createShareLinkBody, issuedShareLinkSchema, listShareLinksQuery, shareLinkSchema, sharedTokenParams } from './share-link.schemas.ts';

const tags = ['share links'];

export async function shareLinkRoutes(app: FastifyZod) {
  app.post('/v1/reports/campaign/:id/share-links', {
    schema: {
      tags,
      summary: "Share a campaign's report read-only with someone without an API key; the token is shown once",
      params: idParams,
      body: createShareLinkBody,
      response: { 201: issuedShareLinkSchema, ...problemResponses },
    },
  }, async (request, reply) => {
    const now = new Date();
    const { link, token } = await createShareLink(request.em, request.principal, request.params.id, request.body, now);
    return reply.status(201).send({ ...toShareLinkDto(link, now), url: shareLinkUrl(app.publicUrl, token), token });
  });

  app.get('/v1/share-links', {
    schema: {
      tags,
      summary: 'List share links, newest first (never their tokens)',
      querystring: listShareLinksQuery,
      response: { 200: z.object({ items: z.array(shareLinkSchema) }), ...problemResponses },
    },
  }, async (request) => {
    const now = new Date();
    return { items: (await listShareLinks(request.em, workspaceOf(request), request.query.campaignId)).map((link) => toShareLinkDto(link, now)) };
  });

  app.delete('/v1/share-links/:id', {
    schema: {
      tags,
      summary: 'Revoke a share link (an admin or its creator): it stops working at once',
      params: idParams,
      response: { 200: shareLinkSchema, ...problemResponses },
    },
  }, async (request) => {
    const now = new Date();
    return toShareLinkDto(await revokeShareLink(request.em, request.principal, request.params.id, now), now);
  });

  app.get('/v1/shared/campaign-report/:token', {
    config: { public: true },
    schema: {
      tags,
      summary: 'The campaign report behind a share link: no API key needed',
      description: 'Unknown, expired and revoked links all answer 404. Never cached, never indexed.',
      security: [],
      params: sharedTokenParams,
      response: { 200: campaignReportSchema, 400: problemSchema, 404: problemSchema.describe('Unknown, expired or revoked link'), 422: problemSchema.describe("The campaign's figures mix currencies") },
    },
    // Set before the handler so every answer carries them, the 404 too.
    onRequest: async (_request, reply) => {
      reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex').header('referrer-policy', 'no-referrer');
    },
  }, async (request) => sharedCampaignReport(request.em, request.params.token, new Date()));
}
