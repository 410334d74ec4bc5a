import { Campaign } from '@persona-ops/domain/store';
import type { FastifyZod } from '../../http/fastify-zod.ts';
import { idParams } from '../../http/common.schemas.ts';
import { patchWith } from '../../http/merge-patch.ts';
import { problemResponses } from '../../http/problem.ts';
import { workspaceOf } from '../../plugins/auth.plugin.ts';
import { createCampaign, listCampaigns, toCampaignDto, updateCampaign } from '../../services/campaigns.service.ts';
import { findOwned } from '../../services/owned.ts';
import { campaignPage, campaignSchema, createCampaignBody, listCampaignsQuery, updateCampaignBody } from './campaign.schemas.ts';

const tags = ['campaigns'];
const writers = ['studio'] as const;

export async function campaignRoutes(app: FastifyZod) {
  app.post('/v1/campaigns', {
    config: { roles: writers },
    schema: { tags, summary: 'Create a campaign', body: createCampaignBody, response: { 201: campaignSchema, ...problemResponses } },
  }, async (request, reply) => reply.status(201).send(toCampaignDto(await createCampaign(request.em, workspaceOf(request), request.body))));

  app.get('/v1/campaigns', {
    schema: { tags, summary: 'List campaigns', querystring: listCampaignsQuery, response: { 200: campaignPage, ...problemResponses } },
  }, async (request) => {
    const { goal, activeOn, ...page } = request.query;
    const result = await listCampaigns(request.em, workspaceOf(request), { goal, activeOn }, page);
    return { items: result.items.map(toCampaignDto), nextCursor: result.nextCursor };
  });

  app.get('/v1/campaigns/:id', {
    schema: { tags, summary: 'Get one campaign', params: idParams, response: { 200: campaignSchema, ...problemResponses } },
  }, async (request) => toCampaignDto(await findOwned(request.em, Campaign, 'campaign', request.params.id, workspaceOf(request))));

  app.patch('/v1/campaigns/:id', {
    config: { roles: writers },
    schema: { tags, summary: 'Change a campaign', params: idParams, body: updateCampaignBody, response: { 200: campaignSchema, ...problemResponses } },
  }, async (request) => toCampaignDto(await updateCampaign(request.em, workspaceOf(request), request.params.id, patchWith(createCampaignBody, request.body))));
}
