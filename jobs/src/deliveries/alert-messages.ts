import type { EntityManager } from '@mikro-orm/postgresql';
import { alertForDelivery, recordRunDeliveries, type AlertForDelivery, type DeliveryMessage } from '@persona-ops/domain/store';
import type { Enqueue } from '../contracts.ts';

const metricNames: Record<string, string> = { negative_share: 'negative comments', flagged_share: 'flagged comments' };

const percent = (value: number) => `${value.toFixed(1)} %`;

/** The alert as a short message: which character, which measure, how far above its baseline. */
export function alertMessage(alert: AlertForDelivery): { subject: string; text: string } {
  const measure = metricNames[alert.metric] ?? alert.metric;
  return {
    subject: `Brand-safety spike: ${alert.sourceName}, ${measure} at ${percent(alert.share)} on ${alert.day}`,
    text: [
      `${alert.sourceName}: ${measure} were ${percent(alert.share)} of the ${alert.comments} comments posted on ${alert.day} (UTC),`,
      `against a trailing baseline of ${percent(alert.baselineMean)}.`,
      `Detected ${alert.detectedAt.toISOString()}. The comments: GET /v1/comments?sourceId=${alert.sourceId}`,
    ].join('\n'),
  };
}

/**
 * Queues a new alert's e-mails and Slack message (the workspace's alert recipients), recorded as
 * deliveries like a scheduled report's; the signed webhook keeps its own job (deliver-alert).
 */
export async function queueAlertMessages(em: EntityManager, alertId: string, enqueue: Enqueue): Promise<number> {
  const alert = await alertForDelivery(em, alertId);
  if (!alert || (alert.emailRecipients.length === 0 && !alert.slackWebhookUrl)) return 0;
  const message = alertMessage(alert);
  const messages: DeliveryMessage[] = [
    ...alert.emailRecipients.map((recipient) => ({ channel: 'email' as const, recipient, ...message })),
    ...(alert.slackWebhookUrl ? [{ channel: 'slack' as const, recipient: new URL(alert.slackWebhookUrl).host, ...message }] : []),
  ];
  const pending = await recordRunDeliveries(em, { workspaceId: alert.workspaceId, alertId: alert.id, runKey: `alert-${alert.id}` }, messages);
  for (const deliveryId of pending) await enqueue('send-delivery', { deliveryId });
  return pending.length;
}
