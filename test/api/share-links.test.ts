import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client } from '../support/api-harness.ts';

let harness: Awaited<ReturnType<typeof startTestApp>>;
let client: Client;
let campaign: string;

const sql = (text: string, params: unknown[] = []) => harness.orm.em.getConnection().execute(text, params);
// The shared report is opened without any key.
const open = (token: string) => harness.app.inject({ method: 'GET', url: `/v1/shared/campaign-report/${token}` });
const UNKNOWN = 'This share link does not work: it may be mistyped, expired or revoked. Ask the person who shared it for a new one.';

async function share(c: Client, campaignId: string, body: unknown = {}) {
  const response = await c.post(`/v1/reports/campaign/${campaignId}/share-links`, body);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

beforeAll(async () => {
  harness = await startTestApp();
  client = harness.admin;
  const lea = (await client.post('/v1/sources', { kind: 'ai_character', name: 'Léa Nova' })).body.id;
  campaign = (await client.post('/v1/campaigns', { name: 'Spring launch', goal: 'awareness', startsOn: '2026-03-01', endsOn: '2026-03-31', currency: 'USD', targetAction: 'follow', trackingKeywords: ['#Lea'] })).body.id;
  const brief = (await client.post('/v1/briefs', { campaignId: campaign, sourceId: lea, title: 'b', openedAt: '2026-02-01T00:00:00Z' })).body.id;
  const asset = (await client.post('/v1/assets', { briefId: brief, title: 'a', kind: 'image', tool: 'gen', currency: 'USD', productionHours: 0, draftedAt: '2026-02-01T00:00:00Z' })).body.id;
  await client.post(`/v1/assets/${asset}/submit`, { submittedAt: '2026-02-01T00:00:00Z' });
  await client.post(`/v1/assets/${asset}/reviews`, { decision: 'approve', decidedAt: '2026-02-01T00:00:00Z' });
  const post = (await client.post(`/v1/assets/${asset}/publish`, { channel: 'instagram', url: 'https://i.example/p', aiLabelApplied: true, publishedAt: '2026-03-05T10:00:00Z' })).body.post.id;
  await client.post('/v1/metric-snapshots/bulk', { snapshots: [{ postId: post, capturedAt: '2026-03-06T00:00:00Z', reach: 12_000, impressions: 20_000, likes: 300 }] });
});
afterAll(() => harness.close());

describe('share links', () => {
  it('issues a link whose token is shown once and stored only as its SHA-256', async () => {
    const before = Date.now();
    const link = await share(client, campaign);
    expect(link).toMatchObject({ campaignId: campaign, status: 'active', revokedAt: null, lastViewedAt: null, createdBy: { name: 'Admin A' } });
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // No PUBLIC_URL in this app: the dashboard's path, relative.
    expect(link.url).toBe(`/shared/${link.token}`);
    // Default: 7 days.
    const expires = Date.parse(link.expiresAt);
    expect(expires - before).toBeGreaterThanOrEqual(7 * 86_400_000 - 1_000);
    expect(expires - Date.now()).toBeLessThanOrEqual(7 * 86_400_000);
    const [stored] = await sql('select * from share_link where id = ?', [link.id]);
    if (!stored) throw new Error('the link is not stored');
    expect(stored.token_hash).toBe(createHash('sha256').update(link.token).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(link.token);
    // Never listed again.
    const listed = await client.get(`/v1/share-links?campaignId=${campaign}`);
    expect(listed.body.items.find((item: { id: string }) => item.id === link.id)).toEqual({ ...link, token: undefined, url: undefined });
    expect(JSON.stringify(listed.body)).not.toContain(link.token);
  });

  it('takes 1 to 90 days', async () => {
    const link = await share(client, campaign, { expiresInDays: 90 });
    expect(Date.parse(link.expiresAt) - Date.parse(link.createdAt)).toBeGreaterThan(89.9 * 86_400_000);
    for (const expiresInDays of [0, 91, 1.5]) {
      const response = await client.post(`/v1/reports/campaign/${campaign}/share-links`, { expiresInDays });
      expect(response.status).toBe(400);
      expect(response.body.errors[0].field).toBe('body.expiresInDays');
    }
  });

  it('opens the campaign report without an API key, never cached nor indexed, and records the view', async () => {
    const link = await share(client, campaign);
    const response = await open(link.token);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-robots-tag']).toBe('noindex');
    const shared = response.json();
    const report = (await client.get(`/v1/reports/campaign/${campaign}`)).body;
    expect({ ...shared, generatedAt: undefined }).toEqual({ ...report, generatedAt: undefined });
    expect(shared.reach.reach).toEqual({ value: 12_000, posts: 1 });
    const listed = (await client.get(`/v1/share-links?campaignId=${campaign}`)).body.items.find((item: { id: string }) => item.id === link.id);
    expect(Date.parse(listed.lastViewedAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('answers the same 404 for an unknown, an expired and a revoked link', async () => {
    const unknown = await open('not-a-real-token-at-all');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'not_found', detail: UNKNOWN });
    expect(unknown.headers['cache-control']).toBe('no-store');
    expect(unknown.headers['x-robots-tag']).toBe('noindex');

    const expiring = await share(client, campaign, { expiresInDays: 1 });
    expect((await open(expiring.token)).statusCode).toBe(200);
    await sql(`update share_link set expires_at = now() - interval '1 second' where id = ?`, [expiring.id]);
    const expired = await open(expiring.token);
    expect(expired.statusCode).toBe(404);
    expect(expired.json()).toMatchObject({ code: 'not_found', detail: UNKNOWN });
    expect((await client.get(`/v1/share-links?campaignId=${campaign}`)).body.items.find((item: { id: string }) => item.id === expiring.id).status).toBe('expired');

    const revoking = await share(client, campaign);
    const revoked = await client.delete(`/v1/share-links/${revoking.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: revoking.id, status: 'revoked' });
    const gone = await open(revoking.token);
    expect(gone.statusCode).toBe(404);
    expect(gone.json()).toMatchObject({ code: 'not_found', detail: UNKNOWN });
    // Revoking again keeps the first time.
    expect((await client.delete(`/v1/share-links/${revoking.id}`)).body.revokedAt).toBe(revoked.body.revokedAt);
  });

  it('lets an admin or the creator revoke a link, nobody else', async () => {
    const studio = await harness.userWithRole('studio');
    const executive = await harness.userWithRole('executive');
    const link = await share(studio, campaign);
    expect(link.createdBy.name).toBe('studio');
    const refused = await executive.delete(`/v1/share-links/${link.id}`);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('not_share_link_creator');
    expect((await open(link.token)).statusCode).toBe(200);
    expect((await studio.delete(`/v1/share-links/${link.id}`)).status).toBe(200);
    const another = await share(executive, campaign);
    expect((await client.delete(`/v1/share-links/${another.id}`)).body.status).toBe('revoked');
  });

  it('lists the links newest first, of one campaign or all', async () => {
    const other = (await client.post('/v1/campaigns', { name: 'Other', goal: 'traffic', startsOn: '2026-04-01', endsOn: '2026-04-30', currency: 'USD', targetAction: 'visit' })).body.id;
    const link = await share(client, other);
    const ofOther = (await client.get(`/v1/share-links?campaignId=${other}`)).body.items;
    expect(ofOther.map((item: { id: string }) => item.id)).toEqual([link.id]);
    const all = (await client.get('/v1/share-links')).body.items;
    expect(all[0].id).toBe(link.id);
    expect(all.length).toBeGreaterThan(1);
  });

  it("keeps each workspace's links to itself: another workspace's ids answer 404 and its token opens only its own report", async () => {
    const b = await harness.newWorkspace('Brand B');
    const theirs = (await b.admin.post('/v1/campaigns', { name: 'Their campaign', goal: 'sales', startsOn: '2026-03-01', endsOn: '2026-03-31', currency: 'USD', targetAction: 'buy' })).body.id;
    const theirLink = await share(b.admin, theirs);
    const mine = await share(client, campaign);

    expect((await client.post(`/v1/reports/campaign/${theirs}/share-links`, {})).status).toBe(404);
    expect((await client.get(`/v1/share-links?campaignId=${theirs}`)).status).toBe(404);
    const revoke = await client.delete(`/v1/share-links/${theirLink.id}`);
    expect(revoke.status).toBe(404);
    expect(revoke.body.code).toBe('not_found');
    expect((await client.get('/v1/share-links')).body.items.map((item: { id: string }) => item.id)).not.toContain(theirLink.id);
    expect((await b.admin.delete(`/v1/share-links/${mine.id}`)).status).toBe(404);

    // Their token opens their campaign's report, nothing of this workspace's; both links still work.
    const theirReport = (await open(theirLink.token)).json();
    expect(theirReport.campaign).toMatchObject({ id: theirs, name: 'Their campaign' });
    expect(JSON.stringify(theirReport)).not.toContain(campaign);
    expect((await open(mine.token)).json().campaign.id).toBe(campaign);
    // A key of another workspace changes nothing: the token alone decides.
    const withKey = await harness.app.inject({ method: 'GET', url: `/v1/shared/campaign-report/${mine.token}`, headers: { authorization: `Bearer ${b.admin.key}` } });
    expect(withKey.json().campaign.id).toBe(campaign);
  });

  it('asks for a key on every route but the shared report', async () => {
    for (const [method, url] of [['POST', `/v1/reports/campaign/${campaign}/share-links`], ['GET', '/v1/share-links'], ['DELETE', '/v1/share-links/00000000-0000-4000-8000-000000000000']] as const) {
      expect((await harness.app.inject({ method, url, payload: method === 'POST' ? {} : undefined })).statusCode).toBe(401);
    }
  });
});

describe("a share link's URL", () => {
  // A forged Host header must never put another site in the link an admin copies and sends.
  const shareWithHost = (app: typeof harness.app, key: string, campaignId: string, host: string) =>
    app.inject({ method: 'POST', url: `/v1/reports/campaign/${campaignId}/share-links`, headers: { authorization: `Bearer ${key}`, host, 'x-forwarded-host': host }, payload: {} });

  it('is relative without PUBLIC_URL, whatever Host the request carried', async () => {
    const response = await shareWithHost(harness.app, client.key, campaign, 'evil.example');
    expect(response.statusCode, response.body).toBe(201);
    const link = response.json();
    expect(link.url).toBe(`/shared/${link.token}`);
    expect(response.body).not.toContain('evil.example');
  });

  it('is on PUBLIC_URL when it is set, whatever Host the request carried', async () => {
    const other = await startTestApp({ publicUrl: 'https://ops.example.com' });
    try {
      const own = (await other.admin.post('/v1/campaigns', { name: 'C', goal: 'awareness', startsOn: '2026-03-01', endsOn: '2026-03-31', currency: 'USD', targetAction: 'follow' })).body.id as string;
      const response = await shareWithHost(other.app, other.admin.key, own, 'evil.example');
      expect(response.statusCode, response.body).toBe(201);
      const link = response.json();
      expect(link.url).toBe(`https://ops.example.com/shared/${link.token}`);
      expect(response.body).not.toContain('evil.example');
      // The dashboard's page opens the same report the API serves for that token.
      const opened = await other.app.inject({ method: 'GET', url: `/v1/shared/campaign-report/${new URL(link.url).pathname.split('/').at(-1)}` });
      expect(opened.statusCode, opened.body).toBe(200);
    } finally {
      await other.close();
    }
  });
});
