import type { FastifyZod } from '../../http/fastify-zod.ts';
import { problemResponses, problemSchema } from '../../http/problem.ts';
import { reportQuery } from '../../http/report.schemas.ts';
import { workspaceOf } from '../../plugins/auth.plugin.ts';
import { audienceReport } from '../../services/audience-report.service.ts';
import { brandSafetyReport } from '../../services/brand-safety-report.service.ts';
import { commercialReport } from '../../services/commercial-report.service.ts';
import { productionReport } from '../../services/production-report.service.ts';
import { audienceReportQuery, audienceReportSchema } from './audience-report.schemas.ts';
import { brandSafetyReportQuery, brandSafetyReportSchema } from './brand-safety-report.schemas.ts';
import { commercialReportSchema } from './commercial-report.schemas.ts';
import { productionReportSchema } from './production-report.schemas.ts';

const tags = ['reports'];

export async function reportRoutes(app: FastifyZod) {
  app.get('/v1/reports/production', {
    schema: {
      tags,
      summary: 'Layer 1, production efficiency: every pipeline KPI over the assets in scope',
      querystring: reportQuery,
      response: { 200: productionReportSchema, ...problemResponses, 422: problemSchema.describe('Assets in scope use different currencies') },
    },
  }, async (request) => productionReport(request.em, workspaceOf(request), request.query, new Date()));

  app.get('/v1/reports/brand-safety', {
    schema: {
      tags,
      summary: 'Brand safety: sentiment, flagged and mention rates, per-category rates, the daily trend and its spikes, over the comments in scope',
      description: 'Each comment counts once, at its latest classification. The flagged comments themselves: GET /v1/comments?category=…&sentiment=…',
      querystring: brandSafetyReportQuery,
      response: { 200: brandSafetyReportSchema, ...problemResponses },
    },
  }, async (request) => brandSafetyReport(request.em, workspaceOf(request), request.query));

  app.get('/v1/reports/audience', {
    schema: {
      tags,
      summary: 'Layer 2, audience performance: every audience KPI over the posts published in the period, each at its latest snapshot in the period',
      description: 'Tiered KPIs carry their tier and the thresholds used (the workspace\'s overrides, else the defaults). A KPI without enough data is null, with the sample it was computed on. The series: GET /v1/metric-snapshots?postId=…',
      querystring: audienceReportQuery,
      response: { 200: audienceReportSchema, ...problemResponses },
    },
  }, async (request) => audienceReport(request.em, workspaceOf(request), request.query, new Date()));

  app.get('/v1/reports/commercial', {
    schema: {
      tags,
      summary: 'Layer 3, commercial influence: cost and its components, CPM, CPV, CTR, CPC, CPR, CPA, conversion rate, target actions, attributed sales, revenue and ROI, the funnel, insights and (for one campaign) the verdict',
      description: 'Cost = campaign fees + paid spend of the paid posts in scope + production cost of the AI-character assets they used. Cost tiers are in USD unless the workspace overrides them. A KPI without enough data is null. Incremental lift and paid-media lift need a holdout or a paid test with a control creative, which are not recorded, so they are not part of this report.',
      querystring: reportQuery,
      response: { 200: commercialReportSchema, ...problemResponses, 422: problemSchema.describe('The scope mixes currencies') },
    },
  }, async (request) => commercialReport(request.em, workspaceOf(request), request.query, new Date()));
}
