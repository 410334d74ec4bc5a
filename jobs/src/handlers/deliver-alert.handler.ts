import type { MikroORM } from '@mikro-orm/postgresql';
import { UnrecoverableError } from 'bullmq';
import { alertForDelivery, recordAlertDelivery } from '@persona-ops/domain/store';
import type { JobPayload } from '../contracts.ts';
import { postWebhook, WebhookTargetRefused, type ResolveHost } from '@persona-ops/domain/outbound';
import { signWebhook, signatureHeader, timestampHeader } from '@persona-ops/domain/outbound';

// POSTs a new alert to the workspace's webhook, signed with HMAC. A failure throws so BullMQ
// retries with backoff; each attempt is recorded on the alert for the admins to see. The target
// is checked after DNS resolution (no loopback, private, link-local or metadata address unless
// `allowPrivateTargets`), and a redirect is a failed delivery, never followed.
export function deliverAlertHandler(deps: { orm: MikroORM; timeoutMs?: number; now?: () => Date; allowPrivateTargets?: boolean; resolve?: ResolveHost }) {
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
      const response = await postWebhook(
        alert.webhookUrl,
        {
          headers: { 'content-type': 'application/json', [timestampHeader]: String(timestamp), [signatureHeader]: signWebhook(alert.webhookSecret, body, timestamp) },
          body,
          timeoutMs: deps.timeoutMs ?? 10_000,
        },
        { allowPrivate: deps.allowPrivateTargets ?? false },
        deps.resolve,
      );
      status = response.status;
    } catch (error) {
      await recordAlertDelivery(em, alert.id, { error: (error as Error).message });
      // A refused target stays refused on every retry, until the URL or the setting changes.
      if (error instanceof WebhookTargetRefused) throw new UnrecoverableError(error.message);
      throw error;
    }
    if (status >= 200 && status < 300) {
      await recordAlertDelivery(em, alert.id, { deliveredAt: deps.now?.() ?? new Date() });
      return { delivered: true, status };
    }
    if (status >= 300 && status < 400) {
      const message = `The webhook answered ${status}, a redirect; redirects are not followed (set the final URL as alertWebhookUrl).`;
      await recordAlertDelivery(em, alert.id, { error: message });
      throw new UnrecoverableError(message);
    }
    await recordAlertDelivery(em, alert.id, { error: `webhook answered ${status}` });
    // 410 Gone says the endpoint will never take it; anything else may recover, so retry.
    if (status === 410) throw new UnrecoverableError('The webhook answered 410 Gone');
    throw new Error(`The webhook answered ${status}`);
  };
}
