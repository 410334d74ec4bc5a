import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client } from '../support/api-harness.ts';

let harness: Awaited<ReturnType<typeof startTestApp>>;
let studio: Client;
let sourceId: string;
let posts: string[];
let foreignPost: string;
let foreignSource: string;

const HOUR = 3_600_000;
// Every post went live 30 days (720 hours) ago; snapshots are taken hourly after that.
const publishedAt = new Date(Math.floor(Date.now() / HOUR) * HOUR - 30 * 24 * HOUR);
const hour = (n: number) => new Date(publishedAt.getTime() + n * HOUR).toISOString();
const sql = (text: string, params: unknown[] = []) => harness.orm.em.getConnection().execute(text, params);

async function publishedPosts(client: Client, count: number) {
  const source = await client.post('/v1/sources', { kind: 'ai_character', name: 'Léa Nova' });
  const campaign = await client.post('/v1/campaigns', { name: 'c', goal: 'engagement', startsOn: '2026-01-01', endsOn: '2026-12-31', currency: 'USD', targetAction: 'follow' });
  const approvedAt = hour(-1);
  const brief = await client.post('/v1/briefs', { campaignId: campaign.body.id, sourceId: source.body.id, title: 'b', openedAt: approvedAt });
  const ids: string[] = [];
  for (let n = 0; n < count; n++) {
    const asset = await client.post('/v1/assets', { briefId: brief.body.id, title: `a${n}`, kind: 'video', tool: 'runway', currency: 'USD', productionHours: 1, draftedAt: approvedAt });
    await client.post(`/v1/assets/${asset.body.id}/submit`, { submittedAt: approvedAt });
    await client.post(`/v1/assets/${asset.body.id}/reviews`, { decision: 'approve', decidedAt: approvedAt });
    const published = await client.post(`/v1/assets/${asset.body.id}/publish`, { channel: 'tiktok', url: `https://t.example/v/${n}`, aiLabelApplied: true, publishedAt: publishedAt.toISOString() });
    expect(published.status).toBe(201);
    ids.push(published.body.post.id);
  }
  return { sourceId: source.body.id as string, posts: ids };
}

beforeAll(async () => {
  harness = await startTestApp();
  studio = await harness.userWithRole('studio');
  ({ sourceId, posts } = await publishedPosts(harness.admin, 3));
  const other = await harness.newWorkspace('Brand B');
  const theirs = await publishedPosts(other.admin, 1);
  foreignPost = theirs.posts[0]!;
  foreignSource = theirs.sourceId;
});
afterAll(() => harness.close());

// 100 hourly snapshots of each of the 3 posts: 300 rows.
const snapshot = (post: number, h: number, extra: Record<string, unknown> = {}) => ({
  postId: posts[post],
  capturedAt: hour(h),
  views: 1000 * Math.abs(h),
  reach: 800 * Math.abs(h),
  likes: 50 * Math.abs(h),
  comments: 5 * Math.abs(h),
  shares: Math.abs(h),
  saves: 2 * Math.abs(h),
  ...extra,
});
const batch = () => [0, 1, 2].flatMap((post) => Array.from({ length: 100 }, (_, h) => snapshot(post, h + 1)));
const stored = async () => (await sql('select count(*)::int as n, max(updated_at) as touched from metric_snapshot'))[0] as { n: number; touched: Date };

describe('POST /v1/metric-snapshots/bulk', () => {
  it('stores a batch and says how many rows were new', async () => {
    const response = await studio.post('/v1/metric-snapshots/bulk', { snapshots: batch() });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ inserted: 300, updated: 0, unchanged: 0 });
    expect((await stored()).n).toBe(300);
  });

  it('is idempotent on (post, capturedAt): the same batch again writes nothing', async () => {
    const before = await stored();
    const again = await studio.post('/v1/metric-snapshots/bulk', { snapshots: batch() });
    expect(again.body).toEqual({ inserted: 0, updated: 0, unchanged: 300 });
    expect(await stored()).toEqual(before);
  });

  it('updates a re-sent row whose counters changed, and compares times as instants', async () => {
    // Row 0 with more likes; row 1 written with another offset (the same instant) and the same
    // values; row 2 with one counter now unknown; one new row. An omitted counter equals null.
    const shifted = new Date(Date.parse(hour(2)) + 2 * HOUR).toISOString().replace('Z', '+02:00');
    const response = await studio.post('/v1/metric-snapshots/bulk', {
      snapshots: [
        snapshot(0, 1, { likes: 999 }),
        snapshot(0, 2, { capturedAt: shifted }),
        snapshot(0, 3, { saves: null }),
        snapshot(0, 200),
        { ...snapshot(0, 4), impressions: null, views: undefined, reach: 3200 },
      ],
    });
    // Row 4: impressions was unknown already (null = omitted), views now omitted: changed.
    expect(response.body).toEqual({ inserted: 1, updated: 3, unchanged: 1 });
    const [row] = await sql('select likes, saves, views from metric_snapshot where post_id = ? and captured_at = ?', [posts[0], hour(1)]);
    expect(row).toEqual({ likes: '999', saves: '2', views: '1000' });
    const [three] = await sql('select saves from metric_snapshot where post_id = ? and captured_at = ?', [posts[0], hour(3)]);
    expect(three?.saves).toBeNull();
  });

  it('refuses negative and fractional counts (400), naming the row and field, and stores nothing', async () => {
    const before = await stored();
    const bad = await studio.post('/v1/metric-snapshots/bulk', { snapshots: [snapshot(1, 500), snapshot(1, 501, { likes: -1 }), snapshot(1, 502, { views: 10.5 })] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      { field: 'body.snapshots.1.likes', message: 'cannot be negative' },
      { field: 'body.snapshots.2.views', message: 'must be a whole number' },
    ]);
    expect(await stored()).toEqual(before);
  });

  it('refuses an unknown or another workspace\'s post (404)', async () => {
    const before = await stored();
    const unknown = await studio.post('/v1/metric-snapshots/bulk', {
      snapshots: [snapshot(1, 600), snapshot(1, 601, { postId: '00000000-0000-4000-8000-000000000000' }), snapshot(1, 602, { postId: foreignPost })],
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('not_found');
    expect(unknown.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.snapshots.1.postId', 'body.snapshots.2.postId']);
    expect(JSON.stringify(unknown.body)).not.toContain('Brand B');
    expect(await stored()).toEqual(before);
  });

  it('refuses a snapshot from before the post was published, or from the future (422)', async () => {
    const before = await stored();
    const response = await studio.post('/v1/metric-snapshots/bulk', {
      snapshots: [snapshot(1, 700), snapshot(1, -1), { ...snapshot(1, 0), capturedAt: new Date(Date.now() + 3_600_000).toISOString() }],
    });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('rule_violation');
    expect(response.body.errors).toEqual([
      { field: 'body.snapshots.1.capturedAt', message: `is before the post was published (${publishedAt.toISOString()})` },
      { field: 'body.snapshots.2.capturedAt', message: 'is in the future' },
    ]);
    expect(await stored()).toEqual(before);
    // Exactly at publication is fine.
    expect((await studio.post('/v1/metric-snapshots/bulk', { snapshots: [snapshot(1, 0)] })).body).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
  });

  it('refuses a batch naming the same post and time twice (422) and more than 10,000 rows (400)', async () => {
    const twice = await studio.post('/v1/metric-snapshots/bulk', { snapshots: [snapshot(2, 650), snapshot(2, 651), snapshot(2, 650, { likes: 1 })] });
    expect(twice.status).toBe(422);
    expect(twice.body.errors).toEqual([{ field: 'body.snapshots.2.capturedAt', message: 'repeats row 0 (same post and capturedAt); send each once' }]);
    const tooMany = await studio.post('/v1/metric-snapshots/bulk', { snapshots: Array.from({ length: 10_001 }, (_, n) => snapshot(2, 1000 + n)) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0].field).toBe('body.snapshots');
  });

  it('takes 10,000 rows in one request, and only studio or admin keys may write', async () => {
    // Twenty days after publication, one row a second spread over the three posts.
    const rows = Array.from({ length: 10_000 }, (_, n) => ({ ...snapshot(n % 3, 1, { likes: n }), capturedAt: new Date(publishedAt.getTime() + 480 * HOUR + n * 1000).toISOString() }));
    const response = await studio.post('/v1/metric-snapshots/bulk', { snapshots: rows });
    expect(response.status, JSON.stringify(response.body).slice(0, 300)).toBe(200);
    expect(response.body).toEqual({ inserted: 10_000, updated: 0, unchanged: 0 });
    const approver = await harness.userWithRole('approver');
    expect((await approver.post('/v1/metric-snapshots/bulk', { snapshots: [snapshot(0, 1)] })).status).toBe(403);
  });
});

describe('GET /v1/metric-snapshots', () => {
  it('pages through a post\'s series, oldest first, within the period', async () => {
    const first = await studio.get(`/v1/metric-snapshots?postId=${posts[1]}&from=${encodeURIComponent(hour(1))}&to=${encodeURIComponent(hour(61))}&limit=40`);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(40);
    expect(first.body.items[0]).toMatchObject({ postId: posts[1], capturedAt: hour(1), views: 1000, reach: 800, impressions: null, likes: 50, saves: 2, follows: null });
    const second = await studio.get(`/v1/metric-snapshots?postId=${posts[1]}&from=${encodeURIComponent(hour(1))}&to=${encodeURIComponent(hour(61))}&limit=40&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(second.body.items).toHaveLength(20);
    expect(second.body.nextCursor).toBeNull();
    expect(second.body.items.at(-1).capturedAt).toBe(hour(60));
    const latest = await studio.get(`/v1/metric-snapshots?postId=${posts[1]}&order=desc&limit=1&to=${encodeURIComponent(hour(101))}`);
    expect(latest.body.items[0].capturedAt).toBe(hour(100));
  });

  it('needs a post of this workspace', async () => {
    expect((await studio.get('/v1/metric-snapshots')).status).toBe(400);
    expect((await studio.get(`/v1/metric-snapshots?postId=${foreignPost}`)).status).toBe(404);
  });
});

describe('follower snapshots', () => {
  const days = (n: number, start = '2026-09-01') => Array.from({ length: n }, (_, k) => ({ sourceId, date: new Date(Date.parse(start) + k * 86_400_000).toISOString().slice(0, 10), followers: 10_000 + 10 * k }));

  it('stores a batch idempotently on (source, date) and updates a changed count', async () => {
    expect((await studio.post('/v1/follower-snapshots/bulk', { snapshots: days(30) })).body).toEqual({ inserted: 30, updated: 0, unchanged: 0 });
    expect((await studio.post('/v1/follower-snapshots/bulk', { snapshots: days(30) })).body).toEqual({ inserted: 0, updated: 0, unchanged: 30 });
    const changed = days(31).map((row, k) => (k === 5 ? { ...row, followers: 1 } : row));
    expect((await studio.post('/v1/follower-snapshots/bulk', { snapshots: changed })).body).toEqual({ inserted: 1, updated: 1, unchanged: 29 });
  });

  it('refuses negative counts (400), a foreign source (404), a future or repeated date (422)', async () => {
    const negative = await studio.post('/v1/follower-snapshots/bulk', { snapshots: [{ sourceId, date: '2026-08-01', followers: -5 }] });
    expect(negative.status).toBe(400);
    expect(negative.body.errors).toEqual([{ field: 'body.snapshots.0.followers', message: 'cannot be negative' }]);
    const fractional = await studio.post('/v1/follower-snapshots/bulk', { snapshots: [{ sourceId, date: '2026-08-01', followers: 1.5 }] });
    expect(fractional.status).toBe(400);
    const foreign = await studio.post('/v1/follower-snapshots/bulk', { snapshots: [{ sourceId, date: '2026-08-01', followers: 5 }, { sourceId: foreignSource, date: '2026-08-01', followers: 5 }] });
    expect(foreign.status).toBe(404);
    expect(foreign.body.errors).toEqual([{ field: 'body.snapshots.1.sourceId', message: `no source ${foreignSource} in this workspace` }]);
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const rules = await studio.post('/v1/follower-snapshots/bulk', { snapshots: [{ sourceId, date: future, followers: 5 }, { sourceId, date: '2026-08-01', followers: 5 }, { sourceId, date: '2026-08-01', followers: 6 }] });
    expect(rules.status).toBe(422);
    expect(rules.body.errors).toEqual([
      { field: 'body.snapshots.0.date', message: 'is in the future' },
      { field: 'body.snapshots.2.date', message: 'repeats row 1 (same source and date); send each once' },
    ]);
    const [count] = await sql(`select count(*)::int as n from follower_snapshot where date = '2026-08-01'`);
    expect(count?.n).toBe(0);
  });

  it('lists a source\'s series by day, to exclusive', async () => {
    const page = await studio.get(`/v1/follower-snapshots?sourceId=${sourceId}&from=2026-09-05&to=2026-09-10`);
    expect(page.status).toBe(200);
    expect(page.body.items.map((s: { date: string; followers: number }) => [s.date, s.followers])).toEqual([
      ['2026-09-05', 10_040],
      ['2026-09-06', 1],
      ['2026-09-07', 10_060],
      ['2026-09-08', 10_070],
      ['2026-09-09', 10_080],
    ]);
    const first = await studio.get(`/v1/follower-snapshots?sourceId=${sourceId}&from=2026-09-05&to=2026-09-10&limit=3&order=desc`);
    expect(first.body.items.map((s: { date: string }) => s.date)).toEqual(['2026-09-09', '2026-09-08', '2026-09-07']);
    const rest = await studio.get(`/v1/follower-snapshots?sourceId=${sourceId}&from=2026-09-05&to=2026-09-10&limit=3&order=desc&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(rest.body).toMatchObject({ items: [{ date: '2026-09-06' }, { date: '2026-09-05' }], nextCursor: null });
    expect((await studio.get(`/v1/follower-snapshots?sourceId=${foreignSource}`)).status).toBe(404);
    expect((await studio.get(`/v1/follower-snapshots?sourceId=${sourceId}&from=2026-09-05T00:00:00Z`)).status).toBe(400);
  });
});

describe('POST /v1/audience-breakdowns/bulk', () => {
  const day = hour(24).slice(0, 10);
  const row = (extra: Record<string, unknown>) => ({ postId: posts[0], dimension: 'country', key: 'FR', share: 40, capturedOn: day, ...extra });

  it('stores country and language shares of a post or a source, idempotently', async () => {
    const breakdown = [row({}), row({ key: 'DE', share: 35 }), row({ key: 'US', share: 25.4 }), row({ dimension: 'language', key: 'fr', share: 60 }), { sourceId, dimension: 'country', key: 'FR', share: 100, capturedOn: day }];
    expect((await studio.post('/v1/audience-breakdowns/bulk', { breakdowns: breakdown })).body).toEqual({ inserted: 5, updated: 0, unchanged: 0, removed: 0 });
    expect((await studio.post('/v1/audience-breakdowns/bulk', { breakdowns: breakdown })).body).toEqual({ inserted: 0, updated: 0, unchanged: 5, removed: 0 });
  });

  it('replaces a re-sent breakdown of the same subject, dimension and day', async () => {
    // FR changes, DE stays, US is gone, IT is new; the language and the source's rows are another breakdown.
    const response = await studio.post('/v1/audience-breakdowns/bulk', { breakdowns: [row({ share: 50 }), row({ key: 'DE', share: 35 }), row({ key: 'IT', share: 15 })] });
    expect(response.body).toEqual({ inserted: 1, updated: 1, unchanged: 1, removed: 1 });
    const rows = await sql(`select coalesce(post_id, source_id) as subject, dimension, key, share from audience_breakdown order by dimension, post_id nulls last, key`);
    expect(rows.map((r) => `${r.dimension} ${r.key} ${r.share}`)).toEqual(['country DE 35', 'country FR 50', 'country IT 15', 'country FR 100', 'language fr 60']);
  });

  it('refuses shares of one breakdown adding up past 100 (+0.5 rounding) with 422', async () => {
    const rounding = await studio.post('/v1/audience-breakdowns/bulk', { breakdowns: [row({ postId: posts[1], share: 50.2 }), row({ postId: posts[1], key: 'DE', share: 50.2 })] });
    expect(rounding.body).toEqual({ inserted: 2, updated: 0, unchanged: 0, removed: 0 });
    const over = await studio.post('/v1/audience-breakdowns/bulk', { breakdowns: [row({ postId: posts[2], share: 60 }), row({ postId: posts[2], dimension: 'language', key: 'de', share: 60 }), row({ postId: posts[2], key: 'DE', share: 41 })] });
    expect(over.status).toBe(422);
    expect(over.body.errors).toEqual([{ field: 'body.breakdowns.0.share', message: `the country shares of post ${posts[2]} on ${day} (rows 0, 2) add up to 101 %; at most 100 (+0.5 for rounding)` }]);
  });

  it('refuses malformed rows (400): both or neither subject, bad codes, a share over 100', async () => {
    const response = await studio.post('/v1/audience-breakdowns/bulk', {
      breakdowns: [
        row({ sourceId }),
        { dimension: 'country', key: 'FR', share: 1, capturedOn: day },
        row({ key: 'fr' }),
        row({ key: 'FRA' }),
        row({ key: 'EU' }),
        row({ dimension: 'language', key: 'FR' }),
        row({ dimension: 'language', key: 'xx' }),
        row({ share: 100.5 }),
        row({ dimension: 'age', key: '18-24' }),
      ],
    });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'body.breakdowns.0.postId',
      'body.breakdowns.1.postId',
      'body.breakdowns.2.key',
      'body.breakdowns.3.key',
      'body.breakdowns.4.key',
      'body.breakdowns.5.key',
      'body.breakdowns.6.key',
      'body.breakdowns.7.share',
      'body.breakdowns.8.dimension',
    ]);
  });

  it('refuses a foreign post or source (404), a day before the post or in the future, a repeated key (422)', async () => {
    const foreign = await studio.post('/v1/audience-breakdowns/bulk', { breakdowns: [row({ postId: foreignPost }), { sourceId: foreignSource, dimension: 'country', key: 'FR', share: 1, capturedOn: day }] });
    expect(foreign.status).toBe(404);
    expect(foreign.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.breakdowns.0.postId', 'body.breakdowns.1.sourceId']);
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const early = new Date(publishedAt.getTime() - 86_400_000).toISOString().slice(0, 10);
    const rules = await studio.post('/v1/audience-breakdowns/bulk', { breakdowns: [row({ capturedOn: early }), row({ capturedOn: future }), row({ key: 'JP', share: 1 }), row({ key: 'JP', share: 2 })] });
    expect(rules.status).toBe(422);
    expect(rules.body.errors).toEqual([
      { field: 'body.breakdowns.0.capturedOn', message: `is before the post was published (${publishedAt.toISOString().slice(0, 10)})` },
      { field: 'body.breakdowns.1.capturedOn', message: 'is in the future' },
      { field: 'body.breakdowns.3.key', message: 'repeats row 2 (same subject, dimension, key and day); send each once' },
    ]);
    const [count] = await sql(`select count(*)::int as n from audience_breakdown where key = 'JP'`);
    expect(count?.n).toBe(0);
  });
});
