import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deliverAlertHandler } from '../../jobs/src/handlers/deliver-alert.handler.ts';
import { startTestApp } from '../support/api-harness.ts';

// The alert webhook must not turn the product into a port scanner of its own network: private,
// loopback, link-local and metadata targets are refused when saved and after DNS resolution at
// delivery, the connection goes to the checked address, redirects are not followed and URLs carry
// no credentials. Private targets only with ALERT_WEBHOOK_ALLOW_PRIVATE.
describe('alert webhook targets', () => {
  let harness: Awaited<ReturnType<typeof startTestApp>>;
  let server: Server;
  let port: number;
  const received: Array<{ url: string; host: string }> = [];
  let answer: (request: IncomingMessage) => { status: number; location?: string } = () => ({ status: 204 });
  let alertId: string;

  beforeAll(async () => {
    harness = await startTestApp();
    server = createServer((request, response) => {
      received.push({ url: request.url ?? '', host: String(request.headers.host) });
      request.resume();
      const { status, location } = answer(request);
      response.writeHead(status, location ? { location } : {}).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    const source = await harness.admin.post('/v1/sources', { kind: 'ai_character', name: 'Léa Nova' });
    const [row] = await harness.orm.em.fork().getConnection().execute<Array<{ id: string }>>(
      `insert into alert (id, created_at, updated_at, workspace_id, source_id, metric, day, share, baseline_mean, baseline_sd, comments, detected_at)
       values (gen_random_uuid(), now(), now(), ?, ?, 'negative_share', '2026-11-30', 80, 16, 3, 30, now()) returning id`,
      [harness.workspaceId, source.body.id],
    );
    alertId = row!.id;
  });
  afterAll(async () => {
    server.close();
    await harness.close();
  });
  beforeEach(async () => {
    received.length = 0;
    answer = () => ({ status: 204 });
    await sql(`update alert set delivered_at = null, delivery_attempts = 0, last_delivery_error = null`);
  });

  const sql = (text: string, params: unknown[] = []) => harness.orm.em.fork().getConnection().execute(text, params);
  // As if saved before this check existed, or through a name whose DNS answer changed since.
  const storeUrl = (url: string) => sql(`update workspace set alert_webhook_url = ?, alert_webhook_secret = 'a-very-long-shared-secret' where id = ?`, [url, harness.workspaceId]);
  const lastError = async () => (await harness.admin.get('/v1/alerts')).body.items[0].delivery.lastError as string | null;

  describe('when saved', () => {
    it.each([
      'http://127.0.0.1:6379/',
      'http://0x7f000001/',
      'http://2130706433/',
      'http://[::1]:5432/',
      'http://localhost:3000/',
      'http://10.0.0.5/',
      'http://192.168.1.1/',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::ffff:7f00:1]/',
      'https://user:password@hooks.example.com/',
    ])('refuses %s (400 naming body.alertWebhookUrl)', async (url) => {
      const response = await harness.admin.patch('/v1/workspace', { alertWebhookUrl: url, alertWebhookSecret: 'a-very-long-shared-secret' });
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(response.body.errors).toEqual([{ field: 'body.alertWebhookUrl', message: expect.stringMatching(/^(may not point at|must not carry credentials)/) }]);
    });

    it('takes a public URL', async () => {
      const response = await harness.admin.patch('/v1/workspace', { alertWebhookUrl: 'https://hooks.example.com/brand-safety', alertWebhookSecret: 'a-very-long-shared-secret' });
      expect(response.status).toBe(200);
      expect(response.body.alertWebhookUrl).toBe('https://hooks.example.com/brand-safety');
    });

    it('takes a private URL when the API is started with the explicit setting', async () => {
      const lenient = await startTestApp({ alertWebhookAllowPrivate: true });
      try {
        const response = await lenient.admin.patch('/v1/workspace', { alertWebhookUrl: `http://127.0.0.1:${port}/hook`, alertWebhookSecret: 'a-very-long-shared-secret' });
        expect(response.status).toBe(200);
        const metadata = await lenient.admin.patch('/v1/workspace', { alertWebhookUrl: 'http://169.254.169.254/' });
        expect(metadata.status).toBe(400);
      } finally {
        await lenient.close();
      }
    });
  });

  describe('when delivered', () => {
    const deliver = (options: { allowPrivate?: boolean; resolveTo?: string } = {}) =>
      deliverAlertHandler({
        orm: harness.orm,
        timeoutMs: 2_000,
        allowPrivateTargets: options.allowPrivate ?? false,
        resolve: async () => [{ address: options.resolveTo ?? '127.0.0.1', family: (options.resolveTo ?? '').includes(':') ? 6 : 4 }],
      })({ alertId });

    it('refuses a host name that resolves to a loopback address, without connecting', async () => {
      await storeUrl(`http://hooks.example.test:${port}/hook`);
      const attempt = deliver({ resolveTo: '127.0.0.1' });
      await expect(attempt).rejects.toMatchObject({ name: 'UnrecoverableError' });
      await expect(attempt).rejects.toThrow(/hooks\.example\.test resolves to 127\.0\.0\.1, a loopback address/);
      expect(received).toHaveLength(0);
      expect(await lastError()).toMatch(/resolves to 127\.0\.0\.1, a loopback address/);
    });

    it.each(['10.1.2.3', '169.254.169.254', '::1', '::ffff:127.0.0.1', 'fd00:ec2::254'])('refuses a name resolving to %s', async (address) => {
      await storeUrl(`http://hooks.example.test:${port}/hook`);
      await expect(deliver({ resolveTo: address })).rejects.toMatchObject({ name: 'UnrecoverableError' });
      expect(received).toHaveLength(0);
    });

    it.each(['http://0x7f000001:PORT/hook', 'http://2130706433:PORT/hook', 'http://[::1]:PORT/hook', 'http://user:pw@127.0.0.1:PORT/hook'])('refuses a stored %s', async (template) => {
      await storeUrl(template.replace('PORT', String(port)));
      await expect(deliver()).rejects.toMatchObject({ name: 'UnrecoverableError' });
      expect(received).toHaveLength(0);
      expect(await lastError()).toMatch(/may not point at|must not carry credentials/);
    });

    it('connects to the address it checked, whatever DNS answers later (no rebinding)', async () => {
      // The name does not exist in DNS: the delivery can only arrive through the pinned address.
      await storeUrl(`http://rebind.example.test:${port}/hook`);
      const result = await deliver({ allowPrivate: true, resolveTo: '127.0.0.1' });
      expect(result).toEqual({ delivered: true, status: 204 });
      expect(received).toEqual([{ url: '/hook', host: `rebind.example.test:${port}` }]);
    });

    it('never follows a redirect: a 3xx is a failed delivery saying so', async () => {
      answer = (request) => (request.url === '/hook' ? { status: 302, location: `http://127.0.0.1:${port}/elsewhere` } : { status: 204 });
      await storeUrl(`http://127.0.0.1:${port}/hook`);
      await expect(deliver({ allowPrivate: true })).rejects.toThrow(/answered 302, a redirect; redirects are not followed/);
      expect(received.map((r) => r.url)).toEqual(['/hook']);
      expect(await lastError()).toMatch(/redirects are not followed/);
      const rows = await sql(`select delivered_at from alert where id = ?`, [alertId]);
      expect(rows).toEqual([{ delivered_at: null }]);
    });

    it('delivers to a private target with the explicit setting', async () => {
      await storeUrl(`http://127.0.0.1:${port}/hook`);
      expect(await deliver({ allowPrivate: true })).toEqual({ delivered: true, status: 204 });
      expect(received).toHaveLength(1);
    });
  });
});
