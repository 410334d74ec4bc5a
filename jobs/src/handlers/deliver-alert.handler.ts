import type { MikroORM } from '@mikro-orm/postgresql';
import { UnrecoverableError } from 'bullmq';
import { alertForDelivery, recordAlertDelivery } from '@persona-ops/domain/store';
import type { JobPayload } from '../contracts.ts';
import { signWebhook, signatureHeader, timestampHeader } from '../webhooks/sign.ts';

// POSTs a new alert to the workspace's webhook, signed with HMAC. A failure throws so BullMQ
// retries with backoff; each attempt is recorded on the alert for the admins to see.
export function deliverAlertHandler(deps: { orm: MikroORM; timeoutMs?: number; now?: () => Date }) {
  return async (payload: JobPayload<'deliver-alert'>) => {
    const em = deps.orm.em.fork();
    const alert = await alertForDelivery(em, payload.alertId);
    if (!alert) throw new UnrecoverableError(`Alert ${payload.alertId} does not exist`);
    if (alert.deliveredAt) return { delivered: false, reason: 'already delivered' };
    if (!alert.webhookUrl || !alert.webhookSecret) return { delivered: false, reason: 'no webhook configured' };

    const body = JSON.stringify({
      type: 'brand_safety.spike',
      alert: {
        id: alert.id,
        workspaceId: alert.workspaceId,
        source: { id: alert.sourceId, name: alert.sourceName },
        metric: alert.metric,
        day: alert.day,
        share: alert.share,
        baselineMean: alert.baselineMean,
        comments: alert.comments,
        detectedAt: alert.detectedAt.toISOString(),
      },
    });
    const timestamp = Math.floor((deps.now?.() ?? new Date()).getTime() / 1000);
    let status: number;
    try {
      const response = await fetch(alert.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [timestampHeader]: String(timestamp), [signatureHeader]: signWebhook(alert.webhookSecret, body, timestamp) },
        body,
        signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000),
      });
      status = response.status;
    } catch (error) {
      await recordAlertDelivery(em, alert.id, { error: (error as Error).message });
      throw error;
    }
    if (status >= 200 && status < 300) {
      await recordAlertDelivery(em, alert.id, { deliveredAt: deps.now?.() ?? new Date() });
      return { delivered: true, status };
    }
    await recordAlertDelivery(em, alert.id, { error: `webhook answered ${status}` });
    // 410 Gone says the endpoint will never take it; anything else may recover, so retry.
    if (status === 410) throw new UnrecoverableError('The webhook answered 410 Gone');
    throw new Error(`The webhook answered ${status}`);
  };
}
