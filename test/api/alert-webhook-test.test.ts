import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '@persona-ops/domain/outbound';
import { startTestApp } from '../support/api-harness.ts';

// "Send test" for the alert webhook: a signed message to a real local receiver, and what the admin
// is told when it cannot arrive.
let harness: Awaited<ReturnType<typeof startTestApp>>;
let receiver: Server;
let receiverUrl: string;
let answerWith = 204;
const received: Array<{ body: string; timestamp: number; signature: string }> = [];
const secret = 'a-test-secret-of-enough-length';

beforeAll(async () => {
  receiver = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ body, timestamp: Number(request.headers['x-persona-ops-timestamp']), signature: String(request.headers['x-persona-ops-signature']) });
      response.writeHead(answerWith, answerWith === 302 ? { location: 'http://127.0.0.1:1/elsewhere' } : {}).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/persona-ops`;
  harness = await startTestApp({ alertWebhookAllowPrivate: true });
});
afterAll(async () => {
  await harness.close();
  await new Promise((resolve) => receiver.close(resolve));
});

describe('POST /v1/workspace/alert-webhook/test', () => {
  it('says there is nothing to test before a webhook is set', async () => {
    const response = await harness.admin.post('/v1/workspace/alert-webhook/test');
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'conflict', errors: [{ field: 'alertWebhookUrl' }] });
  });

  it('delivers a signed test message the receiver can verify and tell from an alert', async () => {
    expect((await harness.admin.patch('/v1/workspace', { alertWebhookUrl: receiverUrl, alertWebhookSecret: secret })).status).toBe(200);
    const response = await harness.admin.post('/v1/workspace/alert-webhook/test');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ delivered: true, status: 204, error: null });
    const last = received.at(-1)!;
    expect(JSON.parse(last.body)).toMatchObject({ type: 'test', workspace: { name: 'Brand A' } });
    expect(verifyWebhook(secret, last.body, last.timestamp, last.signature, Math.floor(Date.now() / 1000))).toBe(true);
  });

  it('reports a refusing receiver and a redirect as not delivered, with the reason, never following it', async () => {
    answerWith = 500;
    expect((await harness.admin.post('/v1/workspace/alert-webhook/test')).body).toMatchObject({ delivered: false, status: 500, error: 'The webhook answered 500.' });
    answerWith = 302;
    const redirected = await harness.admin.post('/v1/workspace/alert-webhook/test');
    expect(redirected.body).toMatchObject({ delivered: false, status: 302, error: expect.stringContaining('redirects are not followed') });
    answerWith = 204;
  });

  it('is refused by the outbound rules like an alert: a private address without the setting is not reached', async () => {
    const strict = await startTestApp();
    try {
      // Stored while private targets were allowed (an operator who turned the setting off since).
      await strict.orm.em.getConnection().execute('update workspace set alert_webhook_url = ?, alert_webhook_secret = ?', [receiverUrl, secret]);
      const before = received.length;
      const response = await strict.admin.post('/v1/workspace/alert-webhook/test');
      expect(response.body).toMatchObject({ delivered: false, status: null, error: expect.stringContaining('127.0.0.1') });
      expect(received.length).toBe(before);
    } finally {
      await strict.close();
    }
  });

  it('is for admins only', async () => {
    const studio = await harness.userWithRole('studio');
    expect((await studio.post('/v1/workspace/alert-webhook/test')).status).toBe(403);
  });
});
