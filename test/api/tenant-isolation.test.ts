import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepUnlinkedRows } from '@persona-ops/domain/store';
import { startTestApp, type Client } from '../support/api-harness.ts';
import { multipartBody, pngOf } from '../support/png.ts';

// Walks EVERY operation of the OpenAPI document as workspace A's admin, aimed at workspace B's
// records: a foreign id must answer 404 and nothing of B may leak into A's answers.
// A route without a case here fails the coverage test, so new routes cannot skip this check.

type Foreign = { sourceId: string; campaignId: string; briefId: string; assetId: string; postId: string; userId: string; apiKeyId: string; backfillId: string; importId: string; unlinkedRowId: string; linkId: string; offerCodeId: string; paidTestId: string; shareLinkId: string; fxRateId: string; costLineId: string; connectionId: string; mediaId: string; reportScheduleId: string };
type Case = { query?: string; body?: unknown; csv?: string; pathName?: string; pathParams?: Record<string, string>; expect: 'not_found' | 'no_leak' | 'public' };

const cases: Record<string, (b: Foreign) => Case> = {
  'get /health': () => ({ expect: 'public' }),
  'get /ready': () => ({ expect: 'public' }),
  'get /v1/workspace': () => ({ expect: 'no_leak' }),
  'patch /v1/workspace': () => ({ body: { hourlyRateMinor: 5000 }, expect: 'no_leak' }),
  // A's own webhook (set below, refused as loopback): the answer says so and names nothing of B's.
  'post /v1/workspace/alert-webhook/test': () => ({ expect: 'no_leak' }),
  'get /v1/users': () => ({ expect: 'no_leak' }),
  'post /v1/users': () => ({ body: { email: 'new@a.test', name: 'New', role: 'studio' }, expect: 'no_leak' }),
  'get /v1/api-keys': () => ({ expect: 'no_leak' }),
  // The whole log: none of B's ids may appear in it.
  'get /v1/audit-log': () => ({ expect: 'no_leak' }),
  'post /v1/api-keys': (b) => ({ body: { userId: b.userId, label: 'stolen' }, expect: 'not_found' }),
  'delete /v1/api-keys/{id}': () => ({ expect: 'not_found' }),
  'get /v1/sources': () => ({ expect: 'no_leak' }),
  'post /v1/sources': () => ({ body: { kind: 'studio', name: 'Mine' }, expect: 'no_leak' }),
  'get /v1/sources/{id}': () => ({ expect: 'not_found' }),
  'patch /v1/sources/{id}': () => ({ body: { name: 'Hijacked' }, expect: 'not_found' }),
  'get /v1/campaigns': () => ({ expect: 'no_leak' }),
  'post /v1/campaigns': () => ({ body: { name: 'Mine', goal: 'traffic', startsOn: '2026-01-01', endsOn: '2026-01-31', currency: 'USD', targetAction: 'visit' }, expect: 'no_leak' }),
  'get /v1/campaigns/{id}': () => ({ expect: 'not_found' }),
  'patch /v1/campaigns/{id}': () => ({ body: { name: 'Hijacked' }, expect: 'not_found' }),
  'get /v1/briefs': (b) => ({ query: `campaignId=${b.campaignId}`, expect: 'not_found' }),
  'post /v1/briefs': (b) => ({ body: { campaignId: b.campaignId, sourceId: b.sourceId, title: 'Steal' }, expect: 'not_found' }),
  'get /v1/briefs/{id}': () => ({ expect: 'not_found' }),
  'get /v1/assets': (b) => ({ query: `briefId=${b.briefId}`, expect: 'not_found' }),
  'get /v1/assets/export': (b) => ({ query: `campaignId=${b.campaignId}`, expect: 'not_found' }),
  'post /v1/assets': (b) => ({ body: { briefId: b.briefId, title: 'Steal', kind: 'image', tool: 'x', currency: 'USD', productionHours: 1 }, expect: 'not_found' }),
  'get /v1/assets/{id}': () => ({ expect: 'not_found' }),
  'patch /v1/assets/{id}': () => ({ body: { title: 'Hijacked' }, expect: 'not_found' }),
  // Refused before a byte of the upload is read: the asset is looked up first.
  'post /v1/assets/{id}/media': () => ({ expect: 'not_found' }),
  'get /v1/assets/{id}/media': () => ({ expect: 'not_found' }),
  'get /v1/media/{id}': () => ({ expect: 'not_found' }),
  'get /v1/media/{id}/thumbnail': () => ({ expect: 'not_found' }),
  'post /v1/assets/{id}/submit': () => ({ body: {}, expect: 'not_found' }),
  'post /v1/assets/{id}/reviews': () => ({ body: { decision: 'approve' }, expect: 'not_found' }),
  'post /v1/assets/{id}/publish': () => ({ body: { channel: 'instagram', url: 'https://i.example/p', aiLabelApplied: true }, expect: 'not_found' }),
  'post /v1/assets/{id}/paid-reuse': () => ({ body: { channel: 'instagram', url: 'https://i.example/p', aiLabelApplied: true, spendMinor: 100 }, expect: 'not_found' }),
  'get /v1/posts': (b) => ({ query: `assetId=${b.assetId}`, expect: 'not_found' }),
  'get /v1/posts/{id}': () => ({ expect: 'not_found' }),
  'post /v1/comments': (b) => ({ body: { postId: b.postId, platformCommentId: 'x1', text: 'hi', postedAt: new Date().toISOString() }, expect: 'not_found' }),
  'post /v1/comments/bulk': (b) => ({ body: { comments: [{ postId: b.postId, platformCommentId: 'x2', text: 'hi', postedAt: new Date().toISOString() }] }, expect: 'not_found' }),
  'get /v1/comments': (b) => ({ query: `postId=${b.postId}`, expect: 'not_found' }),
  'get /v1/alerts': (b) => ({ query: `sourceId=${b.sourceId}`, expect: 'not_found' }),
  // The rows are read by the import job, which rejects another workspace's post as unlinked
  // (test/jobs/comment-import.test.ts); here: the upload itself reveals nothing of B.
  'post /v1/imports/comments': (b) => ({ csv: `Post ID,Comment ID,Comment,Timestamp\n${b.postId},x9,hi,2026-01-01 00:00:00\n`, expect: 'no_leak' }),
  'get /v1/imports/{id}': () => ({ expect: 'not_found' }),
  // As for comments: the job matches rows inside the uploader's workspace only (test/jobs/platform-import.test.ts).
  'post /v1/imports/post-metrics': (b) => ({ query: 'platform=youtube', csv: `Content,Views\n${b.postId},1\n`, expect: 'no_leak' }),
  'post /v1/imports/conversions': () => ({ query: 'platform=shopify&currency=USD', csv: 'Day,Discount code,Orders\n2026-03-01,THEIRS-1,1\n', expect: 'no_leak' }),
  'get /v1/imports': () => ({ expect: 'no_leak' }),
  'get /v1/imports/unlinked': (b) => ({ query: `importId=${b.importId}`, expect: 'not_found' }),
  'post /v1/imports/unlinked/{id}/resolve': (b) => ({ body: { postId: b.postId }, expect: 'not_found' }),
  'post /v1/imports/unlinked/{id}/dismiss': () => ({ body: {}, expect: 'not_found' }),
  'post /v1/imports/unlinked/resolve': (b) => ({ body: { kind: 'post-metrics', matchKey: 'post:theirs-1', postId: b.postId }, expect: 'not_found' }),
  'get /v1/import-mappings': () => ({ expect: 'no_leak' }),
  'put /v1/import-mappings/{kind}/{platform}': () => ({ pathParams: { kind: 'conversions', platform: 'shopify' }, body: { mapping: { Mine: 'revenue' } }, expect: 'no_leak' }),
  'delete /v1/import-mappings/{kind}/{platform}': () => ({ pathParams: { kind: 'post-metrics', platform: 'youtube' }, expect: 'not_found' }),
  'post /v1/classification/backfills': () => ({ expect: 'no_leak' }),
  'get /v1/classification/backfills/{id}': () => ({ expect: 'not_found' }),
  'get /v1/reports/production': (b) => ({ query: `campaignId=${b.campaignId}`, expect: 'not_found' }),
  'get /v1/reports/brand-safety': (b) => ({ query: `postId=${b.postId}`, expect: 'not_found' }),
  'post /v1/metric-snapshots/bulk': (b) => ({ body: { snapshots: [{ postId: b.postId, capturedAt: new Date().toISOString(), likes: 1 }] }, expect: 'not_found' }),
  'get /v1/metric-snapshots': (b) => ({ query: `postId=${b.postId}`, expect: 'not_found' }),
  'post /v1/follower-snapshots/bulk': (b) => ({ body: { snapshots: [{ sourceId: b.sourceId, date: '2026-03-01', followers: 1 }] }, expect: 'not_found' }),
  'get /v1/follower-snapshots': (b) => ({ query: `sourceId=${b.sourceId}`, expect: 'not_found' }),
  'post /v1/audience-breakdowns/bulk': (b) => ({ body: { breakdowns: [{ postId: b.postId, dimension: 'country', key: 'FR', share: 10, capturedOn: new Date().toISOString().slice(0, 10) }, { sourceId: b.sourceId, dimension: 'language', key: 'fr', share: 10, capturedOn: '2026-03-01' }] }, expect: 'not_found' }),
  'get /v1/reports/audience': (b) => ({ query: `campaignId=${b.campaignId}`, expect: 'not_found' }),
  'post /v1/tracking-links': (b) => ({ body: { campaignId: b.campaignId, sourceId: b.sourceId, postId: b.postId, landingUrl: 'https://shop.example/' }, expect: 'not_found' }),
  'get /v1/tracking-links': (b) => ({ query: `campaignId=${b.campaignId}`, expect: 'not_found' }),
  'get /v1/tracking-links/{id}': () => ({ expect: 'not_found' }),
  'post /v1/offer-codes': (b) => ({ body: { campaignId: b.campaignId, sourceId: b.sourceId, code: 'STOLEN-1' }, expect: 'not_found' }),
  'get /v1/offer-codes': (b) => ({ query: `sourceId=${b.sourceId}`, expect: 'not_found' }),
  'get /v1/offer-codes/{id}': () => ({ expect: 'not_found' }),
  'post /v1/conversions/bulk': (b) => ({ body: { counts: [{ linkId: b.linkId, day: '2026-03-01', clicks: 1, currency: 'USD' }] }, expect: 'not_found' }),
  'post /v1/survey-answers/bulk': (b) => ({ body: { answers: [{ sourceId: b.sourceId, day: '2026-03-01', answers: 1 }] }, expect: 'not_found' }),
  'get /v1/reports/commercial': (b) => ({ query: `campaignId=${b.campaignId}`, expect: 'not_found' }),
  'get /v1/reports/campaign/{id}': () => ({ expect: 'not_found' }),
  'get /v1/reports/overview': (b) => ({ query: `campaignId=${b.campaignId}`, expect: 'not_found' }),
  'get /v1/reports/comparison': (b) => ({ query: `campaignId=${b.campaignId}`, expect: 'not_found' }),
  // Campaigns are found by id or name inside the uploader's workspace only (test/api/cost-lines.test.ts).
  'post /v1/imports/cost-lines': (b) => ({ csv: `Campaign,Kind,Amount,Currency,Date\nCamp,other,1,USD,2026-03-01\n${b.campaignId},other,1,USD,2026-03-01\n`, expect: 'no_leak' }),
  'get /v1/reports/executive-answer': (b) => ({ query: `goal=sales&campaignId=${b.campaignId}`, expect: 'not_found' }),
  'post /v1/reports/campaign/{id}/share-links': () => ({ body: { expiresInDays: 7 }, expect: 'not_found' }),
  'get /v1/share-links': (b) => ({ query: `campaignId=${b.campaignId}`, expect: 'not_found' }),
  'delete /v1/share-links/{id}': () => ({ expect: 'not_found' }),
  // Public by design: the token alone opens one campaign's report (see the case below the loop).
  'get /v1/shared/campaign-report/{token}': () => ({ expect: 'public' }),
  'post /v1/paid-tests': (b) => ({ body: { campaignId: b.campaignId, name: 'Stolen', kind: 'creative_ab', startsOn: '2026-03-01', endsOn: '2026-03-31', arms: [{ name: 'ai', role: 'treatment', assetId: b.assetId, aiGenerated: true, spendMinor: 1, currency: 'USD' }, { name: 'control', role: 'control', spendMinor: 1, currency: 'USD' }] }, expect: 'not_found' }),
  'get /v1/paid-tests': (b) => ({ query: `campaignId=${b.campaignId}`, expect: 'not_found' }),
  'get /v1/paid-tests/{id}': () => ({ expect: 'not_found' }),
  // B's test has an arm named "ai" (so has A's): the arm is looked up only inside A's own tests.
  'put /v1/paid-tests/{id}/arms/{name}': () => ({ pathName: 'ai', body: { spendMinor: 999, currency: 'USD', impressions: 1 }, expect: 'not_found' }),
  // B has a EUR/USD rate for 2024-05-17 too: A's rate for the same key is A's own row, B's stays as it was.
  'post /v1/fx-rates/bulk': () => ({ body: { rates: [{ day: '2024-05-17', base: 'EUR', quote: 'USD', rate: '9.99' }] }, expect: 'no_leak' }),
  'get /v1/fx-rates': () => ({ query: 'base=EUR&quote=USD', expect: 'no_leak' }),
  'post /v1/imports/fx-rates': () => ({ csv: 'Date,USD,\n2024-05-17,9.98,\n', expect: 'no_leak' }),
  'post /v1/cost-lines': (b) => ({ body: { campaignId: b.campaignId, sourceId: b.sourceId, kind: 'creator_fee', amountMinor: 100, currency: 'USD', incurredOn: '2026-03-01' }, expect: 'not_found' }),
  'post /v1/cost-lines/bulk': (b) => ({ body: { lines: [{ campaignId: b.campaignId, kind: 'other', amountMinor: 100, currency: 'USD', incurredOn: '2026-03-01', split: 'deliverables' }] }, expect: 'not_found' }),
  'get /v1/cost-lines': (b) => ({ query: `campaignId=${b.campaignId}`, expect: 'not_found' }),
  'get /v1/cost-lines/{id}': () => ({ expect: 'not_found' }),
  'delete /v1/cost-lines/{id}': () => ({ expect: 'not_found' }),
  'get /v1/connections': () => ({ expect: 'no_leak' }),
  'post /v1/connections': (b) => ({ body: { sourceId: b.sourceId, platform: 'youtube' }, expect: 'not_found' }),
  'get /v1/connections/{id}': () => ({ expect: 'not_found' }),
  'delete /v1/connections/{id}': () => ({ expect: 'not_found' }),
  'post /v1/connections/{id}/pulls': () => ({ expect: 'not_found' }),
  // The state of B's flow in progress finishes nothing for A: states are bound to their workspace.
  'post /v1/connections/callback': () => ({ body: { state: theirConnectionState, code: 'stolen-code' }, expect: 'not_found' }),
  'get /v1/report-schedules': () => ({ expect: 'no_leak' }),
  // A's schedule of its own naming B's campaign: the campaign is looked up in A's workspace only.
  'post /v1/report-schedules': (b) => ({ body: { name: 'Stolen', kind: 'campaign', campaignId: b.campaignId, cadence: 'weekly', hourUtc: 8, emailRecipients: ['spy@a.test'] }, expect: 'not_found' }),
  'get /v1/report-schedules/{id}': () => ({ expect: 'not_found' }),
  'patch /v1/report-schedules/{id}': () => ({ body: { emailRecipients: ['spy@a.test'] }, expect: 'not_found' }),
  'delete /v1/report-schedules/{id}': () => ({ expect: 'not_found' }),
  // Looked up before the queues are asked: a foreign schedule is not found, queues or not.
  'post /v1/report-schedules/{id}/send': () => ({ expect: 'not_found' }),
  'get /v1/report-deliveries': (b) => ({ query: `scheduleId=${b.reportScheduleId}`, expect: 'not_found' }),
};

// Which of B's ids goes into a path's {id}.
const pathIds: Array<[RegExp, keyof Foreign]> = [
  [/^\/v1\/sources\//, 'sourceId'],
  [/^\/v1\/campaigns\//, 'campaignId'],
  [/^\/v1\/briefs\//, 'briefId'],
  [/^\/v1\/assets\//, 'assetId'],
  [/^\/v1\/posts\//, 'postId'],
  [/^\/v1\/api-keys\//, 'apiKeyId'],
  [/^\/v1\/classification\/backfills\//, 'backfillId'],
  [/^\/v1\/imports\/unlinked\//, 'unlinkedRowId'],
  [/^\/v1\/imports\//, 'importId'],
  [/^\/v1\/tracking-links\//, 'linkId'],
  [/^\/v1\/offer-codes\//, 'offerCodeId'],
  [/^\/v1\/reports\/campaign\//, 'campaignId'],
  [/^\/v1\/share-links\//, 'shareLinkId'],
  [/^\/v1\/paid-tests\//, 'paidTestId'],
  [/^\/v1\/cost-lines\//, 'costLineId'],
  [/^\/v1\/connections\//, 'connectionId'],
  [/^\/v1\/media\//, 'mediaId'],
  [/^\/v1\/report-schedules\//, 'reportScheduleId'],
];

const theirConnectionState = 'state-of-b-connection-flow';

let harness: Awaited<ReturnType<typeof startTestApp>>;
let foreign: Foreign;
let b: Client;
let foreignShareToken: string;

async function populate(client: Client): Promise<Omit<Foreign, 'backfillId' | 'importId' | 'unlinkedRowId' | 'shareLinkId' | 'fxRateId' | 'connectionId'>> {
  const source = await client.post('/v1/sources', { kind: 'ai_character', name: 'Char', launchedOn: '2026-01-01' });
  const campaign = await client.post('/v1/campaigns', { name: 'Camp', goal: 'sales', startsOn: '2026-01-01', endsOn: '2026-12-31', currency: 'USD', targetAction: 'buy' });
  const brief = await client.post('/v1/briefs', { campaignId: campaign.body.id, sourceId: source.body.id, title: 'Brief' });
  const asset = await client.post('/v1/assets', { briefId: brief.body.id, title: 'Asset', kind: 'image', tool: 'x', currency: 'USD', productionHours: 1 });
  const upload = multipartBody('file', 'look.png', 'image/png', pngOf(8, 8, () => [200, 120, 80]));
  const media = await harness.app.inject({ method: 'POST', url: `/v1/assets/${asset.body.id}/media`, headers: { ...upload.headers, authorization: `Bearer ${client.key}` }, payload: upload.payload });
  expect(media.statusCode, media.body).toBe(201);
  await client.post(`/v1/assets/${asset.body.id}/submit`);
  await client.post(`/v1/assets/${asset.body.id}/reviews`, { decision: 'approve' });
  const published = await client.post(`/v1/assets/${asset.body.id}/publish`, { channel: 'tiktok', url: 'https://t.example/v', aiLabelApplied: true });
  const user = await client.post('/v1/users', { email: `u${Math.random()}@x.test`, name: 'U', role: 'approver' });
  expect(published.status).toBe(201);
  const link = await client.post('/v1/tracking-links', { campaignId: campaign.body.id, sourceId: source.body.id, postId: published.body.post.id, landingUrl: 'https://shop.example/' });
  const offerCode = await client.post('/v1/offer-codes', { campaignId: campaign.body.id, sourceId: source.body.id });
  const paidTest = await client.post('/v1/paid-tests', { campaignId: campaign.body.id, name: 'Test', kind: 'creative_ab', startsOn: '2026-03-01', endsOn: '2026-03-31', arms: [{ name: 'ai', role: 'treatment', assetId: asset.body.id, spendMinor: 100, currency: 'USD', impressions: 1000, clicks: 10 }, { name: 'control', role: 'control', spendMinor: 100, currency: 'USD', impressions: 1000, clicks: 5 }] });
  expect(paidTest.status, JSON.stringify(paidTest.body)).toBe(201);
  const costLine = await client.post('/v1/cost-lines', { campaignId: campaign.body.id, sourceId: source.body.id, kind: 'usage_rights', amountMinor: 12_345, currency: 'USD', incurredOn: '2026-03-01' });
  expect(costLine.status, JSON.stringify(costLine.body)).toBe(201);
  const schedule = await client.post('/v1/report-schedules', { name: 'Weekly', kind: 'campaign', campaignId: campaign.body.id, cadence: 'weekly', hourUtc: 8, emailRecipients: ['exec@b.test'] });
  expect(schedule.status, JSON.stringify(schedule.body)).toBe(201);
  return { sourceId: source.body.id, campaignId: campaign.body.id, briefId: brief.body.id, assetId: asset.body.id, postId: published.body.post.id, userId: user.body.user.id, apiKeyId: user.body.apiKey.id, linkId: link.body.id, offerCodeId: offerCode.body.id, paidTestId: paidTest.body.id, costLineId: costLine.body.id, mediaId: media.json().id, reportScheduleId: schedule.body.id };
}

beforeAll(async () => {
  harness = await startTestApp();
  await populate(harness.admin);
  await harness.orm.em.getConnection().execute(`update workspace set alert_webhook_url = 'http://127.0.0.1:9/hook', alert_webhook_secret = 'a-secret-of-enough-length' where name = 'Brand A'`);
  const other = await harness.newWorkspace('Brand B');
  b = other.admin;
  const imported = await harness.app.inject({ method: 'POST', url: '/v1/imports/comments', headers: { authorization: `Bearer ${b.key}`, 'content-type': 'text/csv' }, payload: 'Post ID,Comment ID,Comment,Timestamp\n00000000-0000-4000-8000-000000000000,c1,hi,2026-01-01 00:00:00\n' });
  const theirs = await populate(b);
  const shared = await b.post(`/v1/reports/campaign/${theirs.campaignId}/share-links`, {});
  foreignShareToken = shared.body.token;
  // B's own column mappings, and a row of B's import waiting to be linked (as the job leaves it).
  await b.request('PUT', '/v1/import-mappings/conversions/shopify', { mapping: { Theirs: 'revenue' } });
  await b.request('PUT', '/v1/import-mappings/post-metrics/youtube', { mapping: { Theirs: 'platformPostId' } });
  await keepUnlinkedRows(harness.orm.em.fork(), other.workspaceId, imported.json().id, [{ line: 2, kind: 'post-metrics', platform: 'tiktok', matchKey: 'post:theirs-1', raw: { 'Video ID': 'theirs-1' }, parsed: { platformPostId: 'theirs-1', counters: { views: 1 }, capturedAt: new Date().toISOString() }, reason: 'no tiktok post theirs-1' }], new Date());
  const [unlinked] = await harness.orm.em.getConnection().execute<Array<{ id: string }>>(`select id from unlinked_import_row where workspace_id = ?`, [other.workspaceId]);
  await b.post('/v1/fx-rates/bulk', { rates: [{ day: '2024-05-17', base: 'EUR', quote: 'USD', rate: '1.0866' }] });
  const theirRate = await b.get('/v1/fx-rates');
  // B's connection of its character's YouTube channel, waiting for the platform's consent (no app
  // is configured here, so it is written as the flow leaves it).
  const [connection] = await harness.orm.em.getConnection().execute<Array<{ id: string }>>(
    `insert into platform_connection (id, created_at, updated_at, workspace_id, source_id, platform, state, scopes, auth_state_hash, auth_started_at)
     values (gen_random_uuid(), now(), now(), ?, ?, 'youtube', 'pending', '[]', encode(sha256(convert_to(?, 'UTF8')), 'hex'), now()) returning id`,
    [other.workspaceId, theirs.sourceId, theirConnectionState],
  );
  foreign = { ...theirs, connectionId: connection!.id, backfillId: (await b.post('/v1/classification/backfills')).body.id, importId: imported.json().id, unlinkedRowId: unlinked!.id, shareLinkId: shared.body.id, fxRateId: theirRate.body.items[0].id };
});
afterAll(() => harness.close());

describe('tenant isolation', () => {
  it('has a case for every operation in the OpenAPI document', async () => {
    const document = (await harness.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const operations = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method} ${path}`),
    );
    expect(operations.filter((op) => !(op in cases))).toEqual([]);
  });

  it.each(Object.keys(cases))('%s never reaches another workspace', async (operation) => {
    const [method, template] = operation.split(' ') as [string, string];
    const spec = cases[operation]!(foreign);
    if (spec.expect === 'public') return;
    const idKey = pathIds.find(([pattern]) => pattern.test(template))?.[1];
    const withParams = Object.entries(spec.pathParams ?? {}).reduce((path, [name, value]) => path.replace(`{${name}}`, value), template);
    const url = withParams.replace('{id}', idKey ? foreign[idKey] : '').replace('{name}', encodeURIComponent(spec.pathName ?? '')) + (spec.query ? `?${spec.query}` : '');
    const before = JSON.stringify(await snapshotOf(b));
    const response = spec.csv
      ? await harness.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${harness.admin.key}`, 'content-type': 'text/csv' }, payload: spec.csv }).then((r) => ({ status: r.statusCode, body: r.json() }))
      : await harness.admin.request(method.toUpperCase() as 'GET', url, spec.body);
    if (spec.expect === 'not_found') {
      expect(response.status, JSON.stringify(response.body)).toBe(404);
      expect(response.body.code).toBe('not_found');
    } else {
      expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
      const text = JSON.stringify(response.body);
      for (const [name, id] of Object.entries(foreign)) if (!spec.csv || name !== 'postId') expect(text).not.toContain(id);
    }
    // B's records are exactly as they were.
    expect(JSON.stringify(await snapshotOf(b))).toBe(before);
  });

  it("opens a shared report by its token alone, and only that link's campaign: another workspace's ids are no token", async () => {
    const theirs = await harness.app.inject({ method: 'GET', url: `/v1/shared/campaign-report/${foreignShareToken}` });
    expect(theirs.statusCode).toBe(200);
    expect(theirs.json().campaign.id).toBe(foreign.campaignId);
    const mine = (await harness.admin.get('/v1/campaigns')).body.items.map((c: { id: string }) => c.id);
    for (const id of mine) expect(theirs.body).not.toContain(id);
    for (const id of [foreign.shareLinkId, foreign.campaignId, `${foreignShareToken}x`]) {
      const response = await harness.app.inject({ method: 'GET', url: `/v1/shared/campaign-report/${id}`, headers: { authorization: `Bearer ${harness.admin.key}` } });
      expect(response.statusCode).toBe(404);
    }
  });
});

async function snapshotOf(client: Client) {
  const asset = await client.get(`/v1/assets/${foreign.assetId}`);
  return {
    workspace: (await client.get('/v1/workspace')).body,
    sources: (await client.get('/v1/sources')).body,
    campaigns: (await client.get('/v1/campaigns')).body,
    briefs: (await client.get('/v1/briefs')).body,
    asset: { ...asset.body, updatedAt: undefined },
    posts: (await client.get('/v1/posts')).body,
    comments: (await client.get('/v1/comments')).body,
    keys: (await client.get('/v1/api-keys')).body.items.map((k: { id: string; revokedAt: string | null }) => [k.id, k.revokedAt]),
    shareLinks: (await client.get('/v1/share-links')).body.items.map((l: { id: string; revokedAt: string | null; expiresAt: string }) => [l.id, l.revokedAt, l.expiresAt]),
    paidTests: (await client.get('/v1/paid-tests')).body,
    imports: (await client.get('/v1/imports')).body,
    importMappings: (await client.get('/v1/import-mappings')).body.items.map((m: { updatedAt?: string }) => ({ ...m })),
    unlinkedRows: (await client.get('/v1/imports/unlinked')).body,
    fxRates: (await client.get('/v1/fx-rates')).body,
    costLines: (await client.get('/v1/cost-lines')).body,
    connections: (await client.get('/v1/connections')).body,
    // nextRunAt moves with the clock, not with anything A does.
    reportSchedules: (await client.get('/v1/report-schedules')).body.items.map((schedule: { nextRunAt?: string }) => ({ ...schedule, nextRunAt: undefined })),
  };
}
