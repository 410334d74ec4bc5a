import type { EntityManager } from '@mikro-orm/postgresql';
import type { DeliveryChannel } from '../../core/report-schedule.ts';
import { ReportDelivery } from '../entities/report-delivery.entity.ts';
import { query } from './sql.ts';

export type DeliveryMessage = {
  channel: DeliveryChannel;
  recipient: string;
  subject: string;
  text: string;
  attachment?: { name: string; content: Buffer } | undefined;
  // Recorded as failed with this reason, not sent (a run whose report could not be rendered).
  failure?: string | undefined;
};

/**
 * Stores a run's messages, one per recipient, once: a run rendered again (a retried job) finds its
 * deliveries by run key and adds only the missing ones. Returns the deliveries still to send.
 */
export async function recordRunDeliveries(
  em: EntityManager,
  run: { workspaceId: string; scheduleId?: string; alertId?: string; runKey: string },
  messages: DeliveryMessage[],
): Promise<string[]> {
  const existing = await em.find(ReportDelivery, { workspace: run.workspaceId, runKey: run.runKey });
  const known = new Set(existing.map((delivery) => `${delivery.channel} ${delivery.recipient}`));
  for (const message of messages) {
    if (known.has(`${message.channel} ${message.recipient}`)) continue;
    known.add(`${message.channel} ${message.recipient}`);
    em.create(ReportDelivery, {
      workspace: run.workspaceId,
      schedule: run.scheduleId ?? null,
      alert: run.alertId ?? null,
      runKey: run.runKey,
      channel: message.channel,
      recipient: message.recipient,
      outcome: message.failure ? 'failed' : 'pending',
      error: message.failure ?? null,
      subject: message.subject,
      text: message.text,
      attachment: message.attachment?.content ?? null,
      attachmentName: message.attachment?.name ?? null,
    });
  }
  await em.flush();
  const all = await em.find(ReportDelivery, { workspace: run.workspaceId, runKey: run.runKey, outcome: { $in: ['pending', 'retrying'] } }, { fields: ['id'], orderBy: { createdAt: 'asc', id: 'asc' } });
  return all.map((delivery) => delivery.id);
}

export type DeliveryToSend = {
  id: string;
  workspaceId: string;
  channel: DeliveryChannel;
  recipient: string;
  outcome: string;
  subject: string;
  text: string;
  attachment: { name: string; content: Buffer } | null;
  // The Slack-compatible webhook, read now from the schedule or the workspace (it may have changed or gone).
  webhookUrl: string | null;
};

export async function deliveryToSend(em: EntityManager, deliveryId: string): Promise<DeliveryToSend | null> {
  const delivery = await em.findOne(ReportDelivery, { id: deliveryId }, { populate: ['attachment', 'schedule', 'workspace'] });
  if (!delivery) return null;
  const webhookUrl = delivery.channel !== 'slack' ? null : delivery.alert ? (delivery.workspace.alertSlackWebhookUrl ?? null) : (delivery.schedule?.slackWebhookUrl ?? null);
  return {
    id: delivery.id,
    workspaceId: delivery.workspace.id,
    channel: delivery.channel,
    recipient: delivery.recipient,
    outcome: delivery.outcome,
    subject: delivery.subject,
    text: delivery.text,
    attachment: delivery.attachment && delivery.attachmentName ? { name: delivery.attachmentName, content: Buffer.from(delivery.attachment) } : null,
    webhookUrl,
  };
}

/**
 * One attempt's outcome: sent, or failed with its reason (`final` when no retry follows). A final
 * outcome drops the attachment: the PDF is the report's, readable from the API at any time.
 */
export async function recordDeliveryAttempt(em: EntityManager, deliveryId: string, result: { sentAt: Date } | { error: string; final: boolean }): Promise<void> {
  if ('sentAt' in result) {
    await query(em, `update report_delivery set outcome = 'sent', sent_at = ?, attempts = attempts + 1, error = null, attachment = null, updated_at = ? where id = ?`, [result.sentAt, result.sentAt, deliveryId]);
  } else {
    await query(em, `update report_delivery set outcome = ?, attempts = attempts + 1, error = ?, attachment = case when ? then null else attachment end, updated_at = now() where id = ?`, [result.final ? 'failed' : 'retrying', result.error.slice(0, 2000), result.final, deliveryId]);
  }
}
