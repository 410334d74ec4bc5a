import type { FastifyZod } from '../../http/fastify-zod.ts';
import { problemResponses, problemSchema } from '../../http/problem.ts';
import { workspaceOf } from '../../plugins/auth.plugin.ts';
import {
  ingestAudienceBreakdowns,
  ingestFollowerSnapshots,
  ingestMetricSnapshots,
  listFollowerSnapshots,
  listMetricSnapshots,
  toFollowerSnapshotDto,
  toMetricSnapshotDto,
} from '../../services/metrics.service.ts';
import {
  breakdownResultSchema,
  bulkAudienceBreakdownsBody,
  bulkFollowerSnapshotsBody,
  bulkMetricSnapshotsBody,
  followerSnapshotPage,
  listFollowerSnapshotsQuery,
  listMetricSnapshotsQuery,
  metricSnapshotPage,
  upsertResultSchema,
} from './metric.schemas.ts';

const tags = ['metrics'];

// Platform metrics arrive in bulk from imports and integrations: each batch is checked whole, then
// stored in one upsert, so sending the same batch again changes nothing.
export async function metricRoutes(app: FastifyZod) {
  app.post('/v1/metric-snapshots/bulk', {
    config: { roles: ['studio'] },
    schema: {
      tags,
      summary: 'Record up to 10,000 metric snapshots of posts; all or nothing, idempotent on post + capturedAt',
      description: 'A snapshot sent again with the same counters is unchanged; with other counters it replaces the stored one (an omitted counter is stored as unknown).',
      body: bulkMetricSnapshotsBody,
      response: { 200: upsertResultSchema, ...problemResponses, 422: problemSchema.describe('A snapshot predates its post, lies in the future, or repeats another of the batch') },
    },
  }, async (request) => ingestMetricSnapshots(request.em, workspaceOf(request), request.body.snapshots, new Date()));

  app.get('/v1/metric-snapshots', {
    schema: { tags, summary: "A post's metric snapshots over time (the series charts draw)", querystring: listMetricSnapshotsQuery, response: { 200: metricSnapshotPage, ...problemResponses } },
  }, async (request) => {
    const { postId, from, to, ...page } = request.query;
    const result = await listMetricSnapshots(request.em, workspaceOf(request), { postId, from, to }, page);
    return { items: result.items.map(toMetricSnapshotDto), nextCursor: result.nextCursor };
  });

  app.post('/v1/follower-snapshots/bulk', {
    config: { roles: ['studio'] },
    schema: {
      tags,
      summary: "Record up to 10,000 sources' follower counts; all or nothing, idempotent on source + date",
      body: bulkFollowerSnapshotsBody,
      response: { 200: upsertResultSchema, ...problemResponses, 422: problemSchema.describe('A date lies in the future or repeats another row of the batch') },
    },
  }, async (request) => ingestFollowerSnapshots(request.em, workspaceOf(request), request.body.snapshots, new Date()));

  app.get('/v1/follower-snapshots', {
    schema: { tags, summary: "A source's follower counts over time", querystring: listFollowerSnapshotsQuery, response: { 200: followerSnapshotPage, ...problemResponses } },
  }, async (request) => {
    const { sourceId, from, to, ...page } = request.query;
    const result = await listFollowerSnapshots(request.em, workspaceOf(request), { sourceId, from, to }, page);
    return { items: result.items.map(toFollowerSnapshotDto), nextCursor: result.nextCursor };
  });

  app.post('/v1/audience-breakdowns/bulk', {
    config: { roles: ['studio'] },
    schema: {
      tags,
      summary: "Record up to 10,000 rows of posts' or sources' audience by country or language; all or nothing",
      description: 'The rows of one subject (post or source), dimension and day form one breakdown: their shares may add up to at most 100 (+0.5 for rounding), and a breakdown sent again replaces the stored one (keys it no longer lists are removed).',
      body: bulkAudienceBreakdownsBody,
      response: { 200: breakdownResultSchema, ...problemResponses, 422: problemSchema.describe('Shares add up past 100, a day lies in the future or before the post, or a row repeats another') },
    },
  }, async (request) => ingestAudienceBreakdowns(request.em, workspaceOf(request), request.body.breakdowns, new Date()));
}
