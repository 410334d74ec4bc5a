import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../support/api-harness.ts';
import { AT, bodies, ID, queries, type Sample } from './operation-samples.ts';

// Walks EVERY operation of the OpenAPI document: a valid body plus one unknown field, and a valid
// query plus one unknown parameter, must answer 400 naming exactly that field, never be dropped.
// An operation with a JSON body and no sample here fails the coverage test, so new routes cannot
// skip the check. The samples need no real records: input is validated before any handler runs.

let harness: Awaited<ReturnType<typeof startTestApp>>;
let operations: Array<{ operation: string; method: string; path: string; jsonBody: boolean }>;

beforeAll(async () => {
  harness = await startTestApp();
  const document = (await harness.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  operations = Object.entries(document.paths as Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>>).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ operation: `${method} ${path}`, method: method.toUpperCase(), path, jsonBody: Boolean(operation.requestBody?.content['application/json']) })),
  );
});
afterAll(() => harness.close());

function urlOf(path: string, sample: Sample) {
  return Object.entries({ id: ID, ...sample.pathParams }).reduce((url, [name, value]) => url.replace(`{${name}}`, encodeURIComponent(value)), path);
}

async function send(method: string, url: string, sample: Sample, body?: unknown) {
  const headers: Record<string, string> = { authorization: `Bearer ${harness.admin.key}` };
  if (sample.csv !== undefined) headers['content-type'] = 'text/csv';
  const payload = sample.csv ?? (body === undefined ? undefined : JSON.stringify(body));
  if (payload !== undefined && sample.csv === undefined) headers['content-type'] = 'application/json';
  const response = await harness.app.inject({ method: method as 'GET', url, headers, ...(payload === undefined ? {} : { payload }) });
  return { status: response.statusCode, body: response.body ? response.json() : undefined, type: response.headers['content-type'] };
}

describe('strict input', () => {
  it('has a sample body for every operation with a JSON request body', () => {
    const missing = operations.filter((op) => op.jsonBody && !(op.operation in bodies)).map((op) => op.operation);
    expect(missing, 'add a valid sample body for these operations').toEqual([]);
  });

  it('refuses an unknown field in the body of every operation that takes JSON, naming it', async () => {
    const failures: string[] = [];
    for (const op of operations.filter((o) => o.jsonBody && o.operation in bodies)) {
      const sample = bodies[op.operation]!;
      const response = await send(op.method, urlOf(op.path, sample), sample, { ...sample.body, notAField: 1 });
      const ok = response.status === 400 && response.type?.startsWith('application/problem+json')
        && JSON.stringify(response.body.errors) === JSON.stringify([{ field: 'body.notAField', message: response.body.errors?.[0]?.message }])
        && /is not a field of this request/.test(response.body.errors[0].message);
      if (!ok) failures.push(`${op.operation}: ${response.status} ${JSON.stringify(response.body)}`);
    }
    expect(failures).toEqual([]);
  });

  it('refuses an unknown query parameter on every operation, naming it', async () => {
    const failures: string[] = [];
    for (const op of operations.filter((o) => o.path.startsWith('/v1/'))) {
      const sample = { ...bodies[op.operation], ...queries[op.operation] };
      const query = [sample.query, 'notAParameter=1'].filter(Boolean).join('&');
      const response = await send(op.method, `${urlOf(op.path, sample)}?${query}`, sample, sample.body);
      const ok = response.status === 400 && JSON.stringify(response.body.errors?.map((e: { field: string }) => e.field)) === '["querystring.notAParameter"]';
      if (!ok) failures.push(`${op.operation}: ${response.status} ${JSON.stringify(response.body)}`);
    }
    expect(failures).toEqual([]);
  });

  it('says which field was meant: POST /v1/campaigns with budget answers 400 "did you mean budgetMinor?" and creates nothing', async () => {
    const before = (await harness.admin.get('/v1/campaigns')).body.items.length;
    const response = await harness.admin.post('/v1/campaigns', { ...bodies['post /v1/campaigns']!.body, budget: 500 });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'invalid_input', errors: [{ field: 'body.budget', message: 'is not a field of this request; did you mean budgetMinor?' }] });
    expect(response.body.detail).toContain('body.budget');
    expect((await harness.admin.get('/v1/campaigns')).body.items.length).toBe(before);
    // Without a close name, the problem lists the fields there are.
    const far = await harness.admin.post('/v1/campaigns', { ...bodies['post /v1/campaigns']!.body, zzz: 1 });
    expect(far.body.errors).toEqual([{ field: 'body.zzz', message: expect.stringMatching(/^is not a field of this request; the fields here are .*budgetMinor/) }]);
  });

  it('regression: a share link takes expiresAt (it was dropped for the 7-day default); one in the past, too far ahead or with expiresInDays is a 400', async () => {
    const campaign = await harness.admin.post('/v1/campaigns', bodies['post /v1/campaigns']!.body);
    const url = `/v1/reports/campaign/${campaign.body.id}/share-links`;
    const at = new Date(Math.floor(Date.now() / 1000) * 1000 + 3 * 86_400_000).toISOString();
    const link = await harness.admin.post(url, { expiresAt: at });
    expect(link.status, JSON.stringify(link.body)).toBe(201);
    expect(link.body.expiresAt).toBe(at);
    const refusals: Array<[object, string]> = [
      [{ expiresAt: '2020-01-01T00:00:00Z' }, 'must be in the future'],
      [{ expiresAt: new Date(Date.now() + 91 * 86_400_000).toISOString() }, 'must be at most 90 days ahead'],
      [{ expiresAt: at, expiresInDays: 3 }, 'send expiresAt or expiresInDays, not both'],
      [{ expires_at: at }, 'is not a field of this request; did you mean expiresAt?'],
    ];
    for (const [body, message] of refusals) {
      const response = await harness.admin.post(url, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.errors).toEqual([{ field: `body.${'expires_at' in body ? 'expires_at' : 'expiresAt'}`, message: expect.stringContaining(message) }]);
    }
  });

  it('refuses unknown fields at any depth, by their path, and every one of them', async () => {
    const paidTest = bodies['post /v1/paid-tests']!.body!;
    const arms = paidTest['arms'] as Array<Record<string, unknown>>;
    const nested = await harness.admin.post('/v1/paid-tests', { ...paidTest, arms: [arms[0], { ...arms[1], spend: 5, colour: 'red' }] });
    expect(nested.status).toBe(400);
    expect(nested.body.errors).toEqual([
      { field: 'body.arms.1.spend', message: 'is not a field of this request; did you mean spendMinor?' },
      { field: 'body.arms.1.colour', message: expect.stringContaining('is not a field of this request') },
    ]);
    const thresholds = await harness.admin.patch('/v1/workspace', { tierOverrides: { ctr: { average: 1, strong: 2, exceptional: 4, exceptionl: 5 } } });
    expect(thresholds.status).toBe(400);
    expect(thresholds.body.errors).toEqual([{ field: 'body.tierOverrides.ctr.exceptionl', message: 'is not a field of this request; did you mean exceptional?' }]);
    const bulk = await harness.admin.post('/v1/comments/bulk', { comments: [{ postId: ID, platformCommentId: 'c1', text: 'hi', postedAt: AT, author: '@x' }] });
    expect(bulk.body.errors).toEqual([{ field: 'body.comments.0.author', message: 'is not a field of this request; did you mean authorHandle?' }]);
  });

  it('refuses a body on an operation that takes none', async () => {
    const response = await harness.admin.post('/v1/classification/backfills', { force: true });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'body.force', message: 'is not a field of this request; this object takes no fields' }]);
  });

  it('documents strict objects: every JSON request body says additionalProperties: false', async () => {
    const document = (await harness.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const resolve = (schema: { $ref?: string }) => (schema.$ref ? document.components.schemas[schema.$ref.split('/').pop()!] : schema);
    for (const op of operations.filter((o) => o.jsonBody)) {
      const schema = resolve(document.paths[op.path][op.method.toLowerCase()].requestBody.content['application/json'].schema);
      expect(schema.additionalProperties, op.operation).toBe(false);
    }
  });

  // How long strictness takes is a benchmark's question, not a unit test's: this one checks that
  // the walk reaches the last of 10,000 rows and names it.
  it('finds an unknown field in the last row of a 10,000-row bulk request', async () => {
    const rows = Array.from({ length: 9_999 }, (_, i) => ({ postId: ID, capturedAt: AT, views: i, likes: i, comments: i, shares: i, saves: i }));
    const body = JSON.stringify({ snapshots: [...rows, { ...rows[0], extra: 1 }] });
    const response = await harness.app.inject({ method: 'POST', url: '/v1/metric-snapshots/bulk', headers: { authorization: `Bearer ${harness.admin.key}`, 'content-type': 'application/json' }, payload: body });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([{ field: 'body.snapshots.9999.extra', message: expect.stringContaining('is not a field') }]);
  });
});
