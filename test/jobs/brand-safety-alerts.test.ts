import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOpenAiClassifier } from '../../jobs/src/classifiers/openai/index.ts';
import { verifyWebhook } from '@persona-ops/domain/outbound';
import { startFakeOpenAi, type FakeOpenAi } from '../support/fake-openai/fake-openai-server.ts';
import { startPipeline, postSpikeComments } from './pipeline-harness.ts';

// A negative spike in a character's comments raises one alert, listed at /v1/alerts and POSTed to
// the workspace's webhook, signed, with a failed delivery retried.
const redisUrl = inject('redisUrl');

describe.skipIf(!redisUrl)('brand-safety alerts', () => {
  let pipeline: Awaited<ReturnType<typeof startPipeline>>;
  let openai: FakeOpenAi;
  let webhook: Server;
  const deliveries: Array<{ body: string; signature: string; timestamp: number; answered: number }> = [];

  beforeAll(async () => {
    // The webhook below listens on 127.0.0.1: a private target, allowed only with ALERT_WEBHOOK_ALLOW_PRIVATE.
    pipeline = await startPipeline({ alertWebhookAllowPrivate: true });
    openai = await startFakeOpenAi();
    webhook = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        // The first delivery fails: the job must retry it.
        const answered = deliveries.length === 0 ? 503 : 204;
        deliveries.push({ body, signature: String(request.headers['x-persona-ops-signature']), timestamp: Number(request.headers['x-persona-ops-timestamp']), answered });
        response.writeHead(answered).end();
      });
    });
    await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    webhook.close();
    await openai.close();
    await pipeline.harness.close();
  });

  it('raises one alert for the spike day and delivers it, signed, after a failed attempt', async () => {
    const url = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/hooks/brand-safety`;
    const settings = await pipeline.harness.admin.patch('/v1/workspace', { alertWebhookUrl: url, alertWebhookSecret: 'a-very-long-shared-secret' });
    expect(settings.status).toBe(200);
    expect(settings.body.alertWebhookSecretSet).toBe(true);

    const spikeDay = await postSpikeComments(pipeline);

    const classifier = createOpenAiClassifier({ apiKey: 'k', baseURL: openai.baseURL, batchSize: 50, timeoutMs: 2_000, maxRetries: 0 });
    const runner = await pipeline.startRunner({ kind: 'redis', url: redisUrl!, namespace: pipeline.namespace }, classifier, {
      jobOptions: { attempts: 5, backoff: { type: 'fixed', delay: 300 }, removeOnComplete: true },
      batchSize: 100,
    });
    try {
      await pipeline.waitUntil(async () => deliveries.some((d) => d.answered === 204), 45_000, 'the alert to be delivered');
      const alerts = await pipeline.harness.admin.get('/v1/alerts');
      expect(alerts.body.items).toHaveLength(1);
      const [alert] = alerts.body.items;
      expect(alert).toMatchObject({ metric: 'negative_share', day: spikeDay, share: 80, comments: 30 });
      expect(alert.baselineMean).toBeCloseTo((5 / 30) * 100, 6);
      expect(alert.delivery.attempts).toBe(2);
      expect(alert.delivery.deliveredAt).not.toBeNull();

      expect(deliveries).toHaveLength(2);
      for (const delivery of deliveries) {
        expect(verifyWebhook('a-very-long-shared-secret', delivery.body, delivery.timestamp, delivery.signature, Math.floor(Date.now() / 1000))).toBe(true);
      }
      expect(JSON.parse(deliveries[1]!.body)).toMatchObject({ type: 'brand_safety.spike', alert: { id: alert.id, metric: 'negative_share', source: { name: 'Léa Nova' } } });
    } finally {
      await runner.close();
    }
  }, 60_000);

  it('refuses a webhook without its signing secret', async () => {
    const other = await pipeline.harness.newWorkspace('No secret');
    const response = await other.admin.patch('/v1/workspace', { alertWebhookUrl: 'https://example.test/hook' });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('body.alertWebhookSecret');
  });
});
