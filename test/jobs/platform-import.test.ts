import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfflineClassifier } from '../../jobs/src/classifiers/offline/offline-classifier.ts';
import type { Client } from '../support/api-harness.ts';
import { startPipeline } from './pipeline-harness.ts';

// Platform exports imported as jobs, from realistic files (test/fixtures/imports): exact values
// landed, every rejected row with its line, column and reason, unlinked rows resolved into the
// reports, re-imports that change nothing, saved mappings, malformed files.
const fixture = (name: string) => readFileSync(new URL(`../fixtures/imports/${name}`, import.meta.url));
const capturedAt = '2026-03-10T00:00:00.000Z';
const publishedAt = '2026-03-01T08:00:00.000Z';

describe('importing platform exports', () => {
  let pipeline: Awaited<ReturnType<typeof startPipeline>>;
  let runner: Awaited<ReturnType<Awaited<ReturnType<typeof startPipeline>>['startRunner']>>;
  let admin: Client;
  const ids = {} as { campaign: string; source: string; instagram: string; instagram2: string; tiktok: string; youtube: string; youtube2: string; igLink: string; ttLink: string; code: string };

  async function publish(channel: string, url: string) {
    const asset = await admin.post('/v1/assets', { briefId: await brief(), title: url, kind: 'video', tool: 'runway', currency: 'EUR', productionHours: 1, draftedAt: publishedAt });
    await admin.post(`/v1/assets/${asset.body.id}/submit`, { submittedAt: publishedAt });
    await admin.post(`/v1/assets/${asset.body.id}/reviews`, { decision: 'approve', decidedAt: publishedAt });
    const published = await admin.post(`/v1/assets/${asset.body.id}/publish`, { channel, url, aiLabelApplied: true, publishedAt });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    return published.body.post.id as string;
  }
  let briefId: string | undefined;
  async function brief() {
    briefId ??= (await admin.post('/v1/briefs', { campaignId: ids.campaign, sourceId: ids.source, title: 'Spring', openedAt: '2026-02-20T00:00:00Z' })).body.id;
    return briefId;
  }

  beforeAll(async () => {
    pipeline = await startPipeline();
    admin = pipeline.harness.admin;
    runner = await pipeline.startRunner({ kind: 'postgres', url: pipeline.harness.databaseUrl, namespace: `bullmq_${pipeline.namespace.replace(/\W/g, '_')}` }, createOfflineClassifier());
    ids.source = (await admin.post('/v1/sources', { kind: 'ai_character', name: 'Léa Nova', handles: { instagram: '@lea.nova' } })).body.id;
    ids.campaign = (await admin.post('/v1/campaigns', { name: 'Spring Drop', goal: 'sales', startsOn: '2026-03-01', endsOn: '2026-03-31', currency: 'EUR', targetAction: 'purchase' })).body.id;
    ids.instagram = await publish('instagram', 'https://instagram.com/p/C4lea01');
    ids.instagram2 = await publish('instagram', 'https://www.instagram.com/reel/C4other/');
    ids.tiktok = await publish('tiktok', 'https://www.tiktok.com/@lea.nova/video/7345678901234567890');
    ids.youtube = await publish('youtube', 'https://youtu.be/dQw4w9WgXcQ');
    ids.youtube2 = await publish('youtube', 'https://www.youtube.com/watch?v=bts0000001a');
    ids.igLink = (await admin.post('/v1/tracking-links', { campaignId: ids.campaign, sourceId: ids.source, postId: ids.instagram, landingUrl: 'https://shop.example/spring' })).body.id;
    ids.ttLink = (await admin.post('/v1/tracking-links', { campaignId: ids.campaign, sourceId: ids.source, postId: ids.tiktok, landingUrl: 'https://shop.example/spring' })).body.id;
    ids.code = (await admin.post('/v1/offer-codes', { campaignId: ids.campaign, sourceId: ids.source, code: 'LEA-SPRING' })).body.id;
  });
  afterAll(async () => {
    await runner.close();
    await pipeline.harness.close();
  });

  const upload = (kind: string, csv: string | Buffer, query: string, key = admin.key) =>
    pipeline.harness.app.inject({ method: 'POST', url: `/v1/imports/${kind}?${query}`, headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv' }, payload: csv });

  async function finished(id: string) {
    let job: Awaited<ReturnType<Client['get']>> = { status: 0, body: null };
    await pipeline.waitUntil(async () => {
      job = await admin.get(`/v1/imports/${id}`);
      return job.body.state === 'done' || job.body.state === 'failed';
    }, 30_000, 'the import');
    return job.body;
  }
  async function imported(kind: string, csv: string | Buffer, query: string) {
    const response = await upload(kind, csv, query);
    expect(response.statusCode, response.body).toBe(202);
    return finished(response.json().id);
  }
  const snapshots = async (postId: string) => (await admin.get(`/v1/metric-snapshots?postId=${postId}`)).body.items;
  const counts = async () => (await pipeline.sql<{ snapshots: number; followers: number; conversions: number; unlinked: number }>(
    `select (select count(*) from metric_snapshot)::int as snapshots, (select count(*) from follower_snapshot)::int as followers,
            (select count(*) from conversion_count)::int as conversions, (select count(*) from unlinked_import_row)::int as unlinked`,
  ))[0]!;

  it('imports an Instagram export: exact counters, every rejected row, the unknown post waiting', async () => {
    const job = await imported('post-metrics', fixture('instagram-content.csv'), `platform=instagram&capturedAt=${capturedAt}&fileName=ig.csv`);
    expect(job).toMatchObject({ kind: 'post-metrics', platform: 'instagram', state: 'done', totalRows: 3, processedRows: 3, accepted: 1, duplicates: 0, rejectedCount: 2, unlinked: 1, skipped: 0 });
    expect(job.mapping).toMatchObject({ 'Post ID': 'platformPostId', Permalink: 'postUrl', Views: 'views', Saves: 'saves', Follows: 'follows' });
    expect(job.rejections).toEqual([
      { line: 4, column: 'Views', reason: '"lots" is not a whole number' },
      { line: 4, column: 'Likes', reason: '"-4" is negative; a count cannot be' },
    ]);
    expect(await snapshots(ids.instagram)).toEqual([
      expect.objectContaining({ capturedAt, views: 12480, reach: 9050, likes: 812, shares: 44, follows: 31, comments: 57, saves: 120, impressions: null, watchTimeSeconds: null }),
    ]);
    const unlinked = (await admin.get(`/v1/imports/unlinked?importId=${job.id}`)).body.items;
    expect(unlinked).toEqual([
      expect.objectContaining({ line: 3, kind: 'post-metrics', platform: 'instagram', matchKey: 'post:17912345678901299', state: 'open', reason: 'no instagram post 17912345678901299 in this workspace', raw: expect.objectContaining({ Permalink: 'https://www.instagram.com/p/C4zzz99/' }) }),
    ]);
  });

  it('changes nothing when the same file is imported again, and a re-run of a finished job doubles nothing', async () => {
    const before = await counts();
    const again = await imported('post-metrics', fixture('instagram-content.csv'), `platform=instagram&capturedAt=${capturedAt}`);
    expect(again).toMatchObject({ accepted: 0, duplicates: 1, rejectedCount: 2, unlinked: 1 });
    expect(await counts()).toEqual(before);
    // As if the worker had died before its last checkpoint: the job runs over the file again.
    await pipeline.sql(`update import_job set state = 'queued', processed_rows = 0, accepted = 0, duplicates = 0, rejected_count = 0, unlinked = 0, rejections = '[]' where id = '${again.id}'`);
    expect(await finished(again.id)).toMatchObject({ state: 'done', accepted: 0, duplicates: 1, rejectedCount: 2, unlinked: 1 });
    expect(await counts()).toEqual(before);
  });

  it('resolves an unlinked row into the post, once; the post then matches by its id', async () => {
    const [row] = (await admin.get('/v1/imports/unlinked?kind=post-metrics&state=open')).body.items;
    const foreign = await pipeline.harness.newWorkspace('Other brand');
    const wrongKind = await admin.post(`/v1/imports/unlinked/${row.id}/resolve`, { trackingLinkId: ids.igLink });
    expect(wrongKind.status).toBe(400);
    const wrongPlatform = await admin.post(`/v1/imports/unlinked/${row.id}/resolve`, { postId: ids.tiktok });
    expect(wrongPlatform.status).toBe(422);
    expect((await foreign.admin.post(`/v1/imports/unlinked/${row.id}/resolve`, { postId: ids.instagram2 })).status).toBe(404);

    const resolved = await admin.post(`/v1/imports/unlinked/${row.id}/resolve`, { postId: ids.instagram2 });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    expect(resolved.body).toMatchObject({ state: 'resolved', resolvedTo: ids.instagram2 });
    expect(await snapshots(ids.instagram2)).toEqual([expect.objectContaining({ capturedAt, views: 3100, reach: 2900, likes: 210, saves: 30 })]);
    const twice = await admin.post(`/v1/imports/unlinked/${row.id}/resolve`, { postId: ids.instagram2 });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: 'illegal_transition', legalActions: [] });

    // The platform's id was learnt: the next export matches the post by it.
    const next = await imported('post-metrics', fixture('instagram-content.csv'), 'platform=instagram&capturedAt=2026-03-11T00:00:00Z');
    expect(next).toMatchObject({ accepted: 2, unlinked: 0, rejectedCount: 2 });
  });

  it('imports a TikTok export matched by the video link, rejecting a repeated video', async () => {
    const job = await imported('post-metrics', fixture('tiktok-content.csv'), `platform=tiktok&sourceId=${ids.source}&capturedAt=${capturedAt}`);
    expect(job).toMatchObject({ accepted: 1, rejectedCount: 1, unlinked: 0 });
    expect(job.rejections).toEqual([{ line: 3, column: null, reason: 'repeats line 2 (same post and capture time)' }]);
    expect(await snapshots(ids.tiktok)).toEqual([expect.objectContaining({ views: 98765, likes: 7654, comments: 321, shares: 210, reach: 61000, watchTimeSeconds: 3723 })]);
  });

  it('imports YouTube Studio table data: the total row skipped, watch time in seconds, unknown videos resolved by key', async () => {
    const job = await imported('post-metrics', fixture('youtube-table-data.csv'), `platform=youtube&capturedAt=${capturedAt}`);
    expect(job).toMatchObject({ totalRows: 3, accepted: 1, skipped: 1, unlinked: 1, rejectedCount: 0 });
    expect(await snapshots(ids.youtube)).toEqual([expect.objectContaining({ views: 12000, impressions: 150000, follows: 100, watchTimeSeconds: 3_600_900 })]);
    const byKey = await admin.post('/v1/imports/unlinked/resolve', { kind: 'post-metrics', matchKey: 'post:xUnknown123', postId: ids.youtube2 });
    expect(byKey.body).toEqual({ resolved: 1, accepted: 1, duplicates: 0, rejections: [] });
    expect(await snapshots(ids.youtube2)).toEqual([expect.objectContaining({ views: 3000, watchTimeSeconds: 843_544 })]);
    const report = await admin.get(`/v1/reports/commercial?campaignId=${ids.campaign}`);
    expect(report.body.inputs.views).toBe(3100 + 98765 + 12000 + 3000 + 12480);
  });

  it('imports a GA4 report: comment lines above the header, traffic without a campaign skipped, links matched by UTM tags', async () => {
    const job = await imported('conversions', fixture('ga4-traffic-acquisition.csv'), 'platform=ga4&currency=EUR');
    expect(job).toMatchObject({ totalRows: 4, accepted: 1, skipped: 1, unlinked: 1, rejectedCount: 1 });
    expect(job.rejections).toEqual([{ line: 13, column: 'Total revenue', reason: '"abc" is not an amount of money' }]);
    const [stored] = await pipeline.sql<Record<string, unknown>>(`select link_id, to_char(day, 'YYYY-MM-DD') as day, sessions::int, target_actions::int, revenue_minor::int, currency from conversion_count`);
    expect(stored).toEqual({ link_id: ids.igLink, day: '2026-03-05', sessions: 1204, target_actions: 37, revenue_minor: 152040, currency: 'EUR' });
    const [waiting] = (await admin.get(`/v1/imports/unlinked?importId=${job.id}`)).body.items;
    expect(waiting).toMatchObject({ line: 12, matchKey: 'utm:autumn-teaser||tiktok|social', reason: 'no tracking link with utm_campaign=autumn-teaser, utm_source=tiktok, utm_medium=social in this workspace' });
    const resolved = await admin.post(`/v1/imports/unlinked/${waiting.id}/resolve`, { trackingLinkId: ids.ttLink });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    const report = await admin.get(`/v1/reports/commercial?campaignId=${ids.campaign}`);
    expect(report.body.inputs).toMatchObject({ sessions: 1254, targetActions: 38 });

    const wrongCurrency = await imported('conversions', fixture('ga4-traffic-acquisition.csv'), 'platform=ga4&currency=USD');
    expect(wrongCurrency.rejections).toContainEqual({ line: 10, column: null, reason: "the currency USD must be EUR, the campaign's currency; upload the file with currency=EUR" });
  });

  it('imports a Shopify report by discount code, and uses the saved mapping on the next upload', async () => {
    const job = await imported('conversions', fixture('shopify-sales-by-discount.csv'), 'platform=shopify&currency=EUR');
    expect(job).toMatchObject({ accepted: 2, unlinked: 1, rejectedCount: 0 });
    expect(job.mapping).toMatchObject({ Day: 'day', 'Discount code': 'code', Orders: 'sales', 'Total sales': 'revenue' });
    const revenue = async () => pipeline.sql<{ day: string; sales: number; revenue: number }>(`select to_char(day, 'YYYY-MM-DD') as day, sales::int, revenue_minor::int as revenue from conversion_count where code_id = '${ids.code}' order by day`);
    expect(await revenue()).toEqual([{ day: '2026-03-05', sales: 14, revenue: 141000 }, { day: '2026-03-06', sales: 3, revenue: 30000 }]);

    const saved = await admin.request('PUT', '/v1/import-mappings/conversions/shopify', { mapping: { 'Net sales': 'revenue' } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const bad = await admin.request('PUT', '/v1/import-mappings/conversions/shopify', { mapping: { 'Net sales': 'turnover' } });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/"turnover", which is not a field of conversions imports/);
    const next = await imported('conversions', fixture('shopify-sales-by-discount.csv'), 'platform=shopify&currency=EUR');
    expect(next.mapping).toMatchObject({ 'Net sales': 'revenue' });
    expect(next).toMatchObject({ accepted: 2, duplicates: 0 });
    expect(await revenue()).toEqual([{ day: '2026-03-05', sales: 14, revenue: 126000 }, { day: '2026-03-06', sales: 3, revenue: 27000 }]);

    // An upload's own mapping wins, and saveMapping=true keeps it.
    const own = await imported('conversions', fixture('shopify-sales-by-discount.csv'), `platform=shopify&currency=EUR&saveMapping=true&mapping=${encodeURIComponent('{"Gross sales":"revenue"}')}`);
    expect(own.mapping).toMatchObject({ 'Gross sales': 'revenue' });
    expect((await admin.get('/v1/import-mappings')).body.items).toEqual([expect.objectContaining({ kind: 'conversions', platform: 'shopify', mapping: { 'Gross sales': 'revenue' } })]);
    expect((await admin.delete('/v1/import-mappings/conversions/shopify')).status).toBe(200);
    expect((await admin.delete('/v1/import-mappings/conversions/shopify')).status).toBe(404);

    const [code] = (await admin.get('/v1/imports/unlinked?kind=conversions&state=open&matchKey=code%3AFRIENDS10')).body.items;
    const dismissed = await admin.post(`/v1/imports/unlinked/${code.id}/dismiss`);
    expect(dismissed.body.state).toBe('dismissed');
    expect((await admin.post(`/v1/imports/unlinked/${code.id}/dismiss`)).status).toBe(409);
  });

  it('lists imports newest first, and lets only studio and admin upload', async () => {
    const page = await admin.get('/v1/imports?limit=2&kind=conversions');
    expect(page.body.items).toHaveLength(2);
    expect(page.body.nextCursor).not.toBeNull();
    const approver = await pipeline.harness.userWithRole('approver');
    expect((await upload('post-metrics', fixture('youtube-table-data.csv'), 'platform=youtube', approver.key)).statusCode).toBe(403);
    const studio = await pipeline.harness.userWithRole('studio');
    expect((await upload('post-metrics', fixture('youtube-table-data.csv'), 'platform=youtube', studio.key)).statusCode).toBe(202);
  });

  it('refuses malformed files at once with a clear problem', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Content,Views\nabc,1\n', 'utf16le')]);
    const encoding = await upload('post-metrics', utf16, 'platform=youtube');
    expect(encoding.statusCode).toBe(400);
    expect(encoding.json().detail).toMatch(/UTF-16 .*Export it again as "CSV UTF-8"/);

    const headerOnly = await upload('post-metrics', 'Content,Views\n', 'platform=youtube');
    expect(headerOnly.statusCode).toBe(400);
    expect(headerOnly.json().detail).toBe('The file has a header but no rows: there is nothing to import.');

    const noHeader = await upload('conversions', '# only comments\n\n', 'platform=ga4&currency=EUR');
    expect(noHeader.statusCode).toBe(400);
    expect(noHeader.json().detail).toMatch(/no header row/);

    const missing = await upload('post-metrics', 'Video title,Views\nx,1\n', 'platform=youtube');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().detail).toBe('The file has no column for platformPostId or postUrl (which post). Its columns are: Video title, Views. Name the columns with mapping, e.g. mapping={"Video":"platformPostId"}.');

    const noCurrency = await upload('conversions', fixture('shopify-sales-by-discount.csv'), 'platform=shopify');
    expect(noCurrency.statusCode).toBe(400);
    expect(noCurrency.json().errors[0].field).toBe('querystring.currency');

    const wrongPlatform = await upload('conversions', fixture('shopify-sales-by-discount.csv'), 'platform=tiktok&currency=EUR');
    expect(wrongPlatform.statusCode).toBe(400);

    const huge = await upload('post-metrics', Buffer.alloc(51 * 1024 * 1024, 'a'), 'platform=instagram');
    expect(huge.statusCode).toBe(413);
    expect(huge.json().detail).toMatch(/50 MB/);
  });
});
