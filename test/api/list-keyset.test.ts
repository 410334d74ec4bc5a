import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Asset, Campaign, Comment, Post } from '@persona-ops/domain/store';
import { startTestApp, type Client } from '../support/api-harness.ts';
import { approvedAsset, publishAsset } from './campaign-fixtures.ts';

// The campaign, asset, post and comment lists read their pages as rows (not hydrated entities) on
// the cursors the ORM's findByCursor gave. Paged a few rows at a time in every sort and both
// orders, each gives every row once, in PostgreSQL's order of (sort, id), with ties in the sort
// value (same name, same day, same instant) broken by id; their cursors are findByCursor's, byte
// for byte, so a client holding one from before keeps paging; comments apart by less than a
// millisecond are not skipped (findByCursor's millisecond cursor skipped them).

let harness: Awaited<ReturnType<typeof startTestApp>>;
let studio: Client;
const made = { campaigns: [] as string[], assets: [] as string[], posts: [] as string[], sourceId: '' };

const lists = [
  { path: '/v1/campaigns', table: 'campaign', entity: Campaign, sorts: { createdAt: 'created_at', name: 'name', startsOn: 'starts_on' } },
  { path: '/v1/assets', table: 'asset', entity: Asset, sorts: { createdAt: 'created_at', updatedAt: 'updated_at', title: 'title' } },
  { path: '/v1/posts', table: 'post', entity: Post, sorts: { publishedAt: 'published_at', createdAt: 'created_at' } },
  { path: '/v1/comments', table: 'comment', entity: Comment, sorts: { postedAt: 'posted_at' } },
] as const;

const sql = (text: string, params: unknown[] = []) => harness.orm.em.fork().getConnection().execute(text, params);

/** The ids in PostgreSQL's own order of (sort, id): the order every page must follow. */
async function expectedOrder(table: string, column: string, order: 'asc' | 'desc') {
  const rows = await sql(`select id from ${table} where workspace_id = ? order by ${column} ${order}, id ${order}`, [harness.workspaceId]);
  return rows.map((row) => String(row['id']));
}

/** Every page of a list, following nextCursor from the first (or from `cursor`) to the last. */
async function walk(path: string, sort: string, order: string, limit: number, cursor: string | null = null) {
  const pages: Array<{ ids: string[]; nextCursor: string | null }> = [];
  do {
    const page = await studio.get(`${path}?sort=${sort}&order=${order}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    pages.push({ ids: page.body.items.map((item: { id: string }) => item.id), nextCursor: page.body.nextCursor });
    cursor = page.body.nextCursor;
    expect(pages.length).toBeLessThan(100);
  } while (cursor);
  return pages;
}

beforeAll(async () => {
  harness = await startTestApp();
  // The admin: the studio's steps and the approvals.
  studio = harness.admin;
  const source = await studio.post('/v1/sources', { kind: 'ai_character', name: 'Léa Nova', handles: { instagram: '@lea.nova' } });
  // Names and days that repeat, in mixed case and with accents: ties broken by id, text in the database's collation.
  const campaigns = made.campaigns;
  made.sourceId = source.body.id;
  for (const [name, startsOn] of [['Beta', '2026-01-05'], ['alpha', '2026-01-05'], ['Beta', '2026-01-03'], ['Émile', '2026-01-05'], ['gamma', '2026-01-01'], ['alpha', '2026-01-09'], ['Zed', '2026-01-03']] as const) {
    const created = await studio.post('/v1/campaigns', { name, goal: 'engagement', startsOn, endsOn: '2026-12-31', currency: 'USD', targetAction: 'entry' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    campaigns.push(created.body.id as string);
  }
  const [first, second] = campaigns as [string, string];
  const assets = made.assets;
  assets.push(
    await approvedAsset(studio, first, source.body.id, 'USD', { generationCostMinor: 1200, otherCostMinor: 5, productionHours: 1.25 }),
    await approvedAsset(studio, second, source.body.id, 'USD', { generationCostMinor: 0, otherCostMinor: 0, productionHours: 2 }),
  );
  for (const title of ['Teaser', 'teaser', 'Reel', 'Reel', 'Ästhetik']) {
    const brief = await studio.post('/v1/briefs', { campaignId: first, sourceId: source.body.id, title: 'b', openedAt: '2026-02-01T00:00:00Z' });
    const created = await studio.post('/v1/assets', { briefId: brief.body.id, title, kind: 'image', tool: 'mj', currency: 'USD', productionHours: 0.5, draftedAt: '2026-02-01T00:00:00Z' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  }
  const posts = made.posts;
  for (const [index, publishedAt] of ['2026-03-01T10:00:00Z', '2026-03-01T10:00:00Z', '2026-03-02T10:00:00.250Z', '2026-03-01T10:00:00Z', '2026-02-20T08:00:00Z', '2026-03-05T00:00:00Z', '2026-03-02T10:00:00.250Z'].entries()) {
    posts.push(await publishAsset(studio, assets[index % 2]!, index % 3 ? 'instagram' : 'tiktok', publishedAt, index === 4 ? 900 : 0));
  }
  // Instants shared by several rows (created in the same millisecond, or edited together).
  const [c1, c2, c3] = campaigns;
  await sql(`update campaign set created_at = '2026-03-01T10:00:00.500Z' where id in (?, ?, ?)`, [c1, c2, c3]);
  await sql(`update asset set updated_at = '2026-03-01T10:00:00.500Z' where id in (select id from asset where workspace_id = ? order by id limit 4)`, [harness.workspaceId]);
  await sql(`update post set created_at = '2026-03-01T10:00:00.500Z' where id in (?, ?, ?)`, [posts[0], posts[3], posts[6]]);
  // Comments apart by microseconds within one millisecond, and some at the same instant.
  const postedAt = [
    '2026-03-06T09:00:00.123456Z', '2026-03-06T09:00:00.1232Z', '2026-03-06T09:00:00.123Z', '2026-03-06T09:00:00.123Z', '2026-03-06T09:00:00.123999Z',
    '2026-03-06T09:00:00.124Z', '2026-03-06T09:00:00Z', '2026-03-06T09:00:00Z', '2026-03-07T09:00:00.000001Z', '2026-03-07T09:00:00Z', '2026-03-06T08:59:59.999999Z',
  ];
  const bulk = await studio.post('/v1/comments/bulk', { comments: postedAt.map((at, n) => ({ postId: posts[5], platformCommentId: `k${n}`, authorHandle: `@fan${n}`, text: `comment ${n}`, postedAt: at })) });
  expect(bulk.status, JSON.stringify(bulk.body)).toBe(202);
});
afterAll(() => harness.close());

describe('list pages read as rows', () => {
  for (const list of lists) {
    for (const [sort, column] of Object.entries(list.sorts)) {
      for (const order of ['asc', 'desc'] as const) {
        it(`${list.path} by ${sort} ${order}: every row once, in (sort, id) order, across pages`, async () => {
          const expected = await expectedOrder(list.table, column, order);
          expect(expected.length).toBeGreaterThan(6);
          for (const limit of [1, 2, 3]) {
            const pages = await walk(list.path, sort, order, limit);
            expect(pages.flatMap((page) => page.ids), `limit ${limit}`).toEqual(expected);
            expect(pages.slice(0, -1).every((page) => page.ids.length === limit)).toBe(true);
          }
        });
      }
    }
  }

  for (const list of lists.filter((l) => l.table !== 'comment')) {
    it(`${list.path} gives findByCursor's cursors and follows them, in every sort and order`, async () => {
      for (const sort of Object.keys(list.sorts)) {
        for (const order of ['asc', 'desc'] as const) {
          const pages = await walk(list.path, sort, order, 2);
          let after: string | undefined;
          for (const page of pages) {
            const orm = await harness.orm.em.fork().findByCursor(list.entity as typeof Campaign, {
              where: { workspace: harness.workspaceId },
              first: 2,
              ...(after ? { after } : {}),
              orderBy: { [sort]: order, id: order },
              includeCount: false,
            });
            expect(orm.items.map((item) => item.id), `${sort} ${order}`).toEqual(page.ids);
            expect(page.nextCursor, `${sort} ${order}`).toBe(orm.hasNextPage ? orm.endCursor : null);
            after = orm.endCursor ?? undefined;
          }
        }
      }
    });
  }

  it('carries microseconds in a comment cursor only where the instant has them', async () => {
    const pages = await walk('/v1/comments', 'postedAt', 'desc', 1);
    const values = pages.flatMap((page) => (page.nextCursor ? [JSON.parse(Buffer.from(page.nextCursor, 'base64url').toString())[0]] : []));
    expect(values).toContain('2026-03-06T09:00:00.123456Z');
    expect(values).toContain('2026-03-06T09:00:00.1232Z');
    expect(values).toContain('2026-03-06T09:00:00.123Z');
    expect(values).toContain('2026-03-06T09:00:00.000Z');
  });

  it('applies every filter given, on every list', async () => {
    const count = async (url: string) => {
      const page = await studio.get(url);
      expect(page.status, `${url}: ${JSON.stringify(page.body)}`).toBe(200);
      return page.body.items.length as number;
    };
    const [first, second] = made.campaigns;
    const [firstAsset] = made.assets;
    const post = made.posts[5];
    expect(await count('/v1/campaigns?goal=engagement&limit=200')).toBe(7);
    expect(await count('/v1/campaigns?goal=awareness&limit=200')).toBe(0);
    expect(await count('/v1/campaigns?activeOn=2026-01-04&limit=200')).toBe(3);
    expect(await count(`/v1/assets?campaignId=${second}&limit=200`)).toBe(1);
    expect(await count(`/v1/assets?campaignId=${first}&state=draft&limit=200`)).toBe(5);
    expect(await count(`/v1/assets?sourceId=${made.sourceId}&approvedWeek=2026-W05&limit=200`)).toBe(2);
    expect(await count('/v1/assets?approvedWeek=2026-W06&limit=200')).toBe(0);
    expect(await count(`/v1/posts?campaignId=${first}&limit=200`)).toBe(4);
    expect(await count(`/v1/posts?assetId=${firstAsset}&channel=tiktok&limit=200`)).toBe(2);
    expect(await count('/v1/posts?aiLabelApplied=false&limit=200')).toBe(0);
    expect(await count('/v1/posts?from=2026-03-01T10:00:00Z&to=2026-03-05T00:00:00Z&limit=200')).toBe(5);
    expect(await count(`/v1/comments?campaignId=${second}&sourceId=${made.sourceId}&limit=200`)).toBe(11);
    expect(await count(`/v1/comments?postId=${post}&campaignId=${first}&limit=200`)).toBe(0);
    expect(await count(`/v1/comments?postId=${post}&from=2026-03-07T00:00:00Z&limit=200`)).toBe(2);
    expect(await count(`/v1/comments?to=2026-03-06T09:00:00.123Z&limit=200`)).toBe(3);
    expect(await count(`/v1/comments?flagged=false&limit=200`)).toBe(0);
  });
});
