import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectorSettingsOf, openToken, tokenKeyOf, type ConnectorSettings } from '@persona-ops/domain/connectors';
import { startJobRunner } from '@persona-ops/jobs/runner';
import { createOfflineClassifier } from '../../jobs/src/classifiers/offline/offline-classifier.ts';
import { schedulerIdOf } from '../../jobs/src/connectors/connection-schedules.ts';
import { startTestApp } from '../support/api-harness.ts';
import { startFakeYouTube, type FakeYouTube } from '../support/fake-youtube/fake-youtube-server.ts';
import { connectionPulls } from '../support/connection-pulls.ts';

// A workspace connects its AI character's YouTube channel to the local fake of Google's OAuth,
// the Data API and the Analytics API; the real workers pull it on their schedule: posts, counters,
// followers and comments land through the same upserts as uploads, comments get classified, a
// second pull changes nothing, an expired token is refreshed, a 429 waits its Retry-After and
// resumes, another workspace can neither see nor use the connection, and a disconnect revokes.
const redisUrl = inject('redisUrl');
const day = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * day).toISOString();

describe.skipIf(!redisUrl)('a YouTube connection pulled by the workers', () => {
  let fake: FakeYouTube;
  let harness: Awaited<ReturnType<typeof startTestApp>>;
  let settings: ConnectorSettings;
  let runner: Awaited<ReturnType<typeof startJobRunner>>;
  const ids = {} as { source: string; campaign: string; knownAsset: string; namedAsset: string; knownPost: string; connection: string };
  const namespace = `test-${randomBytes(5).toString('hex')}`;
  const sql = <T>(text: string, params: unknown[] = []) => harness.orm.em.fork().getConnection().execute<T[]>(text, params);
  const connectionRow = async () => (await sql<{ state: string; access_token: string | null; refresh_token: string | null; last_pulled_at: Date | null; last_error: string | null; backfilled_at: Date | null; scheduled_every_ms: number | null }>('select * from platform_connection where id = ?', [ids.connection]))[0]!;
  const { waitUntil, pullAndWait: pullFor } = connectionPulls(connectionRow);
  const pullAndWait = () => pullFor(harness.admin, ids.connection);
  const tables = async () =>
    (await sql<Record<string, number>>(
      `select (select count(*) from post)::int as posts, (select count(*) from metric_snapshot)::int as snapshots,
              (select count(*) from follower_snapshot)::int as followers, (select count(*) from comment)::int as comments,
              (select count(*) from unlinked_import_row)::int as unlinked, (select count(*) from comment_classification)::int as classifications,
              (select max(updated_at) from metric_snapshot)::text as "snapshotsChanged", (select max(updated_at) from follower_snapshot)::text as "followersChanged"`,
    ))[0]!;

  beforeAll(async () => {
    fake = await startFakeYouTube();
    settings = connectorSettingsOf({
      CONNECTOR_TOKEN_KEY: randomBytes(32).toString('base64'),
      CONNECTOR_TOKEN_KEY_ID: 'k2',
      CONNECTOR_REDIRECT_URL: 'http://127.0.0.1:5173/connections/callback',
      YOUTUBE_CLIENT_ID: fake.clientId,
      YOUTUBE_CLIENT_SECRET: fake.clientSecret,
      YOUTUBE_AUTH_URL: `${fake.url}/o/oauth2/v2/auth`,
      YOUTUBE_TOKEN_URL: `${fake.url}/token`,
      YOUTUBE_REVOKE_URL: `${fake.url}/revoke`,
      YOUTUBE_API_URL: `${fake.url}/youtube/v3`,
      YOUTUBE_ANALYTICS_URL: `${fake.url}/v2`,
    });
    harness = await startTestApp({ connectors: settings });
    const admin = harness.admin;
    ids.source = (await admin.post('/v1/sources', { kind: 'ai_character', name: 'Léa Nova', handles: { youtube: '@leanova' } })).body.id;
    ids.campaign = (await admin.post('/v1/campaigns', { name: 'Glow', goal: 'engagement', startsOn: ago(30).slice(0, 10), endsOn: ago(-30).slice(0, 10), currency: 'USD', targetAction: 'buy', trackingKeywords: ['#GlowWithLea', '@novacosmetics'] })).body.id;
    const brief = (await admin.post('/v1/briefs', { campaignId: ids.campaign, sourceId: ids.source, title: 'b', openedAt: ago(20) })).body.id;
    const approvedAsset = async (title: string) => {
      const asset = (await admin.post('/v1/assets', { briefId: brief, title, kind: 'video', tool: 'sora', currency: 'USD', productionHours: 2, draftedAt: ago(15) })).body.id;
      await admin.post(`/v1/assets/${asset}/submit`, { submittedAt: ago(14) });
      await admin.post(`/v1/assets/${asset}/reviews`, { decision: 'approve', decidedAt: ago(13) });
      return asset as string;
    };
    ids.knownAsset = await approvedAsset('Unboxing');
    ids.namedAsset = await approvedAsset('Morning routine');
    // Published by hand before the channel was connected: found by its URL, then by its id.
    const published = await admin.post(`/v1/assets/${ids.knownAsset}/publish`, { channel: 'youtube', url: 'https://www.youtube.com/watch?v=vidKnown001', aiLabelApplied: true, publishedAt: ago(5) });
    ids.knownPost = published.body.post.id;

    const video = (id: string, title: string, description: string, publishedAt: string, views: number) => ({ id, title, description, publishedAt, views, likes: Math.round(views / 10), comments: 0, minutesWatched: views * 2, subscribersGained: Math.round(views / 100) });
    fake.videos.push(video('vidKnown001', 'Unboxing', 'what is in the box', ago(5), 5_000));
    fake.videos.push(video('vidNamed002', 'Morning routine', 'my routine #glowwithlea with @NovaCosmetics', ago(2), 1_200));
    fake.videos.push(video('vidOther003', 'Travel vlog', 'a day in Lisbon', ago(1), 800));
    // Older uploads than the first page holds: the backfill pages through them.
    for (let n = 0; n < 55; n += 1) fake.videos.push(video(`vidOld${String(n).padStart(5, '0')}`, `Old ${n}`, 'archive', ago(60 + n), 100 + n));
    fake.videos.find((v) => v.id === 'vidNamed002')!.likes = null; // hidden: unknown, never 0
    const positive = ['I love this so much, beautiful work', 'Amazing video, thank you Léa', 'This is wonderful and so helpful'];
    for (let n = 0; n < 120; n += 1) fake.comments.push({ id: `Ugk${String(n).padStart(5, '0')}`, videoId: 'vidKnown001', author: `@fan${n}`, text: positive[n % 3]!, publishedAt: ago(4 - n / 1000) });
    fake.comments.push({ id: 'UgxNamed1', videoId: 'vidNamed002', author: '@hater', text: 'This is terrible, I hate it, worst product ever', publishedAt: ago(1) });
    fake.comments.push({ id: 'UgxNamed2', videoId: 'vidNamed002', author: '@fan', text: 'Great routine, love it', publishedAt: ago(1) });
    for (const v of fake.videos) v.comments = fake.comments.filter((c) => c.videoId === v.id).length;
  });

  afterAll(async () => {
    await runner?.close();
    await harness?.close();
    await fake?.close();
  });

  it('connects through the OAuth code flow with PKCE; the state is bound to the workspace and spent once', async () => {
    const other = await harness.newWorkspace('Brand B');
    const started = await harness.admin.post('/v1/connections', { sourceId: ids.source, platform: 'youtube' });
    expect(started.status).toBe(201);
    expect(started.body.connection.state).toBe('pending');
    ids.connection = started.body.connection.id;
    const consent = new URL(started.body.authorizationUrl);
    expect(consent.origin + consent.pathname).toBe(`${fake.url}/o/oauth2/v2/auth`);
    expect(consent.searchParams.get('code_challenge_method')).toBe('S256');
    expect(consent.searchParams.get('access_type')).toBe('offline');
    expect(consent.searchParams.get('scope')).toContain('youtube.readonly');

    const redirect = await fetch(consent, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const back = new URL(redirect.headers.get('location')!);
    const body = { state: back.searchParams.get('state'), code: back.searchParams.get('code') };
    // Another workspace cannot finish this workspace's flow, nor see or use the connection.
    expect((await other.admin.post('/v1/connections/callback', body)).status).toBe(404);
    expect((await other.admin.get(`/v1/connections/${ids.connection}`)).status).toBe(404);
    expect((await other.admin.post(`/v1/connections/${ids.connection}/pulls`)).status).toBe(404);
    expect((await other.admin.delete(`/v1/connections/${ids.connection}`)).status).toBe(404);
    expect((await other.admin.get('/v1/connections')).body.items).toEqual([]);
    expect((await other.admin.post('/v1/connections', { sourceId: ids.source, platform: 'youtube' })).status).toBe(404);
    const executive = await harness.userWithRole('executive');
    expect((await executive.get('/v1/connections')).status).toBe(403);

    const finished = await harness.admin.post('/v1/connections/callback', body);
    expect(finished.status).toBe(200);
    expect(finished.body).toMatchObject({ state: 'connected', accountId: fake.channel.id, accountHandle: '@leanova' });
    expect(JSON.stringify(finished.body)).not.toMatch(/ya29\.|1\/\//);
    // The state is spent: replaying the redirect is refused.
    expect((await harness.admin.post('/v1/connections/callback', body)).status).toBe(404);

    // Tokens are sealed at rest: the row holds neither token in plain text, each names its key.
    const row = await connectionRow();
    expect(row.access_token).toMatch(/^k2:/);
    expect(row.refresh_token).toMatch(/^k2:/);
    expect(row.access_token).not.toContain('ya29.');
    expect(openToken(settings.keyring!, row.access_token!)).toMatch(/^ya29\./);
    expect(openToken(settings.keyring!, row.refresh_token!)).toMatch(/^1\/\//);
  });

  it('a scheduler run creates the posts, snapshots, followers and comments, and the comments get classified', async () => {
    runner = await startJobRunner({
      orm: harness.orm,
      connection: { kind: 'redis', url: redisUrl!, namespace },
      classifier: createOfflineClassifier(),
      classifierVersions: [createOfflineClassifier().version],
      concurrency: 2,
      connectors: settings,
      connectionSyncMs: 200,
      spikeDetectionDelayMs: 500,
    });
    await waitUntil(async () => (await connectionRow()).last_pulled_at !== null, 'the first pull');
    await waitUntil(async () => (await sql<{ n: number }>('select count(*)::int as n from classification_task'))[0]!.n === 0, 'the classification');
    const row = await connectionRow();
    expect(row).toMatchObject({ state: 'connected', last_error: null, scheduled_every_ms: 6 * 3_600_000 });
    expect(row.backfilled_at).not.toBeNull();
    const scheduler = await runner.queues.get('connectors')!.getJobScheduler(schedulerIdOf(ids.connection));
    expect(scheduler?.every).toBe(6 * 3_600_000);

    const posts = await sql<{ id: string; platform_post_id: string; campaign_id: string; asset_id: string }>('select id, platform_post_id, campaign_id, asset_id from post order by published_at');
    expect(posts.map((post) => post.platform_post_id)).toEqual(['vidKnown001', 'vidNamed002']);
    // The caption carried the campaign's hashtag and named the approved asset: published from it.
    expect(posts[1]).toMatchObject({ campaign_id: ids.campaign, asset_id: ids.namedAsset });
    const asset = await harness.admin.get(`/v1/assets/${ids.namedAsset}`);
    expect(asset.body.state).toBe('published');

    const snapshots = await sql<{ post_id: string; views: string; likes: string | null; comments: string; watch_time_seconds: string; follows: string }>('select post_id, views, likes, comments, watch_time_seconds, follows from metric_snapshot');
    const byPost = new Map(snapshots.map((s) => [s.post_id, s]));
    expect(byPost.get(ids.knownPost)).toMatchObject({ views: '5000', likes: '500', comments: '120', watch_time_seconds: String(10_000 * 60), follows: '50' });
    expect(byPost.get(posts[1]!.id)).toMatchObject({ views: '1200', likes: null, comments: '2' });
    const followers = await sql<{ followers: string; source_id: string }>('select followers, source_id from follower_snapshot');
    expect(followers).toEqual([{ followers: '12400', source_id: ids.source }]);

    const counts = await tables();
    expect(counts).toMatchObject({ posts: 2, snapshots: 2, followers: 1, comments: 122, classifications: 122 });
    const negative = await harness.admin.get(`/v1/comments?postId=${posts[1]!.id}&sentiment=negative`);
    expect(negative.body.items.map((item: { text: string }) => item.text)).toEqual(['This is terrible, I hate it, worst product ever']);

    // The other uploads name no campaign: they wait, with the reason, for a person to link them.
    const unlinked = await harness.admin.get(`/v1/imports/unlinked?connectionId=${ids.connection}&limit=100`);
    expect(unlinked.body.items).toHaveLength(56);
    const travel = unlinked.body.items.find((item: { matchKey: string }) => item.matchKey.includes('vidOther003'));
    expect(travel).toMatchObject({ importId: null, connectionId: ids.connection, kind: 'post-metrics', platform: 'youtube', reason: 'unlinked: the caption carries no campaign\'s hashtags, keywords or mentions' });
  });

  it('a second run changes nothing', async () => {
    const before = await tables();
    await pullAndWait();
    expect(await tables()).toEqual(before);
    expect((await connectionRow()).last_error).toBeNull();
  });

  it('an expired access token is refreshed and the pull goes on', async () => {
    fake.expireAccessTokens();
    const refreshesBefore = fake.requests.filter((r) => r.path === '/token').length;
    fake.videos.find((v) => v.id === 'vidKnown001')!.views = 5_600;
    await pullAndWait();
    expect(fake.requests.filter((r) => r.path === '/token').length).toBe(refreshesBefore + 1);
    expect(fake.requests.some((r) => r.status === 401)).toBe(true);
    const latest = await sql<{ views: string }>('select views from metric_snapshot where post_id = ? order by captured_at desc limit 1', [ids.knownPost]);
    expect(latest[0]!.views).toBe('5600');
    expect(await connectionRow()).toMatchObject({ state: 'connected', last_error: null });
  });

  it('a 429 waits its Retry-After and resumes where it stopped', async () => {
    fake.comments.push({ id: 'UgxLate1', videoId: 'vidNamed002', author: '@late', text: 'Just found this, lovely', publishedAt: new Date(Date.now() - 60_000).toISOString() });
    fake.rateLimitNext(1, 2);
    const from = fake.requests.length;
    expect((await harness.admin.post(`/v1/connections/${ids.connection}/pulls`)).status).toBe(202);
    await waitUntil(async () => (await sql<{ n: number }>(`select count(*)::int as n from comment where platform_comment_id = 'UgxLate1'`))[0]!.n === 1, 'the resumed pull');
    const calls = fake.requests.slice(from);
    const limited = calls.findIndex((r) => r.status === 429);
    expect(limited).toBeGreaterThanOrEqual(0);
    const resumed = calls.slice(limited + 1).find((r) => r.status === 200);
    expect(resumed!.at - calls[limited]!.at).toBeGreaterThanOrEqual(1_900);
    await waitUntil(async () => (await connectionRow()).last_error === null, 'the error to clear');
  });

  it('the job scheduler pulls on its own, at the interval of the platform', async () => {
    // As when the workers restart with YOUTUBE_PULL_EVERY_MS=1000: the scheduler is changed in place.
    settings.platforms.youtube!.pullEveryMs = 1_000;
    await waitUntil(async () => (await connectionRow()).scheduled_every_ms === 1_000, 'the new interval');
    const seen = new Set<string>();
    await waitUntil(async () => {
      seen.add(String((await connectionRow()).last_pulled_at));
      return seen.size >= 3;
    }, 'two scheduled pulls');
    expect((await runner.queues.get('connectors')!.getJobScheduler(schedulerIdOf(ids.connection)))?.every).toBe(1_000);
    settings.platforms.youtube!.pullEveryMs = 6 * 3_600_000;
    await waitUntil(async () => (await connectionRow()).scheduled_every_ms === 6 * 3_600_000, 'the usual interval');
  });

  it('after a key rotation opens the old tokens with the previous key and seals them again with the new one', async () => {
    const old = settings.keyring!;
    // As when the API and the workers restart with a new CONNECTOR_TOKEN_KEY and the old one in
    // CONNECTOR_TOKEN_PREVIOUS_KEYS (both read this settings object).
    settings.keyring = { current: tokenKeyOf('k3', randomBytes(32).toString('base64'), 'CONNECTOR_TOKEN_KEY'), previous: [old.current] };
    expect((await connectionRow()).access_token).toMatch(/^k2:/);
    // A pull that started before the switch ends with the old key, and one asked for meanwhile finds
    // the connection held and skips: ask again until a pull with the new key has run.
    await waitUntil(async () => {
      const [current] = await sql<{ access_token: string; pull_requested_at: string | null }>('select access_token, pull_requested_at::text from platform_connection where id = ?', [ids.connection]);
      if (current!.access_token.startsWith('k3:')) return true;
      if (current!.pull_requested_at === null) await harness.admin.post(`/v1/connections/${ids.connection}/pulls`);
      return false;
    }, 'a pull with the new key');
    const row = await connectionRow();
    expect(row.access_token).toMatch(/^k3:/);
    expect(row.refresh_token).toMatch(/^k3:/);
    expect(openToken({ current: settings.keyring.current, previous: [] }, row.refresh_token!)).toMatch(/^1\/\//);
    expect(row).toMatchObject({ state: 'connected', last_error: null });
  });

  it('disconnecting revokes the grant at the platform, erases the tokens and removes the schedule', async () => {
    const revoked = await harness.admin.delete(`/v1/connections/${ids.connection}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.state).toBe('revoked');
    expect(fake.revoked).toHaveLength(1);
    const row = await connectionRow();
    expect(row).toMatchObject({ state: 'revoked', access_token: null, refresh_token: null });
    await waitUntil(async () => (await connectionRow()).scheduled_every_ms === null, 'the schedule removal');
    expect(await runner.queues.get('connectors')!.getJobScheduler(schedulerIdOf(ids.connection))).toBeUndefined();
    expect((await harness.admin.post(`/v1/connections/${ids.connection}/pulls`)).status).toBe(409);
  });
});
