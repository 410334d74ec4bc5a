import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectorSettingsOf, openToken, type ConnectorSettings } from '@persona-ops/domain/connectors';
import { startJobRunner } from '@persona-ops/jobs/runner';
import { createOfflineClassifier } from '../../jobs/src/classifiers/offline/offline-classifier.ts';
import { startTestApp } from '../support/api-harness.ts';
import { startFakeInstagram, type FakeInstagram } from '../support/fake-instagram/fake-instagram-server.ts';
import { connectionPulls } from '../support/connection-pulls.ts';

// An Instagram professional account connected through Instagram Login against the local fake of
// the Graph API: the long-lived token is refreshed a week before it expires, media, insights,
// followers and comments (oldest first, read page by page) land like uploads, a second pull
// changes nothing, a 429 waits and resumes, and a token that ran out marks the connection expired.
const redisUrl = inject('redisUrl');
const day = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * day).toISOString();

describe.skipIf(!redisUrl)('an Instagram connection pulled by the workers', () => {
  let fake: FakeInstagram;
  let harness: Awaited<ReturnType<typeof startTestApp>>;
  let settings: ConnectorSettings;
  let runner: Awaited<ReturnType<typeof startJobRunner>> | undefined;
  const ids = {} as { source: string; campaign: string; knownPost: string; namedAsset: string; connection: string };
  const sql = <T>(text: string, params: unknown[] = []) => harness.orm.em.fork().getConnection().execute<T[]>(text, params);
  const row = async () => (await sql<{ state: string; access_token: string | null; token_expires_at: string | null; last_pulled_at: string | null; last_error: string | null }>('select state, access_token, token_expires_at::text, last_pulled_at::text, last_error from platform_connection where id = ?', [ids.connection]))[0]!;
  const { waitUntil, pullAndWait: pullFor } = connectionPulls(row);
  const pullAndWait = () => pullFor(harness.admin, ids.connection, { orStateChange: true });
  const tables = async () =>
    (await sql<Record<string, unknown>>(
      `select (select count(*) from post)::int as posts, (select count(*) from metric_snapshot)::int as snapshots, (select count(*) from follower_snapshot)::int as followers,
              (select count(*) from comment)::int as comments, (select count(*) from unlinked_import_row)::int as unlinked, (select max(updated_at) from metric_snapshot)::text as changed`,
    ))[0]!;

  beforeAll(async () => {
    fake = await startFakeInstagram();
    settings = connectorSettingsOf({
      CONNECTOR_TOKEN_KEY: randomBytes(32).toString('base64'),
      INSTAGRAM_CLIENT_ID: fake.clientId,
      INSTAGRAM_CLIENT_SECRET: fake.clientSecret,
      INSTAGRAM_AUTH_URL: `${fake.url}/oauth/authorize`,
      INSTAGRAM_TOKEN_URL: `${fake.url}/oauth/access_token`,
      INSTAGRAM_GRAPH_URL: `${fake.url}/v23.0`,
    });
    harness = await startTestApp({ connectors: settings });
    const admin = harness.admin;
    ids.source = (await admin.post('/v1/sources', { kind: 'ai_character', name: 'Léa Nova', handles: { instagram: '@lea.nova' } })).body.id;
    ids.campaign = (await admin.post('/v1/campaigns', { name: 'Summer', goal: 'awareness', startsOn: ago(30).slice(0, 10), endsOn: ago(-30).slice(0, 10), currency: 'EUR', targetAction: 'visit', trackingKeywords: ['#NovaSummer'] })).body.id;
    const brief = (await admin.post('/v1/briefs', { campaignId: ids.campaign, sourceId: ids.source, title: 'b', openedAt: ago(20) })).body.id;
    const approved = async (title: string) => {
      const asset = (await admin.post('/v1/assets', { briefId: brief, title, kind: 'image', tool: 'mj', currency: 'EUR', productionHours: 1, draftedAt: ago(15) })).body.id as string;
      await admin.post(`/v1/assets/${asset}/submit`, { submittedAt: ago(14) });
      await admin.post(`/v1/assets/${asset}/reviews`, { decision: 'approve', decidedAt: ago(13) });
      return asset;
    };
    const known = await approved('Beach look');
    ids.namedAsset = await approved('Sunset reel');
    ids.knownPost = (await admin.post(`/v1/assets/${known}/publish`, { channel: 'instagram', url: 'https://www.instagram.com/p/ig000001/', aiLabelApplied: true, publishedAt: ago(6) })).body.post.id;
    const m = (id: string, caption: string, timestamp: string, views: number) => ({ id, caption, timestamp, likes: views / 10, comments: 0, reach: views / 2, saved: 7, shares: 3, views });
    fake.media.push(m('ig000001', 'Beach look', ago(6), 9_000), m('ig000002', 'Sunset reel #novasummer', ago(3), 4_000), m('ig000003', 'coffee', ago(2), 1_000));
    for (let n = 0; n < 70; n += 1) fake.comments.push({ id: `1790${String(n).padStart(6, '0')}`, mediaId: 'ig000001', username: `fan${n}`, text: n % 2 ? 'Love this look, so beautiful' : 'Gorgeous photo, thank you', timestamp: ago(5 - n / 100) });
    fake.comments.push({ id: '1791000001', mediaId: 'ig000002', username: 'troll', text: 'This is awful, I hate it', timestamp: ago(1) });
    for (const item of fake.media) item.comments = fake.comments.filter((c) => c.mediaId === item.id).length;
  });

  afterAll(async () => {
    await runner?.close();
    await harness?.close();
    await fake?.close();
  });

  it('connects, exchanging the short-lived token for a long-lived one kept sealed', async () => {
    const started = await harness.admin.post('/v1/connections', { sourceId: ids.source, platform: 'instagram' });
    expect(started.status).toBe(201);
    ids.connection = started.body.connection.id;
    const redirect = await fetch(started.body.authorizationUrl, { redirect: 'manual' });
    const back = new URL(redirect.headers.get('location')!);
    const other = await harness.newWorkspace('Brand B');
    const body = { state: back.searchParams.get('state'), code: back.searchParams.get('code') };
    expect((await other.admin.post('/v1/connections/callback', body)).status).toBe(404);
    const finished = await harness.admin.post('/v1/connections/callback', body);
    expect(finished.status).toBe(200);
    expect(finished.body).toMatchObject({ state: 'connected', platform: 'instagram', accountHandle: '@lea.nova', scopes: ['instagram_business_basic', 'instagram_business_manage_insights', 'instagram_business_manage_comments'] });
    const stored = await row();
    expect(stored.access_token).not.toContain('IGAA');
    expect(openToken(settings.keyring!, stored.access_token!)).toMatch(/^IGAA/);
    expect(Date.parse(stored.token_expires_at!) - Date.now()).toBeGreaterThan(59 * day);
  });

  it('a run stores media, insights, followers and comments; the comments are classified; a second run changes nothing', async () => {
    runner = await startJobRunner({ orm: harness.orm, connection: { kind: 'redis', url: redisUrl!, namespace: `test-${randomBytes(5).toString('hex')}` }, classifier: createOfflineClassifier(), classifierVersions: [createOfflineClassifier().version], concurrency: 2, connectors: settings, connectionSyncMs: 200 });
    await waitUntil(async () => (await row()).last_pulled_at !== null, 'the first pull');
    await waitUntil(async () => (await sql<{ n: number }>('select count(*)::int as n from classification_task'))[0]!.n === 0, 'the classification');
    const posts = await sql<{ platform_post_id: string; asset_id: string }>('select platform_post_id, asset_id from post order by published_at');
    expect(posts).toEqual([{ platform_post_id: 'ig000001', asset_id: expect.any(String) }, { platform_post_id: 'ig000002', asset_id: ids.namedAsset }]);
    const snapshot = await sql<Record<string, string | null>>('select views, reach, likes, comments, saves, shares, watch_time_seconds from metric_snapshot where post_id = ?', [ids.knownPost]);
    expect(snapshot).toEqual([{ views: '9000', reach: '4500', likes: '900', comments: '70', saves: '7', shares: '3', watch_time_seconds: null }]);
    expect(await sql('select followers from follower_snapshot')).toEqual([{ followers: '48200' }]);
    const counts = await tables();
    expect(counts).toMatchObject({ posts: 2, snapshots: 2, followers: 1, comments: 71, unlinked: 1 });
    expect((await sql<{ n: number }>('select count(distinct comment_id)::int as n from comment_classification'))[0]!.n).toBe(71);
    await pullAndWait();
    expect(await tables()).toEqual(counts);
  });

  it('refreshes the long-lived token a week before it expires', async () => {
    await sql(`update platform_connection set token_expires_at = now() + interval '2 days' where id = ?`, [ids.connection]);
    await pullAndWait();
    expect(fake.requests.filter((r) => r.path === '/refresh_access_token' && r.status === 200)).toHaveLength(1);
    expect(Date.parse((await row()).token_expires_at!) - Date.now()).toBeGreaterThan(59 * day);
  });

  it('a 429 waits its Retry-After and resumes', async () => {
    fake.comments.push({ id: '1791000002', mediaId: 'ig000002', username: 'late', text: 'Lovely colours', timestamp: new Date(Date.now() - 60_000).toISOString() });
    fake.rateLimitNext(1, 1);
    expect((await harness.admin.post(`/v1/connections/${ids.connection}/pulls`)).status).toBe(202);
    await waitUntil(async () => (await sql<{ n: number }>(`select count(*)::int as n from comment where platform_comment_id = '1791000002'`))[0]!.n === 1, 'the resumed pull');
    expect(fake.requests.some((r) => r.status === 429)).toBe(true);
  });

  it('a token that ran out marks the connection expired, saying what to do', async () => {
    fake.expireTokens();
    await pullAndWait();
    const stored = await row();
    expect(stored.state).toBe('expired');
    expect(stored.last_error).toMatch(/connects the account again/);
    const listed = await harness.admin.get(`/v1/connections/${ids.connection}`);
    expect(listed.body).toMatchObject({ state: 'expired', lastError: expect.stringContaining('code 190') });
  });
});
