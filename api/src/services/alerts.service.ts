import type { EntityManager } from '@mikro-orm/postgresql';
import { Alert, type IAlert } from '@persona-ops/domain/store';
import { assertFilterIdsOwned } from './owned.ts';
import { period, paginate, type PageRequest } from './pagination.ts';

export function toAlertDto(alert: IAlert) {
  return {
    id: alert.id,
    sourceId: alert.source.id,
    metric: alert.metric,
    day: alert.day,
    share: Number(alert.share),
    baselineMean: Number(alert.baselineMean),
    baselineSd: Number(alert.baselineSd),
    comments: alert.comments,
    detectedAt: alert.detectedAt.toISOString(),
    delivery: { deliveredAt: alert.deliveredAt?.toISOString() ?? null, attempts: alert.deliveryAttempts, lastError: alert.lastDeliveryError ?? null },
  };
}

export async function listAlerts(em: EntityManager, workspaceId: string, filter: { sourceId?: string | undefined; metric?: IAlert['metric'] | undefined; from?: string | undefined; to?: string | undefined }, page: PageRequest) {
  await assertFilterIdsOwned(em, workspaceId, { sourceId: filter.sourceId });
  return paginate(em, Alert, {
    workspace: workspaceId,
    ...(filter.sourceId ? { source: filter.sourceId } : {}),
    ...(filter.metric ? { metric: filter.metric } : {}),
    ...period('detectedAt', filter.from, filter.to),
  }, page);
}
