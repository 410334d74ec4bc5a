import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../support/api-harness.ts';

let harness: Awaited<ReturnType<typeof startTestApp>>;

beforeAll(async () => {
  harness = await startTestApp();
});
afterAll(() => harness.close());

// The API keeps looked-up keys for a few seconds (api-key-cache.ts); these are what that may not change.
describe('API keys looked up once, trusted briefly', () => {
  it('refuses a key from the request right after it was revoked, though it was just used', async () => {
    const created = await harness.admin.post('/v1/api-keys', { userId: (await harness.admin.get('/v1/users')).body.items[0].id, label: 'short-lived' });
    expect(created.status).toBe(201);
    const headers = { authorization: `Bearer ${created.body.key}` };
    expect((await harness.app.inject({ method: 'GET', url: '/v1/sources', headers })).statusCode).toBe(200);
    expect((await harness.admin.delete(`/v1/api-keys/${created.body.apiKey.id}`)).status).toBe(200);
    const after = await harness.app.inject({ method: 'GET', url: '/v1/sources', headers });
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('unknown_api_key');
  });

  it('records a key\'s last use without writing it on every request', async () => {
    const keys = async () => (await harness.admin.get('/v1/api-keys')).body.items as Array<{ id: string; lastUsedAt: string | null }>;
    const first = (await keys()).find((key) => key.lastUsedAt !== null);
    expect(first).toBeDefined();
    for (let i = 0; i < 5; i++) await harness.admin.get('/v1/sources');
    expect((await keys()).find((key) => key.id === first!.id)!.lastUsedAt).toBe(first!.lastUsedAt);
  });
});
