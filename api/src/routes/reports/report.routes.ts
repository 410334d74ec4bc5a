import type { FastifyZod } from '../../http/fastify-zod.ts';
import { problemResponses, problemSchema } from '../../http/problem.ts';
import { reportQuery } from '../../http/report.schemas.ts';
import { workspaceOf } from '../../plugins/auth.plugin.ts';
import { brandSafetyReport } from '../../services/brand-safety-report.service.ts';
import { productionReport } from '../../services/production-report.service.ts';
import { brandSafetyReportQuery, brandSafetyReportSchema } from './brand-safety-report.schemas.ts';
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
}
