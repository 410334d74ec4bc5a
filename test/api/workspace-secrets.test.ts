import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client } from '../support/api-harness.ts';

// The alert webhook's URL often carries a credential (a chat tool's token in its path or query) and the secret signs deliveries: only admins, who set them, may read the URL and
// whether a secret is set; every role may know that alerts are delivered. Nobody reads the secret.

const URL_WITH_CREDENTIALS = 'https://hooks.example.com/services/T000/B000/xoxb-hunter2?token=tok-abc123';
const SECRET = 'whsec-0123456789abcdef-secret';

let harness: Awaited<ReturnType<typeof startTestApp>>;
let clients: Record<'admin' | 'studio' | 'approver' | 'executive', Client>;

beforeAll(async () => {
  harness = await startTestApp();
  clients = {
    admin: harness.admin,
    studio: await harness.userWithRole('studio'),
    approver: await harness.userWithRole('approver'),
    executive: await harness.userWithRole('executive'),
  };
});
afterAll(() => harness.close());

describe('workspace webhook settings', () => {
  it('shows the webhook URL and whether a secret is set to admins only, the secret to nobody', async () => {
    const patched = await harness.admin.patch('/v1/workspace', { alertWebhookUrl: URL_WITH_CREDENTIALS, alertWebhookSecret: SECRET });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toMatchObject({ alertWebhookUrl: URL_WITH_CREDENTIALS, alertWebhookSecretSet: true, alertWebhookConfigured: true });
    expect(JSON.stringify(patched.body)).not.toContain(SECRET);

    for (const [role, client] of Object.entries(clients)) {
      const response = await client.get('/v1/workspace');
      expect(response.status, role).toBe(200);
      const text = JSON.stringify(response.body);
      expect(text, role).not.toContain(SECRET);
      expect(response.body.alertWebhookConfigured, role).toBe(true);
      if (role === 'admin') {
        expect(response.body).toMatchObject({ alertWebhookUrl: URL_WITH_CREDENTIALS, alertWebhookSecretSet: true });
      } else {
        expect(response.body, role).toMatchObject({ alertWebhookUrl: null, alertWebhookSecretSet: null });
        for (const credential of ['hunter2', 'tok-abc123', 'hooks.example.com']) expect(text, role).not.toContain(credential);
      }
    }
  });

  it('says to every role when no webhook is configured', async () => {
    expect((await harness.admin.patch('/v1/workspace', { alertWebhookUrl: null, alertWebhookSecret: null })).status).toBe(200);
    for (const [role, client] of Object.entries(clients)) {
      const body = (await client.get('/v1/workspace')).body;
      expect(body.alertWebhookConfigured, role).toBe(false);
      expect(body.alertWebhookUrl, role).toBeNull();
      expect(body.alertWebhookSecretSet, role).toBe(role === 'admin' ? false : null);
    }
  });

  it('documents it in the schema', async () => {
    const document = (await harness.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const workspace = document.components.schemas.Workspace;
    expect(workspace.properties.alertWebhookUrl.description).toMatch(/admin/i);
    expect(workspace.properties.alertWebhookSecretSet.description).toMatch(/admin/i);
    expect(workspace.required).toContain('alertWebhookConfigured');
  });
});
