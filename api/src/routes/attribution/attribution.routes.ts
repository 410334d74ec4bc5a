import { OfferCode, TrackingLink } from '@persona-ops/domain/store';
import type { FastifyZod } from '../../http/fastify-zod.ts';
import { idParams } from '../../http/common.schemas.ts';
import { problemResponses, problemSchema } from '../../http/problem.ts';
import { workspaceOf } from '../../plugins/auth.plugin.ts';
import {
  createOfferCode,
  createTrackingLink,
  ingestConversions,
  ingestSurveyAnswers,
  listOfferCodes,
  listTrackingLinks,
  toOfferCodeDto,
  toTrackingLinkDto,
} from '../../services/attribution.service.ts';
import { findOwned } from '../../services/owned.ts';
import {
  bulkConversionsBody,
  bulkSurveyAnswersBody,
  createOfferCodeBody,
  createTrackingLinkBody,
  listOfferCodesQuery,
  listTrackingLinksQuery,
  offerCodePage,
  offerCodeSchema,
  trackingLinkPage,
  trackingLinkSchema,
  upsertedSchema,
} from './attribution.schemas.ts';

const tags = ['attribution'];
const writers = ['studio'] as const;
const postRule = { 422: problemSchema.describe('The post is not one of the campaign\'s, or not by the source') };

// Attribution inputs: UTM links and offer codes issued per campaign, source and post, and what
// the user's analytics counted through them (conversions per day) and post-purchase surveys.
export async function attributionRoutes(app: FastifyZod) {
  app.post('/v1/tracking-links', {
    config: { roles: writers },
    schema: {
      tags,
      summary: 'Issue a UTM-tagged link for a campaign and source (and optionally one post)',
      body: createTrackingLinkBody,
      response: { 201: trackingLinkSchema, ...problemResponses, ...postRule },
    },
  }, async (request, reply) => reply.status(201).send(toTrackingLinkDto(await createTrackingLink(request.em, workspaceOf(request), request.body))));

  app.get('/v1/tracking-links', {
    schema: { tags, summary: 'List tracking links', querystring: listTrackingLinksQuery, response: { 200: trackingLinkPage, ...problemResponses } },
  }, async (request) => {
    const { campaignId, sourceId, postId, ...page } = request.query;
    const result = await listTrackingLinks(request.em, workspaceOf(request), { campaignId, sourceId, postId }, page);
    return { items: result.items.map(toTrackingLinkDto), nextCursor: result.nextCursor };
  });

  app.get('/v1/tracking-links/:id', {
    schema: { tags, summary: 'Get one tracking link', params: idParams, response: { 200: trackingLinkSchema, ...problemResponses } },
  }, async (request) => toTrackingLinkDto(await findOwned(request.em, TrackingLink, 'tracking link', request.params.id, workspaceOf(request))));

  app.post('/v1/offer-codes', {
    config: { roles: writers },
    schema: {
      tags,
      summary: 'Issue an offer (promo) code for a campaign and source (and optionally one post)',
      body: createOfferCodeBody,
      response: { 201: offerCodeSchema, ...problemResponses, 409: problemSchema.describe('The code is already used in this workspace'), ...postRule },
    },
  }, async (request, reply) => reply.status(201).send(toOfferCodeDto(await createOfferCode(request.em, workspaceOf(request), request.body, new Date()))));

  app.get('/v1/offer-codes', {
    schema: { tags, summary: 'List offer codes', querystring: listOfferCodesQuery, response: { 200: offerCodePage, ...problemResponses } },
  }, async (request) => {
    const { campaignId, sourceId, postId, ...page } = request.query;
    const result = await listOfferCodes(request.em, workspaceOf(request), { campaignId, sourceId, postId }, page);
    return { items: result.items.map(toOfferCodeDto), nextCursor: result.nextCursor };
  });

  app.get('/v1/offer-codes/:id', {
    schema: { tags, summary: 'Get one offer code', params: idParams, response: { 200: offerCodeSchema, ...problemResponses } },
  }, async (request) => toOfferCodeDto(await findOwned(request.em, OfferCode, 'offer code', request.params.id, workspaceOf(request))));

  app.post('/v1/conversions/bulk', {
    config: { roles: writers },
    schema: {
      tags,
      summary: 'Record up to 10,000 daily conversion counts per tracking link or offer code; all or nothing, idempotent',
      description: 'One row per (link or code, UTC day). A row sent again replaces the stored counts of that day; an omitted count is unknown (null), not 0.',
      body: bulkConversionsBody,
      response: { 200: upsertedSchema, ...problemResponses, 422: problemSchema.describe("A row is not in its campaign's currency") },
    },
  }, async (request) => ingestConversions(request.em, workspaceOf(request), request.body.counts, new Date()));

  app.post('/v1/survey-answers/bulk', {
    config: { roles: writers },
    schema: {
      tags,
      summary: 'Record up to 10,000 daily counts of post-purchase survey answers naming a source; all or nothing, idempotent',
      description: 'One row per (source, UTC day); a day sent again replaces the stored count.',
      body: bulkSurveyAnswersBody,
      response: { 200: upsertedSchema, ...problemResponses },
    },
  }, async (request) => ingestSurveyAnswers(request.em, workspaceOf(request), request.body.answers, new Date()));
}
