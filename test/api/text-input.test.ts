import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../support/api-harness.ts';
import { bodies, ID, queries } from './operation-samples.ts';

// PostgreSQL text (and jsonb) cannot hold the NUL character, and a lone UTF-16 surrogate is not
// Unicode (it would be stored as U+FFFD, silently changed). Either, in any string of the input
// (body at any depth, an object key, the query, a path parameter), is a 400 naming the field,
// decided once at the edge. Walks EVERY operation of the OpenAPI document.

const NUL = 'must not contain the NUL character \\u0000';
const SURROGATE = 'must not contain a lone UTF-16 surrogate (\\uD800-\\uDFFF without its pair); send valid Unicode text';

type Operation = { operation: string; method: string; path: string; jsonBody: boolean; query: Array<{ name: string; type: unknown }>; params: string[] };

let harness: Awaited<ReturnType<typeof startTestApp>>;
let operations: Operation[];

beforeAll(async () => {
  harness = await startTestApp();
  const document = (await harness.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  type Parameter = { name: string; in: string; schema?: { type?: unknown } };
  type Op = { requestBody?: { content: Record<string, unknown> }; parameters?: Parameter[] };
  operations = Object.entries(document.paths as Record<string, Record<string, Op>>).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      operation: `${method} ${path}`,
      method: method.toUpperCase(),
      path,
      jsonBody: Boolean(operation.requestBody?.content['application/json']),
      query: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => ({ name: p.name, type: p.schema?.type })),
      params: (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
    })),
  );
});
afterAll(() => harness.close());

/** Every path to a string in a JSON value, with the value. */
function stringsIn(value: unknown, path: string[] = []): Array<{ path: string[]; value: string }> {
  if (typeof value === 'string') return [{ path, value }];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringsIn(item, [...path, String(i)]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => stringsIn(item, [...path, key]));
  return [];
}

function withValue(value: unknown, path: string[], replacement: string): unknown {
  if (!path.length) return replacement;
  const [head, ...rest] = path as [string, ...string[]];
  if (Array.isArray(value)) return value.map((item, i) => (String(i) === head ? withValue(item, rest, replacement) : item));
  return { ...(value as Record<string, unknown>), [head]: withValue((value as Record<string, unknown>)[head], rest, replacement) };
}

function urlOf(path: string, pathParams: Record<string, string> = {}) {
  return Object.entries({ id: ID, ...pathParams }).reduce((url, [name, value]) => url.replace(`{${name}}`, encodeURIComponent(value)), path);
}

async function send(method: string, url: string, body?: unknown, csv?: string) {
  const headers: Record<string, string> = { authorization: `Bearer ${harness.admin.key}` };
  let payload: string | undefined;
  if (csv !== undefined) {
    headers['content-type'] = 'text/csv';
    payload = csv;
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const response = await harness.app.inject({ method: method as 'GET', url, headers, ...(payload === undefined ? {} : { payload }) });
  return { status: response.statusCode, body: response.body ? response.json() : undefined };
}

const refused = (response: { status: number; body: { errors?: unknown } | undefined }, field: string, message: string) =>
  response.status === 400 && JSON.stringify(response.body?.errors) === JSON.stringify([{ field, message }]);

describe('text input', () => {
  it('refuses a NUL or a lone surrogate in every string field of every JSON body, naming the field', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const op of operations.filter((o) => o.jsonBody && o.operation in bodies)) {
      const sample = bodies[op.operation]!;
      for (const { path, value } of stringsIn(sample.body)) {
        for (const [bad, message] of [[`${value}\u0000x`, NUL], ['\ud800', SURROGATE], [`x\udfff${value}`, SURROGATE]] as const) {
          const response = await send(op.method, urlOf(op.path, sample.pathParams), withValue(sample.body, path, bad));
          checked++;
          if (!refused(response, ['body', ...path].join('.'), message)) failures.push(`${op.operation} body.${path.join('.')} ${JSON.stringify(bad)}: ${response.status} ${JSON.stringify(response.body)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });

  it('refuses them in a text field that reaches the database: a source name, a comment, a user name, a workspace name (was a 500)', async () => {
    const cases: Array<[string, string, Record<string, unknown>, string]> = [
      ['POST', '/v1/sources', { kind: 'studio', name: 'Mine\u0000' }, 'body.name'],
      ['POST', '/v1/users', { email: 'nul@a.test', name: 'N\u0000', role: 'studio' }, 'body.name'],
      ['PATCH', '/v1/workspace', { name: '\u0000' }, 'body.name'],
      ['POST', '/v1/campaigns', { name: 'C', goal: 'traffic', startsOn: '2026-03-01', endsOn: '2026-03-31', currency: 'USD', targetAction: 'visit\u0000' }, 'body.targetAction'],
    ];
    for (const [method, url, body, field] of cases) {
      const response = await send(method, url, body);
      expect(response.status, `${method} ${url} ${JSON.stringify(response.body)}`).toBe(400);
      expect(response.body.errors).toEqual([{ field, message: NUL }]);
    }
  });

  it('refuses them in an object key (a column mapping names CSV headers), naming the key', async () => {
    const response = await send('PUT', '/v1/import-mappings/conversions/shopify', { mapping: { 'Mi\u0000ne': 'revenue' } });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'body.mapping.Mi\\u0000ne', message: NUL }]);
  });

  it('refuses them in every string query parameter and path parameter of every operation', async () => {
    const failures: string[] = [];
    for (const op of operations.filter((o) => o.path.startsWith('/v1/'))) {
      const sample = { ...bodies[op.operation], ...queries[op.operation] };
      const given = new URLSearchParams(sample.query ?? '');
      for (const parameter of op.query.filter((p) => p.type === 'string' && !given.has(p.name))) {
        const query = [sample.query, `${parameter.name}=a%00b`].filter(Boolean).join('&');
        const response = await send(op.method, `${urlOf(op.path, sample.pathParams)}?${query}`, sample.body, sample.csv);
        if (!refused(response, `querystring.${parameter.name}`, NUL)) failures.push(`${op.operation} ?${query}: ${response.status} ${JSON.stringify(response.body)}`);
      }
      for (const name of op.params) {
        const url = urlOf(op.path, { ...sample.pathParams, [name]: 'a\u0000b' });
        const response = await send(op.method, `${url}${sample.query ? `?${sample.query}` : ''}`, sample.body, sample.csv);
        if (!refused(response, `params.${name}`, NUL)) failures.push(`${op.operation} ${url}: ${response.status} ${JSON.stringify(response.body)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('leaves a CSV file with a NUL in it to its import, which rejects that row as a row (test/jobs/import-failures.test.ts)', async () => {
    const response = await send('POST', '/v1/imports/comments', undefined, 'Post ID,Comment ID,Comment,Timestamp\nx,1,bad\u0000text,2026-03-01T10:00:00Z\n');
    expect(response.status, JSON.stringify(response.body)).toBe(202);
  });

  it('keeps accepting text with pairs of surrogates (emoji) and other control characters', async () => {
    const response = await send('POST', '/v1/sources', { kind: 'studio', name: 'Léa 🚀\ttab' });
    expect(response.status).toBe(201);
    expect(response.body.name).toBe('Léa 🚀\ttab');
  });
});
