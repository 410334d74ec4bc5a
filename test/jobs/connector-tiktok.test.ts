import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectorSettingsOf, openToken, type ConnectorSettings } from '@persona-ops/domain/connectors';
import { startJobRunner } from '@persona-ops/jobs/runner';
import { createOfflineClassifier } from '../../jobs/src/classifiers/offline/offline-classifier.ts';
import { startTestApp } from '../support/api-harness.ts';
import { startFakeTikTok, type FakeTikTok } from '../support/fake-tiktok/fake-tiktok-server.ts';
import { connectionPulls } from '../support/connection-pulls.ts';

// A TikTok account connected through Login Kit against the local fake of the v2 API: the video list
// pages by cursor (20 at most), counts come from video query, followers from user info; a pull that
// spends its request budget stops and the next one resumes the backfill from its cursor; a second
// pull changes nothing; an access token the API refuses is refreshed (and the rotated refresh token
// kept); a 429 waits and resumes; disconnecting revokes at TikTok.
const redisUrl = inject('redisUrl');
const day = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * day).toISOString();

describe.skipIf(!redisUrl)('a TikTok connection pulled by the workers', () => {
  let fake: FakeTikTok;
  let harness: Awaited<ReturnType<typeof startTestApp>>;
  let settings: ConnectorSettings;
  let runner: Awaited<ReturnType<typeof startJobRunner>> | undefined;
  const ids = {} as { source: string; namedAsset: string; connection: string };
  const sql = <T>(text: string, params: unknown[] = []) => harness.orm.em.fork().getConnection().execute<T[]>(text, params);
  const row = async () => (await sql<{ state: string; refresh_token: string | null; last_pulled_at: string | null; last_error: string | null }>('select state, refresh_token, last_pulled_at::text, last_error from platform_connection where id = ?', [ids.connection]))[0]!;
  const { waitUntil, pullAndWait: pullFor } = connectionPulls(row);
  const pullAndWait = () => pullFor(harness.admin, ids.connection);
  const tables = async () =>
    (await sql<Record<string, unknown>>(
      `select (select count(*) from post)::int as posts, (select count(*) from metric_snapshot)::int as snapshots, (select count(*) from follower_snapshot)::int as followers,
              (select count(*) from unlinked_import_row)::int as unlinked, (select max(updated_at) from metric_snapshot)::text as changed`,
    ))[0]!;

  beforeAll(async () => {
    fake = await startFakeTikTok();
    settings = connectorSettingsOf({
      CONNECTOR_TOKEN_KEY: randomBytes(32).toString('base64'),
      TIKTOK_CLIENT_ID: fake.clientKey,
      TIKTOK_CLIENT_SECRET: fake.clientSecret,
      TIKTOK_AUTH_URL: `${fake.url}/v2/auth/authorize/`,
      TIKTOK_API_URL: `${fake.url}/v2`,
    });
    harness = await startTestApp({ connectors: settings });
    const admin = harness.admin;
    ids.source = (await admin.post('/v1/sources', { kind: 'ai_character', name: 'Léa Nova', handles: { tiktok: '@lea.nova' } })).body.id;
    const campaign = (await admin.post('/v1/campaigns', { name: 'Dance', goal: 'awareness', startsOn: ago(30).slice(0, 10), endsOn: ago(-30).slice(0, 10), currency: 'USD', targetAction: 'visit', trackingKeywords: ['#LeaDance'] })).body.id;
    const brief = (await admin.post('/v1/briefs', { campaignId: campaign, sourceId: ids.source, title: 'b', openedAt: ago(20) })).body.id;
    ids.namedAsset = (await admin.post('/v1/assets', { briefId: brief, title: 'Rooftop dance', kind: 'video', tool: 'sora', currency: 'USD', productionHours: 1, draftedAt: ago(15) })).body.id;
    await admin.post(`/v1/assets/${ids.namedAsset}/submit`, { submittedAt: ago(14) });
    await admin.post(`/v1/assets/${ids.namedAsset}/reviews`, { decision: 'approve', decidedAt: ago(13) });
    const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);
    fake.videos.push({ id: '7300000000000000001', title: 'Rooftop dance', description: '#leadance at sunset', createTime: seconds(ago(2)), views: 25_000, likes: 3_100, comments: 120, shares: 40 });
    for (let n = 0; n < 25; n += 1) fake.videos.push({ id: `72000000000000${String(n).padStart(5, '0')}`, title: `clip ${n}`, description: 'just vibes', createTime: seconds(ago(40 + n)), views: 1000 + n, likes: 10, comments: 1, shares: 0 });
  });

  afterAll(async () => {
    await runner?.close();
    await harness?.close();
    await fake?.close();
  });

  it('connects, pulls the videos page by page with their counts and the followers; a second pull changes nothing', async () => {
    const started = await harness.admin.post('/v1/connections', { sourceId: ids.source, platform: 'tiktok' });
    ids.connection = started.body.connection.id;
    const back = new URL((await fetch(started.body.authorizationUrl, { redirect: 'manual' })).headers.get('location')!);
    const finished = await harness.admin.post('/v1/connections/callback', { state: back.searchParams.get('state'), code: back.searchParams.get('code') });
    expect(finished.body).toMatchObject({ state: 'connected', accountHandle: '@lea.nova', scopes: ['user.info.basic', 'user.info.stats', 'video.list'] });

    // A budget of two requests: the user info and the first page of the backfill, then the pull stops
    // and keeps its cursor; the next pull, with the usual budget, goes on from there.
    settings.platforms.tiktok!.requestBudget = 2;
    runner = await startJobRunner({ orm: harness.orm, connection: { kind: 'redis', url: redisUrl!, namespace: `test-${randomBytes(5).toString('hex')}` }, classifier: createOfflineClassifier(), classifierVersions: [createOfflineClassifier().version], concurrency: 2, connectors: settings, connectionSyncMs: 200 });
    await waitUntil(async () => (await row()).last_pulled_at !== null, 'the first pull');
    const stopped = (await sql<{ backfilled_at: string | null; cursor: { backfillPageToken?: string } }>('select backfilled_at, cursor from platform_connection'))[0]!;
    expect(stopped.backfilled_at).toBeNull();
    expect(stopped.cursor.backfillPageToken).toBeDefined();
    expect(await tables()).toMatchObject({ posts: 1, snapshots: 0, unlinked: 19 });
    settings.platforms.tiktok!.requestBudget = 150;
    await pullAndWait();
    expect((await sql<{ backfilled_at: string | null }>('select backfilled_at from platform_connection'))[0]!.backfilled_at).not.toBeNull();
    expect(await sql('select platform_post_id, asset_id from post')).toEqual([{ platform_post_id: '7300000000000000001', asset_id: ids.namedAsset }]);
    expect(await sql('select views, likes, comments, shares, reach from metric_snapshot')).toEqual([{ views: '25000', likes: '3100', comments: '120', shares: '40', reach: null }]);
    expect(await sql('select followers from follower_snapshot')).toEqual([{ followers: '91000' }]);
    const counts = await tables();
    expect(counts).toMatchObject({ posts: 1, snapshots: 1, followers: 1, unlinked: 25 });
    expect(fake.requests.filter((r) => r.path === '/v2/video/list/').length).toBeGreaterThanOrEqual(2);
    await pullAndWait();
    expect(await tables()).toEqual(counts);
  });

  it('refreshes a refused access token once and keeps the rotated refresh token', async () => {
    const before = (await row()).refresh_token!;
    fake.expireAccessTokens();
    fake.videos[0]!.views = 26_000;
    await pullAndWait();
    const after = await row();
    expect(after).toMatchObject({ state: 'connected', last_error: null });
    expect(openToken(settings.keyring!, after.refresh_token!)).not.toBe(openToken(settings.keyring!, before));
    expect(await sql('select views from metric_snapshot order by captured_at desc limit 1')).toEqual([{ views: '26000' }]);
  });

  it('counts the requests of every pull against the app\'s daily budget and stops pulling when it is spent', async () => {
    const [today] = await sql<{ requests: number }>(`select requests from connector_request_count where platform = 'tiktok' and day = (now() at time zone 'UTC')::date`);
    // Every request the workers sent: all the fake saw but the code exchange and the account read of the API's callback.
    const sent = fake.requests.filter((r) => r.path.startsWith('/v2/video/') || r.path === '/v2/user/info/' || r.path === '/v2/oauth/token/').length - 2;
    expect(today!.requests).toBe(sent);
    settings.platforms.tiktok!.dailyRequestBudget = today!.requests;
    const asked = fake.requests.length;
    expect((await harness.admin.post(`/v1/connections/${ids.connection}/pulls`)).status).toBe(202);
    await waitUntil(async () => ((await row()).last_error ?? '').includes('spent its'), 'the refusal');
    expect(fake.requests.length).toBe(asked);
    settings.platforms.tiktok!.dailyRequestBudget = 10_000;
  });

  it('a 429 waits and resumes; disconnecting revokes at TikTok', async () => {
    fake.rateLimitNext(1, 1);
    fake.videos[0]!.views = 27_000;
    expect((await harness.admin.post(`/v1/connections/${ids.connection}/pulls`)).status).toBe(202);
    await waitUntil(async () => (await sql<{ views: string }>('select views from metric_snapshot order by captured_at desc limit 1'))[0]!.views === '27000', 'the resumed pull');
    expect(fake.requests.some((r) => r.status === 429)).toBe(true);
    const revoked = await harness.admin.delete(`/v1/connections/${ids.connection}`);
    expect(revoked.body.state).toBe('revoked');
    expect(fake.revoked).toHaveLength(1);
  });
});
