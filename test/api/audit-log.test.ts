import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepUnlinkedRows } from '@persona-ops/domain/store';
import { randomBytes } from 'node:crypto';
import { connectorSettingsOf } from '@persona-ops/domain/connectors';
import { clientFor, startTestApp, type ApiBody, type Client } from '../support/api-harness.ts';
import { multipartBody, pngOf } from '../support/png.ts';
import { startFakeYouTube, type FakeYouTube } from '../support/fake-youtube/fake-youtube-server.ts';
import { AT, bodies, DAY, ID, queries } from './operation-samples.ts';

let harness: Awaited<ReturnType<typeof startTestApp>>;
// The platform the walk connects an account on (its OAuth code flow is one of the writes).
let youtube: FakeYouTube;
let admin: Client;
let studio: Client;
let studioUserId: string;
let campaignId: string;
let sourceId: string;

const campaignBody = { name: 'Spring', goal: 'traffic', startsOn: '2026-03-01', endsOn: '2026-03-31', currency: 'USD', targetAction: 'visit' };

/** The admin's view of the audit log with these query parameters. */
async function auditLog(query = '', client: Client = admin): Promise<ApiBody[]> {
  const response = await client.get(`/v1/audit-log${query ? `?${query}` : ''}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.items;
}

/** A request sent with its own x-request-id, so the entries it left can be found. */
async function send(client: Client, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, requestId: string, payload?: { json?: unknown; csv?: string; multipart?: { payload: Buffer; headers: Record<string, string> } }) {
  const headers: Record<string, string> = { authorization: `Bearer ${client.key}`, 'x-request-id': requestId, ...payload?.multipart?.headers };
  if (payload?.csv !== undefined) headers['content-type'] = 'text/csv';
  else if (payload?.json !== undefined) headers['content-type'] = 'application/json';
  const body = payload?.multipart?.payload ?? payload?.csv ?? (payload?.json === undefined ? undefined : JSON.stringify(payload.json));
  const response = await harness.app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: body }) });
  return { status: response.statusCode, body: response.body && response.headers['content-type']?.toString().includes('json') ? response.json() : response.body, headers: response.headers };
}

beforeAll(async () => {
  // With the queues (BullMQ's PostgreSQL backend in the test's database): sending a report now enqueues.
  youtube = await startFakeYouTube();
  harness = await startTestApp({
    queues: true,
    connectors: connectorSettingsOf({
      CONNECTOR_TOKEN_KEY: randomBytes(32).toString('base64'),
      YOUTUBE_CLIENT_ID: youtube.clientId,
      YOUTUBE_CLIENT_SECRET: youtube.clientSecret,
      YOUTUBE_AUTH_URL: `${youtube.url}/o/oauth2/v2/auth`,
      YOUTUBE_TOKEN_URL: `${youtube.url}/token`,
      YOUTUBE_REVOKE_URL: `${youtube.url}/revoke`,
      YOUTUBE_API_URL: `${youtube.url}/youtube/v3`,
      YOUTUBE_ANALYTICS_URL: `${youtube.url}/v2`,
    }),
  });
  admin = harness.admin;
  const created = await admin.post('/v1/users', { email: 'studio@a.test', name: 'Studio', role: 'studio' });
  studio = clientFor(harness.app, created.body.key);
  studioUserId = created.body.user.id;
  campaignId = (await studio.post('/v1/campaigns', campaignBody)).body.id;
  sourceId = (await studio.post('/v1/sources', { kind: 'human_creator', name: 'Ana' })).body.id;
});
afterAll(async () => {
  await harness.close();
  await youtube.close();
});

describe('audit log: what an entry records', () => {
  it('records a PATCH with only the fields it changed, each before and after, and who made it', async () => {
    const response = await send(studio, 'PATCH', `/v1/campaigns/${campaignId}`, 'patch-campaign', { json: { name: 'Summer', budgetMinor: 0 } });
    expect(response.status).toBe(200);
    const [entry, ...more] = await auditLog('requestId=patch-campaign');
    expect(more).toEqual([]);
    // budgetMinor was already 0 and updatedAt is bookkeeping: only the name changed.
    expect(entry).toMatchObject({
      action: 'update',
      entityType: 'campaign',
      entityId: campaignId,
      changes: { name: { before: 'Spring', after: 'Summer' } },
      actor: { kind: 'api_key', userId: studioUserId, role: 'studio', apiKeyId: expect.any(String) },
      requestId: 'patch-campaign',
      details: null,
    });
    expect(Object.keys(entry.changes)).toEqual(['name']);
    expect(Date.now() - Date.parse(entry.createdAt)).toBeLessThan(60_000);
  });

  it('records nothing for a PATCH that changes nothing', async () => {
    expect((await send(studio, 'PATCH', `/v1/campaigns/${campaignId}`, 'patch-same', { json: { name: 'Summer' } })).status).toBe(200);
    expect(await auditLog('requestId=patch-same')).toEqual([]);
  });

  it('records a create with the values it stored and a delete with the values it removed', async () => {
    const created = await send(studio, 'POST', '/v1/cost-lines', 'create-cost', { json: { campaignId, sourceId, kind: 'creator_fee', amountMinor: 12_345, currency: 'USD', incurredOn: DAY } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const [create] = await auditLog('requestId=create-cost');
    expect(create).toMatchObject({ action: 'create', entityType: 'cost_line', entityId: created.body.id });
    expect(create.changes).toMatchObject({ unitAmountMinor: { before: null, after: 12_345 }, currency: { before: null, after: 'USD' }, incurredOn: { before: null, after: DAY }, campaign: { before: null, after: campaignId } });
    expect(create.changes).not.toHaveProperty('id');
    expect(create.changes).not.toHaveProperty('updatedAt');

    expect((await send(studio, 'DELETE', `/v1/cost-lines/${created.body.id}`, 'delete-cost')).status).toBe(200);
    const [removed] = await auditLog('requestId=delete-cost');
    expect(removed).toMatchObject({ action: 'delete', entityType: 'cost_line', entityId: created.body.id });
    expect(removed.changes).toMatchObject({ unitAmountMinor: { before: 12_345, after: null }, kind: { before: 'creator_fee', after: null } });
  });

  it('redacts secrets: the webhook secret, API key hashes and share-link tokens never reach the log', async () => {
    const secret = 'a-signing-secret-of-some-length';
    expect((await send(admin, 'PATCH', '/v1/workspace', 'set-secret', { json: { alertWebhookSecret: secret } })).status).toBe(200);
    const [entry] = await auditLog('requestId=set-secret');
    expect(entry.changes).toEqual({ alertWebhookSecret: { before: null, after: '[redacted]' } });

    const key = await send(admin, 'POST', '/v1/api-keys', 'issue-key', { json: { userId: studioUserId, label: 'ci' } });
    expect(key.status).toBe(201);
    const [issued] = await auditLog('requestId=issue-key');
    expect(issued).toMatchObject({ action: 'create', entityType: 'api_key', entityId: key.body.apiKey.id, changes: { keyHash: { before: null, after: '[redacted]' }, label: { before: null, after: 'ci' } } });

    const link = await send(admin, 'POST', `/v1/reports/campaign/${campaignId}/share-links`, 'share-secret', { json: {} });
    const everything = JSON.stringify(await auditLog('limit=200'));
    for (const leaked of [secret, key.body.key, link.body.token]) expect(everything).not.toContain(leaked);
    const [shared] = await auditLog('requestId=share-secret');
    expect(shared.changes.tokenHash).toEqual({ before: null, after: '[redacted]' });
  });

  it('records a report export (a download with an explicit format), not a dashboard read', async () => {
    expect((await send(studio, 'GET', '/v1/reports/production?format=json', 'export-json')).status).toBe(200);
    expect(await auditLog('requestId=export-json')).toMatchObject([{ action: 'export', entityType: 'report', entityId: null, actor: { userId: studioUserId }, details: { report: 'production-report', format: 'json', filters: {} } }]);

    expect((await send(studio, 'GET', '/v1/reports/production', 'read-report')).status).toBe(200);
    expect(await auditLog('requestId=read-report')).toEqual([]);

    const csv = await send(studio, 'GET', `/v1/reports/campaign/${campaignId}?format=csv&lagDays=10`, 'export-csv');
    expect(csv.status, JSON.stringify(csv.body)).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(await auditLog('requestId=export-csv')).toMatchObject([{ action: 'export', entityType: 'report', entityId: campaignId, details: { report: `campaign-report-${campaignId}`, format: 'csv', filters: { lagDays: '10' } } }]);
  });

  it('records a share link created, viewed through its token and revoked', async () => {
    const link = await send(studio, 'POST', `/v1/reports/campaign/${campaignId}/share-links`, 'share-create', { json: { expiresInDays: 3 } });
    expect(link.status).toBe(201);
    expect(await auditLog('requestId=share-create')).toMatchObject([{ action: 'create', entityType: 'share_link', entityId: link.body.id, actor: { userId: studioUserId }, changes: { campaign: { before: null, after: campaignId } } }]);

    const view = await harness.app.inject({ method: 'GET', url: `/v1/shared/campaign-report/${link.body.token}`, headers: { 'x-request-id': 'share-view' } });
    expect(view.statusCode).toBe(200);
    expect(await auditLog('requestId=share-view')).toMatchObject([{ action: 'view', entityType: 'share_link', entityId: link.body.id, actor: { kind: 'share_link', userId: null, apiKeyId: null, role: null }, details: { campaignId } }]);

    expect((await send(studio, 'DELETE', `/v1/share-links/${link.body.id}`, 'share-revoke')).status).toBe(200);
    const [revoked] = await auditLog('requestId=share-revoke');
    expect(revoked).toMatchObject({ action: 'revoke', entityType: 'share_link', entityId: link.body.id, changes: { revokedAt: { before: null, after: expect.any(String) } } });
  });

  it('records a bulk write that bypasses the unit of work as one entry with its counts', async () => {
    const response = await send(admin, 'POST', '/v1/fx-rates/bulk', 'fx-bulk', { json: { rates: [{ day: DAY, base: 'EUR', quote: 'USD', rate: 1.1 }, { day: DAY, base: 'GBP', quote: 'USD', rate: 1.3 }] } });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(await auditLog('requestId=fx-bulk')).toMatchObject([{ action: 'bulk_write', entityType: 'fx_rate', entityId: null, changes: null, details: { rows: 2, inserted: 2, updated: 0, unchanged: 0 } }]);
    // A refused batch stored nothing and leaves no entry.
    const refused = await send(admin, 'POST', '/v1/fx-rates/bulk', 'fx-refused', { json: { rates: [{ day: DAY, base: 'EUR', quote: 'USD', rate: 1.1 }, { day: DAY, base: 'EUR', quote: 'USD', rate: 1.2 }] } });
    expect(refused.status).toBe(422);
    expect(await auditLog('requestId=fx-refused')).toEqual([]);
  });
});

describe('audit log: reading it', () => {
  it('filters by actor, action, entity type and id, and a time range; newest first, page by page', async () => {
    const source = await send(studio, 'POST', '/v1/sources', 'filter-source', { json: { kind: 'studio', name: 'Filtered' } });
    await send(studio, 'PATCH', `/v1/sources/${source.body.id}`, 'filter-source-2', { json: { name: 'Filtered again' } });
    await send(admin, 'PATCH', `/v1/sources/${source.body.id}`, 'filter-source-3', { json: { name: 'By the admin' } });

    const ofSource = await auditLog(`entityType=source&entityId=${source.body.id}`);
    expect(ofSource.map((e: ApiBody) => e.requestId)).toEqual(['filter-source-3', 'filter-source-2', 'filter-source']);
    const times = ofSource.map((e: ApiBody) => Date.parse(e.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    expect((await auditLog(`entityId=${source.body.id}&actorUserId=${studioUserId}`)).map((e: ApiBody) => e.requestId)).toEqual(['filter-source-2', 'filter-source']);
    expect((await auditLog(`entityId=${source.body.id}&action=create`)).map((e: ApiBody) => e.requestId)).toEqual(['filter-source']);
    const byKey = await auditLog(`actorApiKeyId=${ofSource[0].actor.apiKeyId}&entityId=${source.body.id}`);
    expect(byKey.map((e: ApiBody) => e.requestId)).toEqual(['filter-source-3']);
    expect((await auditLog('entityType=source&action=delete'))).toEqual([]);

    // from is inclusive, to exclusive.
    const last = ofSource[0].createdAt;
    expect((await auditLog(`entityId=${source.body.id}&from=${encodeURIComponent(last)}`)).map((e: ApiBody) => e.requestId)).toEqual(['filter-source-3']);
    expect((await auditLog(`entityId=${source.body.id}&to=${encodeURIComponent(last)}`)).map((e: ApiBody) => e.requestId)).toEqual(['filter-source-2', 'filter-source']);

    const first = await admin.get(`/v1/audit-log?entityId=${source.body.id}&limit=2`);
    expect(first.body.items.map((e: ApiBody) => e.requestId)).toEqual(['filter-source-3', 'filter-source-2']);
    const second = await admin.get(`/v1/audit-log?entityId=${source.body.id}&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ items: [{ requestId: 'filter-source' }], nextCursor: null });
  });

  it('refuses a filter it does not know, naming it', async () => {
    const response = await admin.get('/v1/audit-log?entityType=planet');
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('querystring.entityType');
    expect((await admin.get('/v1/audit-log?from=yesterday')).body.errors[0].field).toBe('querystring.from');
  });

  it('is for admins only: every other role gets a 403 problem', async () => {
    for (const role of ['studio', 'approver', 'executive'] as const) {
      const client = role === 'studio' ? studio : await harness.userWithRole(role);
      const response = await harness.app.inject({ method: 'GET', url: '/v1/audit-log', headers: { authorization: `Bearer ${client.key}` } });
      expect(response.statusCode).toBe(403);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ code: 'role_not_allowed', detail: expect.stringContaining('admin') });
    }
  });

  it("never shows another workspace's entries", async () => {
    const other = await harness.newWorkspace('Brand B');
    const theirs = await send(other.admin, 'POST', '/v1/campaigns', 'their-campaign', { json: campaignBody });
    expect(theirs.status).toBe(201);
    await send(other.admin, 'PATCH', '/v1/workspace', 'their-workspace', { json: { hourlyRateMinor: 7000 } });

    expect(await auditLog('requestId=their-campaign')).toEqual([]);
    expect(await auditLog(`entityId=${theirs.body.id}`)).toEqual([]);
    expect(await auditLog(`entityId=${other.workspaceId}`)).toEqual([]);
    const ours = await auditLog('limit=200');
    expect(ours.length).toBeGreaterThan(0);
    expect(JSON.stringify(ours)).not.toContain(theirs.body.id);
    // And the other way round: their admin sees their writes only.
    const their = await auditLog('limit=200', other.admin);
    expect(their.map((e: ApiBody) => e.requestId).sort()).toEqual(['their-campaign', 'their-workspace']);
    expect(JSON.stringify(their)).not.toContain(campaignId);
  });
});

// ---------------------------------------------------------------------------------------------
// Every write operation of the OpenAPI document, sent for real (the samples of
// operation-samples.ts with real ids), must leave at least one entry for its request. An
// operation missing from the walk fails the coverage test, so no future route can skip the log.

type Ids = Record<string, string>;
type WalkStep = {
  op: string;
  url: (ids: Ids) => string;
  json?: (ids: Ids) => unknown;
  csv?: (ids: Ids) => string;
  /** A file upload (multipart/form-data). */
  multipart?: () => { payload: Buffer; headers: Record<string, string> };
  /** What to keep from the answer for later steps. */
  keep?: (body: ApiBody, ids: Ids) => void;
  /** Records only a worker makes, put in place before the step (as the import job leaves them). */
  prepare?: (ids: Ids) => Promise<void>;
};

const OPENED = '2026-02-01T00:00:00Z';
const sample = (op: string) => bodies[op]!.body!;
const withQuery = (op: string, path: string) => (queries[op]?.query ? `${path}?${queries[op].query}` : path);

// The samples name every record by the placeholder ID; each placeholder field gets the real record.
function resolved(body: Record<string, unknown>, ids: Ids): Record<string, unknown> {
  const real: Record<string, string | undefined> = { campaignId: ids['campaign'], sourceId: ids['source'], postId: ids['post'], briefId: ids['brief'], assetId: ids['asset'], userId: ids['user'], linkId: ids['link'] };
  const walk = (value: unknown, field?: string): unknown => {
    if (value === ID) {
      const id = field ? real[field] : undefined;
      if (!id) throw new Error(`the walk has no record for ${field ?? 'a placeholder'}`);
      return id;
    }
    if (Array.isArray(value)) return value.map((item) => walk(item));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, walk(item, key)]));
    return value;
  };
  return walk(body) as Record<string, unknown>;
}

const fromSample = (op: string, extra: Record<string, unknown> = {}) => (ids: Ids) => ({ ...resolved(sample(op), ids), ...extra });

async function unlinkedRow(ids: Ids, name: string, matchKey: string) {
  const em = harness.orm.em.fork();
  await keepUnlinkedRows(em, harness.workspaceId, ids['import']!, [{ line: 2, kind: 'post-metrics', platform: 'instagram', matchKey, raw: { Post: name }, parsed: { platformPostId: name, counters: { views: 10 }, capturedAt: AT }, reason: `no instagram post ${name}` }], new Date());
  const [row] = await em.getConnection().execute<Array<{ id: string }>>('select id from unlinked_import_row where match_key = ? order by created_at desc limit 1', [matchKey]);
  ids[name] = row!.id;
}

const walk: WalkStep[] = [
  { op: 'patch /v1/workspace', url: () => '/v1/workspace', json: fromSample('patch /v1/workspace') },
  // A test message to a webhook nobody listens on: not delivered, and recorded all the same.
  { op: 'post /v1/workspace/alert-webhook/test', prepare: () => setWebhook(), url: () => '/v1/workspace/alert-webhook/test' },
  { op: 'post /v1/users', url: () => '/v1/users', json: fromSample('post /v1/users', { email: 'walk@a.test' }), keep: (body, ids) => { ids['user'] = body.user.id; } },
  { op: 'post /v1/api-keys', url: () => '/v1/api-keys', json: fromSample('post /v1/api-keys'), keep: (body, ids) => { ids['apiKey'] = body.apiKey.id; } },
  { op: 'delete /v1/api-keys/{id}', url: (ids) => `/v1/api-keys/${ids['apiKey']}` },
  { op: 'post /v1/sources', url: () => '/v1/sources', json: fromSample('post /v1/sources'), keep: (body, ids) => { ids['source'] = body.id; } },
  { op: 'patch /v1/sources/{id}', url: (ids) => `/v1/sources/${ids['source']}`, json: fromSample('patch /v1/sources/{id}') },
  { op: 'post /v1/campaigns', url: () => '/v1/campaigns', json: fromSample('post /v1/campaigns', { name: 'Walk' }), keep: (body, ids) => { ids['campaign'] = body.id; } },
  { op: 'patch /v1/campaigns/{id}', url: (ids) => `/v1/campaigns/${ids['campaign']}`, json: fromSample('patch /v1/campaigns/{id}', { name: 'Walked' }) },
  { op: 'post /v1/briefs', url: () => '/v1/briefs', json: fromSample('post /v1/briefs', { openedAt: OPENED }), keep: (body, ids) => { ids['brief'] = body.id; } },
  { op: 'post /v1/assets', url: () => '/v1/assets', json: fromSample('post /v1/assets', { draftedAt: OPENED }), keep: (body, ids) => { ids['asset'] = body.id; } },
  { op: 'patch /v1/assets/{id}', url: (ids) => `/v1/assets/${ids['asset']}`, json: fromSample('patch /v1/assets/{id}') },
  { op: 'post /v1/assets/{id}/media', url: (ids) => `/v1/assets/${ids['asset']}/media`, multipart: () => multipartBody('file', 'look.png', 'image/png', pngOf(8, 8, () => [200, 120, 80])) },
  { op: 'post /v1/assets/{id}/submit', url: (ids) => `/v1/assets/${ids['asset']}/submit`, json: fromSample('post /v1/assets/{id}/submit', { submittedAt: OPENED }) },
  { op: 'post /v1/assets/{id}/reviews', url: (ids) => `/v1/assets/${ids['asset']}/reviews`, json: fromSample('post /v1/assets/{id}/reviews', { decidedAt: OPENED }) },
  { op: 'post /v1/assets/{id}/publish', url: (ids) => `/v1/assets/${ids['asset']}/publish`, json: fromSample('post /v1/assets/{id}/publish', { publishedAt: '2026-02-15T00:00:00Z' }), keep: (body, ids) => { ids['post'] = body.post.id; } },
  { op: 'post /v1/assets/{id}/paid-reuse', url: (ids) => `/v1/assets/${ids['asset']}/paid-reuse`, json: fromSample('post /v1/assets/{id}/paid-reuse', { url: 'https://i.example/paid', publishedAt: '2026-02-16T00:00:00Z' }) },
  { op: 'post /v1/comments', url: () => '/v1/comments', json: fromSample('post /v1/comments') },
  { op: 'post /v1/comments/bulk', url: () => '/v1/comments/bulk', json: (ids) => ({ comments: [{ ...resolved(sample('post /v1/comments'), ids), platformCommentId: 'c2' }] }) },
  { op: 'post /v1/metric-snapshots/bulk', url: () => '/v1/metric-snapshots/bulk', json: fromSample('post /v1/metric-snapshots/bulk') },
  { op: 'post /v1/follower-snapshots/bulk', url: () => '/v1/follower-snapshots/bulk', json: fromSample('post /v1/follower-snapshots/bulk') },
  { op: 'post /v1/audience-breakdowns/bulk', url: () => '/v1/audience-breakdowns/bulk', json: fromSample('post /v1/audience-breakdowns/bulk') },
  { op: 'post /v1/imports/comments', url: () => '/v1/imports/comments', csv: (ids) => `Post ID,Comment ID,Comment,Timestamp\n${ids['post']},c3,hi,${AT}\n` },
  { op: 'post /v1/imports/post-metrics', url: () => withQuery('post /v1/imports/post-metrics', '/v1/imports/post-metrics'), csv: () => 'Content,Views\nSome video,10\n', keep: (body, ids) => { ids['import'] = body.id; } },
  { op: 'post /v1/imports/conversions', url: () => withQuery('post /v1/imports/conversions', '/v1/imports/conversions'), csv: () => 'Day,Discount code,Orders\n2026-03-01,NOBODY,1\n' },
  { op: 'post /v1/imports/unlinked/{id}/resolve', prepare: (ids) => unlinkedRow(ids, 'row-one', 'post:one'), url: (ids) => `/v1/imports/unlinked/${ids['row-one']}/resolve`, json: fromSample('post /v1/imports/unlinked/{id}/resolve') },
  { op: 'post /v1/imports/unlinked/resolve', prepare: (ids) => unlinkedRow(ids, 'row-two', 'post:x'), url: () => '/v1/imports/unlinked/resolve', json: fromSample('post /v1/imports/unlinked/resolve') },
  { op: 'post /v1/imports/unlinked/{id}/dismiss', prepare: (ids) => unlinkedRow(ids, 'row-three', 'post:three'), url: (ids) => `/v1/imports/unlinked/${ids['row-three']}/dismiss`, json: fromSample('post /v1/imports/unlinked/{id}/dismiss') },
  { op: 'put /v1/import-mappings/{kind}/{platform}', url: () => '/v1/import-mappings/conversions/shopify', json: fromSample('put /v1/import-mappings/{kind}/{platform}') },
  { op: 'delete /v1/import-mappings/{kind}/{platform}', url: () => '/v1/import-mappings/conversions/shopify' },
  { op: 'post /v1/tracking-links', url: () => '/v1/tracking-links', json: fromSample('post /v1/tracking-links', { utmSource: 'instagram' }), keep: (body, ids) => { ids['link'] = body.id; } },
  { op: 'post /v1/offer-codes', url: () => '/v1/offer-codes', json: fromSample('post /v1/offer-codes') },
  { op: 'post /v1/conversions/bulk', url: () => '/v1/conversions/bulk', json: fromSample('post /v1/conversions/bulk') },
  { op: 'post /v1/survey-answers/bulk', url: () => '/v1/survey-answers/bulk', json: fromSample('post /v1/survey-answers/bulk') },
  { op: 'post /v1/imports/cost-lines', url: () => '/v1/imports/cost-lines', csv: () => 'Campaign,Source,Kind,Amount,Currency,Date\nWalked,Renamed,creator_fee,12.50,USD,2026-03-02\n' },
  { op: 'post /v1/cost-lines', url: () => '/v1/cost-lines', json: fromSample('post /v1/cost-lines'), keep: (body, ids) => { ids['costLine'] = body.id; } },
  { op: 'post /v1/cost-lines/bulk', url: () => '/v1/cost-lines/bulk', json: fromSample('post /v1/cost-lines/bulk') },
  { op: 'delete /v1/cost-lines/{id}', url: (ids) => `/v1/cost-lines/${ids['costLine']}` },
  { op: 'post /v1/fx-rates/bulk', url: () => '/v1/fx-rates/bulk', json: fromSample('post /v1/fx-rates/bulk') },
  { op: 'post /v1/imports/fx-rates', url: () => '/v1/imports/fx-rates', csv: () => 'day,base,quote,rate\n2026-03-02,GBP,USD,1.27\n' },
  { op: 'post /v1/paid-tests', url: () => '/v1/paid-tests', json: fromSample('post /v1/paid-tests'), keep: (body, ids) => { ids['paidTest'] = body.id; } },
  // Another spend than the test was created with: a PUT that changes nothing is no write.
  { op: 'put /v1/paid-tests/{id}/arms/{name}', url: (ids) => `/v1/paid-tests/${ids['paidTest']}/arms/ai`, json: fromSample('put /v1/paid-tests/{id}/arms/{name}', { spendMinor: 2 }) },
  { op: 'post /v1/classification/backfills', url: () => '/v1/classification/backfills', json: fromSample('post /v1/classification/backfills') },
  { op: 'post /v1/reports/campaign/{id}/share-links', url: (ids) => `/v1/reports/campaign/${ids['campaign']}/share-links`, json: fromSample('post /v1/reports/campaign/{id}/share-links'), keep: (body, ids) => { ids['shareLink'] = body.id; } },
  { op: 'delete /v1/share-links/{id}', url: (ids) => `/v1/share-links/${ids['shareLink']}` },
  { op: 'post /v1/report-schedules', url: () => '/v1/report-schedules', json: fromSample('post /v1/report-schedules'), keep: (body, ids) => { ids['schedule'] = body.id; } },
  { op: 'patch /v1/report-schedules/{id}', url: (ids) => `/v1/report-schedules/${ids['schedule']}`, json: fromSample('patch /v1/report-schedules/{id}') },
  { op: 'post /v1/report-schedules/{id}/send', url: (ids) => `/v1/report-schedules/${ids['schedule']}/send` },
  { op: 'delete /v1/report-schedules/{id}', url: (ids) => `/v1/report-schedules/${ids['schedule']}` },
  { op: 'post /v1/connections', url: () => '/v1/connections', json: (ids) => ({ sourceId: ids['source'], platform: 'youtube' }), keep: (body, ids) => { ids['connection'] = body.connection.id; ids['consent'] = body.authorizationUrl; } },
  // The platform consents and sends the browser back with the code and state the dashboard posts.
  { op: 'post /v1/connections/callback', prepare: (ids) => consentAt(ids), url: () => '/v1/connections/callback', json: (ids) => ({ code: ids['code'], state: ids['state'] }) },
  { op: 'post /v1/connections/{id}/pulls', url: (ids) => `/v1/connections/${ids['connection']}/pulls` },
  { op: 'delete /v1/connections/{id}', url: (ids) => `/v1/connections/${ids['connection']}` },
];

async function setWebhook() {
  const set = await admin.patch('/v1/workspace', { alertWebhookUrl: 'https://hooks.invalid/persona-ops', alertWebhookSecret: 'a-walk-secret-of-enough-length' });
  expect(set.status, JSON.stringify(set.body)).toBe(200);
}

async function consentAt(ids: Ids) {
  const back = new URL((await fetch(ids['consent']!, { redirect: 'manual' })).headers.get('location')!);
  ids['code'] = back.searchParams.get('code')!;
  ids['state'] = back.searchParams.get('state')!;
}

describe('audit log: every write operation', () => {
  let writeOperations: string[];

  beforeAll(async () => {
    const document = (await harness.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    writeOperations = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
      Object.keys(methods).filter((method) => ['post', 'put', 'patch', 'delete'].includes(method)).map((method) => `${method} ${path}`),
    );
  });

  it('walks every POST, PUT, PATCH and DELETE of the OpenAPI document', () => {
    expect(writeOperations.length).toBeGreaterThan(30);
    expect(writeOperations.filter((op) => !walk.some((step) => step.op === op)), 'add these operations to the walk').toEqual([]);
    expect(walk.filter((step) => !writeOperations.includes(step.op)).map((step) => step.op), 'these operations are gone from the document').toEqual([]);
  });

  it('leaves at least one audit entry for each successful write, naming its request and its actor', async () => {
    const ids: Ids = {};
    const failures: string[] = [];
    for (const [index, step] of walk.entries()) {
      const requestId = `walk-${index}`;
      const method = step.op.split(' ')[0]!.toUpperCase() as 'POST';
      let response;
      try {
        await step.prepare?.(ids);
        response = await send(admin, method, step.url(ids), requestId, { ...(step.json ? { json: step.json(ids) } : {}), ...(step.csv ? { csv: step.csv(ids) } : {}), ...(step.multipart ? { multipart: step.multipart() } : {}) });
      } catch (error) {
        failures.push(`${step.op}: ${(error as Error).message}`);
        continue;
      }
      if (response.status >= 300) {
        failures.push(`${step.op}: answered ${response.status} ${JSON.stringify(response.body)}`);
        continue;
      }
      step.keep?.(response.body, ids);
      const entries = await auditLog(`requestId=${requestId}`);
      if (entries.length === 0) failures.push(`${step.op}: no audit entry (answered ${response.status} ${JSON.stringify(response.body)})`);
      else if (entries.some((entry) => entry.actor.kind !== 'api_key' || entry.actor.role !== 'admin')) failures.push(`${step.op}: entries without its actor ${JSON.stringify(entries)}`);
    }
    expect(failures).toEqual([]);
  });

  it("never shows a connection's tokens, verifier or state, only that they changed", async () => {
    const entries = await auditLog('entityType=platform_connection&limit=100');
    expect(entries.length).toBeGreaterThan(0);
    const text = JSON.stringify(entries);
    expect(text).not.toMatch(/ya29\.|1\/\/|"k1:/);
    const connected = entries.find((entry) => entry.changes?.accessToken?.after);
    expect(connected.changes.accessToken.after).toBe('[redacted]');
    expect(connected.changes.refreshToken.after).toBe('[redacted]');
  });
});
