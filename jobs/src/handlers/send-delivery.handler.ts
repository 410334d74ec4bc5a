import type { MikroORM } from '@mikro-orm/postgresql';
import { UnrecoverableError, type Job } from 'bullmq';
import { deliveryToSend, recordDeliveryAttempt } from '@persona-ops/domain/store';
import type { JobPayload } from '../contracts.ts';
import type { Mailer } from '../deliveries/smtp-mailer.ts';
import { postWebhook, WebhookTargetRefused, type ResolveHost } from '@persona-ops/domain/outbound';

/**
 * Sends one delivery (a report run's or an alert's message to one recipient) by e-mail or to a
 * Slack-compatible webhook (`{"text": …}`, as Slack's incoming webhooks take it). Every attempt is
 * recorded on the delivery; a failure throws so BullMQ retries it with backoff, and the last
 * attempt's failure is recorded as failed with its reason. A Slack target gets the alert webhook's
 * protections (postWebhook: no private address unless allowed, no redirect followed).
 */
export function sendDeliveryHandler(deps: { orm: MikroORM; mailer: Mailer | null; allowPrivateTargets?: boolean; timeoutMs?: number; resolve?: ResolveHost; now?: () => Date }) {
  return async (payload: JobPayload<'send-delivery'>, job: Job) => {
    const em = deps.orm.em.fork();
    const delivery = await deliveryToSend(em, payload.deliveryId);
    if (!delivery) throw new UnrecoverableError(`Delivery ${payload.deliveryId} does not exist`);
    if (delivery.outcome === 'sent' || delivery.outcome === 'failed') return { sent: false, reason: `already ${delivery.outcome}` };

    try {
      if (delivery.channel === 'email') {
        if (!deps.mailer) throw new UnrecoverableError('E-mail is not configured: set SMTP_URL and SMTP_FROM for the job workers.');
        await deps.mailer.send({
          to: delivery.recipient,
          subject: delivery.subject,
          text: delivery.text,
          attachment: delivery.attachment && { ...delivery.attachment, contentType: 'application/pdf' },
        });
      } else {
        if (!delivery.webhookUrl) throw new UnrecoverableError('The Slack webhook was removed before the message was sent.');
        const body = JSON.stringify({ text: `*${delivery.subject}*\n${delivery.text}` });
        const { status } = await postWebhook(delivery.webhookUrl, { headers: { 'content-type': 'application/json' }, body, timeoutMs: deps.timeoutMs ?? 10_000 }, { allowPrivate: deps.allowPrivateTargets ?? false }, deps.resolve);
        if (status >= 300 && status < 400) throw new UnrecoverableError(`The Slack webhook answered ${status}, a redirect; redirects are not followed (set the final URL).`);
        if (status === 404 || status === 410) throw new UnrecoverableError(`The Slack webhook answered ${status}: it no longer exists.`);
        if (status < 200 || status >= 300) throw new Error(`The Slack webhook answered ${status}.`);
      }
    } catch (error) {
      // A refused target stays refused until the URL or the setting changes: no retry.
      const cause = error instanceof WebhookTargetRefused ? new UnrecoverableError(error.message) : (error as Error);
      const final = cause instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      await recordDeliveryAttempt(em, delivery.id, { error: cause.message, final });
      throw cause;
    }
    await recordDeliveryAttempt(em, delivery.id, { sentAt: deps.now?.() ?? new Date() });
    return { sent: true, channel: delivery.channel };
  };
}
