import type { FastifyZod } from '../../http/fastify-zod.ts';
import { problemResponses, problemSchema } from '../../http/problem.ts';
import { reportQuery } from '../../http/report.schemas.ts';
import { workspaceOf } from '../../plugins/auth.plugin.ts';
import { productionReport } from '../../services/production-report.service.ts';
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
}
