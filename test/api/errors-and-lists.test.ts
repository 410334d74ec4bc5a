import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../support/api-harness.ts';

let harness: Awaited<ReturnType<typeof startTestApp>>;

beforeAll(async () => {
  harness = await startTestApp();
});
afterAll(() => harness.close());

describe('problem+json errors', () => {
  it('answers a malformed JSON body with 400, not 500', async () => {
    const response = await harness.app.inject({
      method: 'POST',
      url: '/v1/sources',
      headers: { authorization: `Bearer ${harness.admin.key}`, 'content-type': 'application/json' },
      payload: '{"kind": "studio", "name": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 400, title: expect.any(String), detail: expect.any(String) });
  });

  it('answers a missing or unknown key with 401 and says how to get one', async () => {
    const missing = await harness.app.inject({ method: 'GET', url: '/v1/sources' });
    expect(missing.statusCode).toBe(401);
    expect(missing.json().detail).toContain('Authorization: Bearer');
    const unknown = await harness.app.inject({ method: 'GET', url: '/v1/sources', headers: { authorization: 'Bearer po_nope' } });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().code).toBe('unknown_api_key');
  });

  it('answers an unknown route with a problem', async () => {
    const response = await harness.admin.get('/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('route_not_found');
  });

  it('answers a path the router refuses (bad percent-escape, over-long parameter) with a problem, not its own JSON', async () => {
    for (const [url, status, code] of [['/v1/sources/%zz', 400, 'bad_url'], ['/v1/assets/%C0%AF/submit', 400, 'bad_url'], [`/v1/campaigns/${'a'.repeat(101)}`, 414, 'uri_too_long']] as const) {
      const response = await harness.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${harness.admin.key}` } });
      expect(response.statusCode, url).toBe(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ status, code, type: expect.any(String), title: expect.any(String), detail: expect.any(String), instance: url, errors: [{ field: 'params', message: expect.any(String) }] });
    }
  });

  it('answers a foreign-looking bad id with 400 naming the parameter', async () => {
    const response = await harness.admin.get('/v1/sources/not-a-uuid');
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'params.id' })]);
  });

  it('refuses a campaign that ends before it starts, and an unknown currency', async () => {
    const response = await harness.admin.post('/v1/campaigns', { name: 'x', goal: 'sales', startsOn: '2026-05-01', endsOn: '2026-04-01', currency: 'XYZ', targetAction: 'buy' });
    expect(response.status).toBe(400);
    const fields = response.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body.currency']));
    const ordered = await harness.admin.post('/v1/campaigns', { name: 'x', goal: 'sales', startsOn: '2026-05-01', endsOn: '2026-04-01', currency: 'USD', targetAction: 'buy' });
    expect(ordered.status).toBe(400);
    expect(ordered.body.errors).toEqual([expect.objectContaining({ field: 'body.endsOn' })]);
  });

  it('refuses an invalid cursor with 400 instead of failing', async () => {
    const response = await harness.admin.get('/v1/sources?cursor=garbage!!');
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'querystring.cursor' })]);
  });

  it('refuses tier overrides that are not monotonic, and applies good ones', async () => {
    const bad = await harness.admin.patch('/v1/workspace', { tierOverrides: { ctr: { average: 3, strong: 1, exceptional: 5 } } });
    expect(bad.status).toBe(400);
    const good = await harness.admin.patch('/v1/workspace', { tierOverrides: { ctr: { average: 1, strong: 2, exceptional: 4 } } });
    expect(good.status).toBe(200);
    expect(good.body.tierOverrides.ctr).toEqual({ average: 1, strong: 2, exceptional: 4 });
  });

  it('never leaks internals in a 5xx body', async () => {
    // A table gone from under the app makes the next query fail inside the server.
    const broken = await startTestApp();
    await broken.orm.em.getConnection().execute('drop table "source" cascade');
    const response = await broken.app.inject({ method: 'GET', url: '/v1/sources', headers: { authorization: `Bearer ${broken.admin.key}` } });
    expect(response.statusCode).toBe(500);
    const body = response.json();
    expect(body.code).toBe('internal_error');
    expect(JSON.stringify(body)).not.toMatch(/pool|knex|kysely|select|postgres|stack|at /i);
    await broken.close();
  });
});

describe('lists', () => {
  it('pages through every record exactly once with the cursor, in the asked order', async () => {
    for (let i = 0; i < 7; i += 1) await harness.admin.post('/v1/sources', { kind: 'human_creator', name: `Creator ${String(i).padStart(2, '0')}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof harness.admin.get>> = await harness.admin.get(`/v1/sources?kind=human_creator&sort=name&order=asc&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((s: { name: string }) => s.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Creator 00', 'Creator 01', 'Creator 02', 'Creator 03', 'Creator 04', 'Creator 05', 'Creator 06']);
  });

  it('filters assets by state and period', async () => {
    const source = await harness.admin.post('/v1/sources', { kind: 'studio', name: 'Studio' });
    const campaign = await harness.admin.post('/v1/campaigns', { name: 'c', goal: 'awareness', startsOn: '2026-01-01', endsOn: '2026-12-31', currency: 'EUR', targetAction: 'visit' });
    const brief = await harness.admin.post('/v1/briefs', { campaignId: campaign.body.id, sourceId: source.body.id, title: 'b' });
    const make = async (title: string) =>
      (await harness.admin.post('/v1/assets', { briefId: brief.body.id, title, kind: 'video', tool: 'camera', currency: 'EUR', productionHours: 0 })).body.id as string;
    const a = await make('a');
    await make('b');
    await harness.admin.post(`/v1/assets/${a}/submit`);
    const inReview = await harness.admin.get(`/v1/assets?state=in_review&campaignId=${campaign.body.id}`);
    expect(inReview.body.items.map((x: { title: string }) => x.title)).toEqual(['a']);
    const drafts = await harness.admin.get(`/v1/assets?state=draft&campaignId=${campaign.body.id}`);
    expect(drafts.body.items.map((x: { title: string }) => x.title)).toEqual(['b']);
    const future = await harness.admin.get(`/v1/assets?from=2999-01-01T00:00:00Z&campaignId=${campaign.body.id}`);
    expect(future.body.items).toEqual([]);
    const mismatch = await harness.admin.post('/v1/assets', { briefId: brief.body.id, title: 'usd', kind: 'video', tool: 'camera', currency: 'USD', productionHours: 0 });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.code).toBe('currency_mismatch');
  });
});
