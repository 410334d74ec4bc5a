import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../support/api-harness.ts';

// A cursor is opaque: the client gets it from a page and sends it back. One it did not get (forged,
// truncated, from another list or another sort) is a 400 naming querystring.cursor, never a 500 from
// the database comparing a date column with "abc". Walks EVERY list operation of the OpenAPI document.

const ID = '00000000-0000-4000-8000-000000000001';
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

// The query a list needs to be valid, where it needs one.
const required: Record<string, string> = {
  '/v1/metric-snapshots': `postId=${ID}`,
  '/v1/follower-snapshots': `sourceId=${ID}`,
};

// Wrong for any sort: the sort value of the wrong type for the field is added per sort below.
const forged = [
  'WyJhYmMiLCJkZWYiXQ', // ["abc","def"], the probe's
  encode([true, ID]),
  encode([{ $gt: 1 }, ID]),
  encode([['a'], ID]),
  encode(['2026-03-01T10:00:00.000Z', 'def']),
  encode(['2026-03-01T10:00:00.000Z', 7]),
  encode(['2026-03-01T10:00:00.000Z']),
  encode({ a: 1 }),
  encode(['x\u0000y', ID]),
  'garbage!!',
  '%E2%82',
];

let harness: Awaited<ReturnType<typeof startTestApp>>;
let lists: Array<{ path: string; sorts: string[] }>;

beforeAll(async () => {
  harness = await startTestApp();
  const document = (await harness.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  type Parameter = { name: string; in: string; schema?: { enum?: string[] } };
  lists = Object.entries(document.paths as Record<string, { get?: { parameters?: Parameter[] } }>).flatMap(([path, methods]) => {
    const parameters = methods.get?.parameters ?? [];
    if (!parameters.some((p) => p.in === 'query' && p.name === 'cursor')) return [];
    return [{ path, sorts: parameters.find((p) => p.in === 'query' && p.name === 'sort')?.schema?.enum ?? [] }];
  });
});
afterAll(() => harness.close());

describe('pagination cursors', () => {
  it('finds the list operations', () => {
    expect(lists.length).toBeGreaterThan(10);
  });

  it('answers a forged cursor on every list, with every sort, with a 400 naming querystring.cursor', async () => {
    const failures: string[] = [];
    for (const { path, sorts } of lists) {
      for (const sort of sorts.length ? sorts : [undefined]) {
        const textual = sort !== undefined && ['name', 'title', 'code'].includes(sort);
        // A day that does not exist past the 31st and year 0, which PostgreSQL does not have, were 500s (found by the fuzzer).
        const dates = textual ? [] : [encode(['2026-03-32', ID]), encode(['0000-01-01', ID]), encode(['0000-06-01T00:00:00.000Z', ID])];
        for (const cursor of [...forged, encode([textual ? 12 : 'abc', ID]), encode([textual ? null : '2026-02-30', ID]), ...dates]) {
          const query = [required[path], sort ? `sort=${sort}` : '', `cursor=${cursor}`].filter(Boolean).join('&');
          const response = await harness.admin.get(`${path}?${query}`);
          const ok = response.status === 400
            && JSON.stringify(response.body?.errors) === JSON.stringify([{ field: 'querystring.cursor', message: 'is not a cursor this list gave out; start again without it' }]);
          if (!ok) failures.push(`${path}?${query}: ${response.status} ${JSON.stringify(response.body)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('still follows the cursors it gives out, for every sort of a list (dates, days, names, nulls)', async () => {
    for (const name of ['B', 'A', 'C']) {
      expect((await harness.admin.post('/v1/sources', { kind: 'human_creator', name, ...(name === 'A' ? {} : { launchedOn: '2026-01-0' + (name === 'B' ? '2' : '3') }) })).status).toBe(201);
    }
    for (const sort of ['createdAt', 'name', 'launchedOn']) {
      for (const order of ['asc', 'desc']) {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page: Awaited<ReturnType<typeof harness.admin.get>> = await harness.admin.get(`/v1/sources?sort=${sort}&order=${order}&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
          expect(page.status, JSON.stringify(page.body)).toBe(200);
          seen.push(...page.body.items.map((item: { name: string }) => item.name));
          cursor = page.body.nextCursor;
        } while (cursor);
        expect(seen.toSorted(), `${sort} ${order}`).toEqual(['A', 'B', 'C']);
      }
    }
  });
});
