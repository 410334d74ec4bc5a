import type { FastifyZod } from '../../http/fastify-zod.ts';
import { problemResponses } from '../../http/problem.ts';
import { workspaceOf } from '../../plugins/auth.plugin.ts';
import { listAlerts, toAlertDto } from '../../services/alerts.service.ts';
import { alertPage, listAlertsQuery } from './alert.schemas.ts';

export async function alertRoutes(app: FastifyZod) {
  app.get('/v1/alerts', {
    schema: {
      tags: ['brand safety'],
      summary: 'Brand-safety alerts: days whose negative or flagged share spiked above the trailing baseline',
      querystring: listAlertsQuery,
      response: { 200: alertPage, ...problemResponses },
    },
  }, async (request) => {
    const { sourceId, metric, from, to, ...page } = request.query;
    const result = await listAlerts(request.em, workspaceOf(request), { sourceId, metric, from, to }, page);
    return { items: result.items.map(toAlertDto), nextCursor: result.nextCursor };
  });
}
