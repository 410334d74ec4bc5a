import type { FastifyZod } from '../../http/fastify-zod.ts';
import { idParams } from '../../http/common.schemas.ts';
import { problemResponses, problemSchema } from '../../http/problem.ts';
import { workspaceOf } from '../../plugins/auth.plugin.ts';
import type { FastifyRequest } from 'fastify';
import { createAsset, exportAssets, getAssetWithHistory, listAssets, publishAsset, reviewAsset, submitAsset, toAssetDto, updateAsset } from '../../services/assets.service.ts';
import { applyMergePatch, currentState } from '../../http/merge-patch.ts';
import { toPostDto } from '../../services/posts.service.ts';
import { postSchema } from '../posts/post.schemas.ts';
import { ASSET_EXPORT_COLUMNS, MAX_EXPORTED_ASSETS, assetExportSchema, assetFields, assetPage, assetSchema, assetWithHistorySchema, createAssetBody, exportAssetsQuery, listAssetsQuery, paidReuseBody, publishBody, reviewBody, submitBody, updateAssetBody } from './asset.schemas.ts';
import { z } from 'zod';
import { sendTable, tableFormatQuery, tableResponse } from '../../http/table-export.ts';

const tags = ['assets'];
const transitionResponses = {
  ...problemResponses,
  409: problemSchema.describe('Illegal state transition; legalActions lists what is allowed'),
  422: problemSchema.describe('A domain rule is violated (e.g. a rejection without a reason, a step dated before the previous one, a post before its approval)'),
};
const published = z.object({ asset: assetSchema, post: postSchema });
const actorOf = (request: FastifyRequest) => ({ workspaceId: workspaceOf(request), userId: request.principal.userId });

export async function assetRoutes(app: FastifyZod) {
  app.post('/v1/assets', {
    config: { roles: ['studio'] },
    schema: { tags, summary: 'Log a generated (or shot) asset as a draft', body: createAssetBody, response: { 201: assetSchema, ...transitionResponses } },
  }, async (request, reply) => reply.status(201).send(toAssetDto(await createAsset(request.em, actorOf(request), request.body, new Date()))));

  app.get('/v1/assets', {
    schema: { tags, summary: 'List assets', querystring: listAssetsQuery, response: { 200: assetPage, ...problemResponses } },
  }, async (request) => {
    const { campaignId, sourceId, briefId, state, approvedWeek, from, to, ...page } = request.query;
    const result = await listAssets(request.em, workspaceOf(request), { campaignId, sourceId, briefId, state, approvedWeek, from, to }, page);
    return { items: result.items.map(toAssetDto), nextCursor: result.nextCursor };
  });

  app.get('/v1/assets/export', {
    schema: {
      tags,
      summary: 'Every asset matching the filters as a download: CSV (one row per asset) or JSON',
      description: `The Assets page as a file: the same filters as GET /v1/assets, without pages, newest first, with each asset's campaign and source names. CSV columns: ${ASSET_EXPORT_COLUMNS.join(', ')}; money in minor units, times in UTC ISO-8601. At most ${MAX_EXPORTED_ASSETS} assets (422 beyond: narrow the filters).`,
      querystring: exportAssetsQuery.extend(tableFormatQuery),
      response: {
        200: tableResponse(assetExportSchema, ASSET_EXPORT_COLUMNS),
        ...problemResponses,
        422: problemSchema.describe(`More than ${MAX_EXPORTED_ASSETS} assets match (export_too_large)`),
      },
    },
  }, async (request, reply) => {
    const { format, ...filter } = request.query;
    const items = await exportAssets(request.em, workspaceOf(request), filter, MAX_EXPORTED_ASSETS);
    return sendTable(reply, format, 'assets', ASSET_EXPORT_COLUMNS, { items });
  });

  app.get('/v1/assets/:id', {
    schema: { tags, summary: 'Get one asset with its full transition history', params: idParams, response: { 200: assetWithHistorySchema, ...problemResponses } },
  }, async (request) => getAssetWithHistory(request.em, workspaceOf(request), request.params.id));

  app.patch('/v1/assets/:id', {
    config: { roles: ['studio'] },
    schema: {
      tags,
      summary: 'Change what was logged about a draft or an asset sent back for changes (title, kind, tool, prompt, costs, hours)',
      params: idParams,
      body: updateAssetBody,
      response: { 200: assetWithHistorySchema, ...problemResponses, 409: problemSchema.describe('The asset is in review or decided: it stays as it was reviewed') },
    },
  }, async (request) => {
    const asset = await updateAsset(request.em, actorOf(request), request.params.id, (stored) => applyMergePatch(assetFields, currentState(assetFields, stored), request.body));
    // The asset as GET /v1/assets/{id} reads it: a PATCH answers the resource it changed.
    return getAssetWithHistory(request.em, workspaceOf(request), asset.id);
  });

  app.post('/v1/assets/:id/submit', {
    config: { roles: ['studio'] },
    schema: { tags, summary: 'Submit an asset for review', params: idParams, body: submitBody, response: { 200: assetSchema, ...transitionResponses } },
  }, async (request) => toAssetDto(await submitAsset(request.em, actorOf(request), request.params.id, request.body?.submittedAt, new Date())));

  app.post('/v1/assets/:id/reviews', {
    config: { roles: ['approver'] },
    schema: { tags, summary: 'Record a review decision: approve, request_changes or reject (with a reason)', params: idParams, body: reviewBody, response: { 200: assetSchema, ...transitionResponses } },
  }, async (request) => toAssetDto(await reviewAsset(request.em, actorOf(request), request.params.id, request.body, new Date())));

  app.post('/v1/assets/:id/publish', {
    config: { roles: ['studio'] },
    schema: { tags, summary: 'Publish an approved asset to a channel (again for each further channel)', params: idParams, body: publishBody, response: { 201: published, ...transitionResponses } },
  }, async (request, reply) => {
    const result = await publishAsset(request.em, actorOf(request), request.params.id, request.body, new Date());
    return reply.status(201).send({ asset: toAssetDto(result.asset), post: toPostDto(result.post) });
  });

  app.post('/v1/assets/:id/paid-reuse', {
    config: { roles: ['studio'] },
    schema: { tags, summary: 'Mark an approved asset as reused in paid media (a paid placement with its spend)', params: idParams, body: paidReuseBody, response: { 201: published, ...transitionResponses } },
  }, async (request, reply) => {
    const result = await publishAsset(request.em, actorOf(request), request.params.id, { ...request.body, placement: 'paid' }, new Date());
    return reply.status(201).send({ asset: toAssetDto(result.asset), post: toPostDto(result.post) });
  });
}
