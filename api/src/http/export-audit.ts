import type { FastifyRequest } from 'fastify';
import { recordAudit } from '@persona-ops/domain/store';

/**
 * Records a report download in the audit log. A request that names its format (csv or json, as
 * the dashboard's download buttons do) is a download; a report read without one is the dashboard
 * showing it, which is a read like any other and is not recorded.
 */
export async function recordExport(request: FastifyRequest, format: string, report: string): Promise<void> {
  const search = new URL(request.url, 'http://localhost').searchParams;
  if (!search.has('format')) return;
  const filters = Object.fromEntries([...search.entries()].filter(([name]) => name !== 'format'));
  const params = request.params as Record<string, string | undefined> | undefined;
  await recordAudit(request.em, {
    workspaceId: request.principal.workspaceId,
    action: 'export',
    entityType: 'report',
    entityId: params?.['id'] ?? null,
    details: { report, format, filters },
  });
}
