import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOpenAiClassifier } from '../../jobs/src/classifiers/openai/index.ts';
import { smtpMailer, type Mailer } from '../../jobs/src/deliveries/smtp-mailer.ts';
import type { ApiBody } from '../support/api-harness.ts';
import { startFakeOpenAi, type FakeOpenAi } from '../support/fake-openai/fake-openai-server.ts';
import { readMail, startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { startPipeline, postSpikeComments } from './pipeline-harness.ts';

// A brand-safety spike goes by e-mail and to a Slack-compatible webhook when the workspace names
// them (no signed webhook set): one delivery per recipient, recorded like a report's, with the
// alert's figures in the message.
const redisUrl = inject('redisUrl');

describe.skipIf(!redisUrl)('brand-safety alerts by e-mail and Slack', () => {
  let pipeline: Awaited<ReturnType<typeof startPipeline>>;
  let openai: FakeOpenAi;
  let smtp: SmtpSink;
  let mailer: Mailer;
  let slack: Server;
  const slackBodies: string[] = [];

  beforeAll(async () => {
    // The Slack webhook listens on 127.0.0.1: a private target, allowed only with ALERT_WEBHOOK_ALLOW_PRIVATE.
    pipeline = await startPipeline({ alertWebhookAllowPrivate: true });
    openai = await startFakeOpenAi();
    smtp = await startSmtpSink();
    mailer = smtpMailer({ url: smtp.url, from: 'Persona Ops <alerts@persona.test>', timeoutMs: 5_000 });
    slack = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        slackBodies.push(body);
        response.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => slack.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    slack.close();
    mailer.close();
    await smtp.close();
    await openai.close();
    await pipeline.harness.close();
  });

  it('e-mails the spike to the alert recipients and posts it to Slack, each send recorded', async () => {
    const slackUrl = `http://127.0.0.1:${(slack.address() as AddressInfo).port}/services/T/B/alerts`;
    const settings = await pipeline.harness.admin.patch('/v1/workspace', { alertEmailRecipients: ['safety@a.test', 'cmo@a.test'], alertSlackWebhookUrl: slackUrl });
    expect(settings.status, JSON.stringify(settings.body)).toBe(200);
    expect(settings.body).toMatchObject({ alertEmailRecipients: ['safety@a.test', 'cmo@a.test'], alertSlackWebhookUrl: slackUrl, alertWebhookConfigured: false });
    // Another role sees neither (the URL is a credential).
    const executive = await pipeline.harness.userWithRole('executive');
    expect((await executive.get('/v1/workspace')).body).toMatchObject({ alertEmailRecipients: null, alertSlackWebhookUrl: null });
    // A metadata address is refused even where private targets are allowed.
    const refused = await pipeline.harness.admin.patch('/v1/workspace', { alertSlackWebhookUrl: 'http://169.254.169.254/latest' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].field).toBe('body.alertSlackWebhookUrl');

    await postSpikeComments(pipeline);

    const classifier = createOpenAiClassifier({ apiKey: 'k', baseURL: openai.baseURL, batchSize: 50, timeoutMs: 2_000, maxRetries: 0 });
    const runner = await pipeline.startRunner({ kind: 'redis', url: redisUrl!, namespace: pipeline.namespace }, classifier, {
      jobOptions: { attempts: 3, backoff: { type: 'fixed', delay: 200 }, removeOnComplete: true },
      batchSize: 100,
      mailer,
    });
    try {
      const deliveries = async () => (await pipeline.harness.admin.get('/v1/report-deliveries')).body.items as ApiBody[];
      await pipeline.waitUntil(async () => (await deliveries()).filter((d) => d.outcome === 'sent').length === 3, 45_000, 'the alert e-mails and the Slack message');
      const [alert] = (await pipeline.harness.admin.get('/v1/alerts')).body.items;
      expect(alert).toMatchObject({ metric: 'negative_share', share: 80, comments: 30 });
      // Only the signed webhook's attempts count on the alert; none is set.
      expect(alert.delivery.attempts).toBe(0);

      const recorded = await deliveries();
      expect(recorded.map((d) => `${d.channel} ${d.recipient}`).sort()).toEqual(['email cmo@a.test', 'email safety@a.test', `slack ${new URL(slackUrl).host}`]);
      for (const delivery of recorded) expect(delivery).toMatchObject({ alertId: alert.id, scheduleId: null, runKey: `alert-${alert.id}`, outcome: 'sent', attempts: 1, error: null });
      expect((await pipeline.harness.admin.get(`/v1/report-deliveries?alertId=${alert.id}`)).body.items).toHaveLength(3);

      const mails = smtp.received.map((mail) => ({ to: mail.to, ...readMail(mail.raw) }));
      expect(mails.map((mail) => mail.to[0]).sort()).toEqual(['cmo@a.test', 'safety@a.test']);
      const baseline = alert.baselineMean.toFixed(1);
      for (const mail of mails) {
        expect(mail.subject).toBe(`Brand-safety spike: Léa Nova, negative comments at 80.0 % on ${alert.day}`);
        expect(mail.text).toContain(`Léa Nova: negative comments were 80.0 % of the 30 comments posted on ${alert.day} (UTC),`);
        expect(mail.text).toContain(`against a trailing baseline of ${baseline} %.`);
        expect(mail.attachments).toHaveLength(0);
      }
      expect(baseline).toBe('16.7');
      expect(slackBodies).toHaveLength(1);
      const payload = JSON.parse(slackBodies[0]!);
      expect(payload.text).toContain(`*Brand-safety spike: Léa Nova, negative comments at 80.0 % on ${alert.day}*`);
      expect(payload.text).toContain('of the 30 comments');

      // Other workspaces see none of it.
      const other = await pipeline.harness.newWorkspace('Other brand');
      expect((await other.admin.get('/v1/report-deliveries')).body.items).toEqual([]);
    } finally {
      await runner.close();
    }
  }, 60_000);
});
