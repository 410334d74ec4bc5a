import fc from 'fast-check';
import type { FuzzWorld, Role } from './fuzz-world.ts';
import type { Operation, Parameter } from './openapi-operations.ts';
import { csvFile } from './csv-values.ts';
import { brokenJsonBodies, forgedCursors, hostileHeaders, hostileParameterText, jsonText, percentEncode, wrongContentTypes } from './hostile-values.ts';
import { idsOf, kindOfField, kindOfPath, ownIdsOf } from './id-values.ts';
import { sampleBody, varied } from './sample-values.ts';
import { mutatedValue, validValue, type IdValues } from './schema-values.ts';

// Requests for one operation of the document: well-formed ones whose values lean to the edges the
// schemas allow (and to the other workspace's ids), and ones with exactly one thing wrong, so that
// each hostile part is tried past the others' validation: the body, one query or path parameter,
// the media type, the credential.

export type Caller = Role | 'anonymous' | 'revoked' | 'malformed';

export type FuzzRequest = {
  /** What is hostile about it (`valid` for nothing but its values). */
  aspect: 'valid' | 'body' | 'query' | 'path' | 'media' | 'credential' | 'header' | 'method';
  caller: Caller;
  method: Operation['method'] | 'HEAD' | 'OPTIONS';
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
};

type Parts = { path: Record<string, string>; query: string[]; body?: { contentType: string | undefined; payload: string | Buffer } };

const callers: fc.Arbitrary<Role> = fc.oneof({ weight: 5, arbitrary: fc.constant('admin' as const) }, { weight: 1, arbitrary: fc.constantFrom('studio' as const, 'approver' as const, 'executive' as const) });

function authorization(world: FuzzWorld, caller: Caller): fc.Arbitrary<string | undefined> {
  switch (caller) {
    case 'anonymous':
      return fc.constant(undefined);
    case 'revoked':
      return fc.constant(`Bearer ${world.keys.revoked}`);
    case 'malformed':
      return fc.constantFrom('Bearer', 'Bearer ', `bearer ${world.keys.admin}`, `Basic ${Buffer.from('admin:admin').toString('base64')}`, `Bearer ${world.keys.admin}x`, `Bearer ${world.keys.admin.slice(0, -1)}`, `Bearer ${'k'.repeat(8000)}`, `Bearer ${world.keys.admin} ${world.keys.admin}`, 'Bearer ../../etc/passwd', 'Bearer %00');
    default:
      return fc.constant(`Bearer ${world.keys[caller]}`);
  }
}

function pathValue(world: FuzzWorld, operation: Operation, parameter: Parameter, ids: IdValues): fc.Arbitrary<string> {
  if (parameter.name === 'id') return idsOf(world, kindOfPath(operation.path)).map(percentEncode);
  // A share link's token is public by design (it opens the other workspace's report too): only
  // the fuzzer's own token and made-up ones are sent.
  if (parameter.name === 'token') return fc.oneof(fc.constant(world.ownShareToken), fc.base64String({ minLength: 1, maxLength: 64 }).map(percentEncode), fc.string({ minLength: 1 }).map(percentEncode));
  if (parameter.name === 'name') return fc.oneof(fc.constantFrom('ai', 'control'), fc.string({ minLength: 1, maxLength: 100 })).map(percentEncode);
  return validValue(parameter.schema, parameter.name, ids).map((value) => percentEncode(String(value)));
}

function queryValue(parameter: Parameter, ids: IdValues): fc.Arbitrary<string> {
  if (parameter.name === 'cursor') return forgedCursors.map(percentEncode);
  if (parameter.name === 'mapping') {
    const mapping = fc.dictionary(fc.string({ maxLength: 16 }), fc.constantFrom('revenue', 'orders', 'platformPostId', 'views', 'day', 'discountCode', 'postId', 'text', 'nope', ''), { maxKeys: 4 });
    return fc.oneof(mapping.map((m) => JSON.stringify(m)), fc.constantFrom('{}', '[]', 'null', '"x"', '{"a":1}', '{"a":null}', '{"__proto__":{"x":"revenue"}}', '{', 'x', '{"a":"revenue","b":"revenue"}')).map(percentEncode);
  }
  return validValue(parameter.schema, parameter.name, ids).map((value) => percentEncode(String(value)));
}

function validParts(world: FuzzWorld, operation: Operation, ids: IdValues): fc.Arbitrary<Parts> {
  const path = fc.record(Object.fromEntries(operation.pathParams.map((p) => [p.name, pathValue(world, operation, p, ids)])));
  const query = fc.tuple(
    ...operation.query.map((parameter) => {
      const given = queryValue(parameter, ids).map((value) => `${encodeURIComponent(parameter.name)}=${value}`);
      // A cursor (or a column mapping) is sent now and then: most requests list a first page (or read a file by its usual columns).
      const optional = parameter.name === 'cursor' || parameter.name === 'mapping' ? fc.option(given, { freq: 4 }) : fc.option(given, { freq: 2 });
      return parameter.required ? given : optional;
    }),
  ).map((pairs) => pairs.filter((pair): pair is string => typeof pair === 'string'));
  const body = bodyOf(world, operation, ids);
  return fc.record({ path, query, ...(body ? { body } : {}) });
}

function bodyOf(world: FuzzWorld, operation: Operation, ids: IdValues): fc.Arbitrary<Parts['body']> | undefined {
  if (!operation.body) return undefined;
  const contentType = operation.body.contentTypes[0]!;
  if (contentType === 'text/csv') return csvFile(operation.key, ownIdsOf(world), ids('')).map((payload) => ({ contentType, payload }));
  const contentTypes = fc.constantFrom(...operation.body.contentTypes);
  return fc.tuple(bodyValues(world, operation, ids), contentTypes).map(([value, type]) => ({ contentType: type, payload: jsonText(value) }));
}

/** JSON bodies the schema allows: mostly the operation's sample with a field or two changed, else built from the schema alone. */
function bodyValues(world: FuzzWorld, operation: Operation, ids: IdValues): fc.Arbitrary<unknown> {
  const schema = operation.body!.schema;
  const sample = sampleBody(world, operation);
  const built = validValue(schema, 'body', ids);
  return sample === undefined ? built : fc.oneof({ weight: 3, arbitrary: varied(sample, schema, 'body', ids) }, { weight: 1, arbitrary: built });
}

function hostileBody(world: FuzzWorld, operation: Operation, ids: IdValues): fc.Arbitrary<Parts['body']> {
  const contentType = operation.body?.contentTypes[0];
  if (!operation.body || contentType === 'text/csv') {
    // A JSON body where none (or a file) is taken.
    return fc.oneof(fc.constantFrom('{}', '{"a":1}', '[]', 'null'), brokenJsonBodies).map((payload) => ({ contentType: 'application/json', payload }));
  }
  return mutatedValue(bodyValues(world, operation, ids)).map((value) => ({ contentType, payload: jsonText(value) }));
}

function url(operation: Operation, parts: Parts): string {
  const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => parts.path[name] ?? '');
  return parts.query.length ? `${path}?${parts.query.join('&')}` : path;
}

function toRequest(world: FuzzWorld, operation: Operation, aspect: FuzzRequest['aspect'], caller: Caller, parts: Parts): fc.Arbitrary<FuzzRequest> {
  return authorization(world, caller).map((auth) => {
    const headers: Record<string, string> = {};
    if (auth !== undefined) headers['authorization'] = auth;
    if (parts.body?.contentType !== undefined) headers['content-type'] = parts.body.contentType;
    return { aspect, caller, method: operation.method, url: url(operation, parts), headers, ...(parts.body ? { payload: parts.body.payload } : {}) };
  });
}

/** Every request the fuzzer may send for the operation. */
export function requestsFor(world: FuzzWorld, operation: Operation): fc.Arbitrary<FuzzRequest> {
  const ids: IdValues = (field) => idsOf(world, kindOfField(field));
  const valid = validParts(world, operation, ids);
  const aspects: Array<fc.WeightedArbitrary<FuzzRequest>> = [];
  const add = (weight: number, aspect: FuzzRequest['aspect'], parts: fc.Arbitrary<Parts>, caller: fc.Arbitrary<Caller> = callers) =>
    aspects.push({ weight, arbitrary: fc.tuple(parts, caller).chain(([p, c]) => toRequest(world, operation, aspect, c, p)) });

  add(4, 'valid', valid);
  add(operation.body ? 4 : 1, 'body', fc.tuple(valid, hostileBody(world, operation, ids)).map(([parts, body]) => ({ ...parts, body })));
  // One parameter wrong (or repeated), or one the operation does not take.
  const names = operation.query.map((p) => p.name);
  const strayQuery = fc.tuple(fc.constantFrom(...names, 'unknown', 'limt', '__proto__', 'workspaceId', 'a[b]', '%00', ''), hostileParameterText, fc.boolean());
  add(names.length ? 3 : 1, 'query', fc.tuple(valid, strayQuery).map(([parts, [name, text, repeat]]) => {
    const others = repeat ? parts.query : parts.query.filter((pair) => !pair.startsWith(`${name}=`));
    return { ...parts, query: [...others, `${name}=${text}`] };
  }));
  if (operation.pathParams.length) {
    add(2, 'path', fc.tuple(valid, fc.constantFrom(...operation.pathParams.map((p) => p.name)), hostileParameterText).map(([parts, name, text]) => ({ ...parts, path: { ...parts.path, [name]: text } })));
  }
  if (operation.body || operation.method !== 'GET') {
    const media = fc.oneof(
      fc.tuple(wrongContentTypes, fc.option(brokenJsonBodies, { freq: 2 })),
      fc.tuple(fc.constant(operation.body?.contentTypes[0] ?? 'application/json'), brokenJsonBodies.map((b) => b as string | Buffer | null)),
    );
    add(1, 'media', fc.tuple(valid, media).map(([parts, [contentType, broken]]) => ({ ...parts, body: { contentType, payload: broken ?? parts.body?.payload ?? '{}' } })));
  }
  if (operation.secured) add(1, 'credential', valid, fc.constantFrom<Caller>('anonymous', 'revoked', 'malformed'));
  aspects.push({
    weight: 1,
    arbitrary: fc.tuple(valid, callers, hostileHeaders).chain(([parts, caller, headers]) => toRequest(world, operation, 'header', caller, parts).map((request) => ({ ...request, headers: { ...request.headers, ...headers } }))),
  });
  // The same URL with a method it does not take (HEAD of a GET is Fastify's own).
  const methods = (['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const).filter((method) => method !== operation.method);
  aspects.push({
    weight: 1,
    arbitrary: fc.tuple(valid, callers, fc.constantFrom(...methods)).chain(([parts, caller, method]) => toRequest(world, operation, 'method', caller, parts).map((request) => ({ ...request, method }))),
  });
  return fc.oneof(...aspects);
}
