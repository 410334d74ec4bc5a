import fc from 'fast-check';

// Values a hostile or broken client sends: the wrong type, text PostgreSQL cannot store, numbers
// past every column, dates that are no dates, forged cursors. Each in the form its place in the
// request takes: a JSON value (with raw number tokens JSON.stringify cannot write), or the
// already percent-encoded text of a query or path parameter.

/** A JSON number token sent as written (`1e400`, `-0`, `9007199254740993`): JSON.parse reads it, JSON.stringify could not write it. */
export class RawJson {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

/** JSON text of a value that may hold RawJson tokens and keys such as `__proto__` (own properties). */
export function jsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`;
  if (value && typeof value === 'object') return `{${Object.keys(value).map((key) => `${JSON.stringify(key)}:${jsonText((value as Record<string, unknown>)[key])}`).join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

/** An object with one more own property, even `__proto__`, which a spread or an assignment would turn into a prototype. */
export function withKey(object: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const name of Object.keys(object)) Object.defineProperty(copy, name, { value: object[name], enumerable: true, writable: true, configurable: true });
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** Percent-encodes text for a URL, a lone surrogate included (as the WTF-8 bytes a broken client sends), which encodeURIComponent refuses. */
export function percentEncode(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const isHigh = unit >= 0xd800 && unit <= 0xdbff;
    const next = text.charCodeAt(i + 1);
    if (isHigh && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(text.slice(i, i + 2));
      i++;
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((byte) => `%${byte.toString(16).toUpperCase()}`).join('');
    } else {
      out += encodeURIComponent(text[i]!);
    }
  }
  return out;
}

const long = (length: number) => fc.constantFrom('a', 'é', '🚀', '\u0000', '0').map((unit) => unit.repeat(length));

export const hostileStrings: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('', ' ', '\t\n', '\u0000', 'a\u0000b', '\ud800', 'x\udfff', '\udc00\ud800', '\ufeff', '\u202egnp.exe', 'e\u0301', '\u200b', 'null', 'undefined', 'NaN', 'true', '[]', '{}', '<script>alert(1)</script>', "'; drop table source; --", '../../etc/passwd', '%00', '%s%n', '=cmd|/c calc', '\\', '"') },
  { weight: 2, arbitrary: long(300) },
  { weight: 1, arbitrary: long(70_000) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
);

/** Numbers past columns and types: 2^31 and 2^53 boundaries, huge, negative, fractional, and tokens JSON.stringify cannot write. */
export const hostileNumbers: fc.Arbitrary<number | RawJson> = fc.oneof(
  fc.constantFrom(-1, 0.5, -0.5, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 32, 2 ** 53 - 1, 2 ** 53, -(2 ** 53), 2 ** 63, 1e21, 1e308, -1e308, Number.MIN_VALUE, 0.1 + 0.2),
  fc.constantFrom('1e400', '-1e400', '-0', '9007199254740993', '123456789012345678901234567890', '1.0', '1e2', '0.0000000000000000000001', '1E+2').map((text) => new RawJson(text)),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
);

export const badDays = ['2026-02-30', '2026-02-29', '2026-13-01', '2026-00-10', '0000-00-00', '2026-3-1', '20260301', '2026-03-01T00:00:00Z', ' 2026-03-01', '+275760-09-13', '-000001-01-01', '9999-99-99', '2026-03-32', '1970-01-01\u0000'];
export const badInstants = ['2026-03-01T25:00:00Z', '2026-03-01T10:00:00', '2026-03-01 10:00:00', '2026-03-01T10:00:00+25:00', '2026-02-30T10:00:00Z', '2026-03-01T10:60:00Z', '+275760-09-13T00:00:00.001Z', '0000-01-01T00:00:00Z', 'Tue Mar 01 2026', '1772359200000', '2026-03-01T10:00:00.Z'];

export const hostileDates: fc.Arbitrary<string> = fc.constantFrom(...badDays, ...badInstants);

/** Ids that are no ids (or nobody's): the nil and max uuids are valid by the schema's pattern. */
export const hostileIds: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('not-a-uuid', '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '{00000000-0000-4000-8000-000000000001}', '00000000000040008000000000000001', '00000000-0000-4000-8000-00000000000g', '1', '-1', '0'),
  fc.uuid().map((id) => id.toUpperCase()),
  fc.uuid({ version: [1, 2, 3, 4, 5, 6, 7, 8] }),
);

const base64url = (text: string) => Buffer.from(text).toString('base64url');

/** Cursors no list gave out: JSON of any shape in base64url, sort values of the wrong type, and no base64 at all. */
export const forgedCursors: fc.Arbitrary<string> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((value) => base64url(JSON.stringify(value))),
  fc.tuple(fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null), fc.boolean(), hostileDates, fc.constantFrom('2026-03-01', '2026-03-01T10:00:00.000Z', '9999-12-31T23:59:59.999Z')), fc.oneof(fc.uuid(), hostileIds, fc.string())).map((pair) => base64url(JSON.stringify(pair))),
  fc.tuple(fc.constantFrom('2026-03-01T10:00:00.000Z', '0001-01-01', '9999-12-31'), fc.uuid(), fc.jsonValue()).map((triple) => base64url(JSON.stringify(triple))),
  fc.base64String({ maxLength: 64 }),
  fc.constantFrom('WyJhYmMiLCJkZWYiXQ', 'garbage!!', '%E2%82', '%00', base64url('["x\\u0000y","00000000-0000-4000-8000-000000000001"]'), base64url('{"__proto__":{"admin":true}}'), 'A'.repeat(512), 'A'.repeat(513)),
);

/** A JSON value of the wrong kind for wherever it lands. */
export const wrongTypes: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, '', 'x', [], {}, [null], { a: 1 }, [[[]]], { $gt: '' }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Anything hostile a JSON field may receive instead of its value. */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(wrongTypes, hostileStrings, hostileNumbers, hostileDates, hostileIds);

/** Keys no operation takes (or takes from the server only), to add to an object. */
export const unknownKeys: fc.Arbitrary<string> = fc.constantFrom('unknownField', '__proto__', 'constructor', 'prototype', 'id', 'workspaceId', 'workspace', 'createdAt', 'role', '', '\u0000', '\ud800', ' name', 'NAME', 'a'.repeat(1000));

/** The percent-encoded text of a hostile query or path parameter: wrong types, broken encodings, NUL. */
export const hostileParameterText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', 'abc', '-1', '0', '1.5', '1e3', '0x10', '99999999999999999999', '2147483648', '9007199254740993', 'NaN', 'Infinity', 'true', 'null', '%00', 'a%00b', '%ED%A0%80', '%E2%82', '%', '%zz', '%2F', '..', '%2E%2E%2F', '%20', '%C0%AF', '%FF%FE'),
  hostileStrings.map(percentEncode),
  hostileDates.map(percentEncode),
  hostileIds.map(percentEncode),
);

/** Media types a JSON body is mislabelled with. */
export const wrongContentTypes: fc.Arbitrary<string | undefined> = fc.constantFrom(undefined, 'text/plain', 'text/csv', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/json; charset=utf-16', 'application/json; charset=latin1', 'application/merge-patch+json', 'application/problem+json', 'application/octet-stream', '*/*', 'application/json, text/plain', 'json', ';;;');

/** Bodies that are not the JSON they claim to be. */
export const brokenJsonBodies: fc.Arbitrary<string | Buffer> = fc.oneof(
  fc.constantFrom('', '{', '{"a":', 'null', '[]', '"x"', '1', 'true', '{"a":1}{', '\ufeff{}', '{"a":1,}', "{'a':1}", '{"__proto__":{"isAdmin":true}}', '{"constructor":{"prototype":{"isAdmin":true}}}', '[' .repeat(5000) + ']'.repeat(5000), '{"a":"\\ud800"}', '{"a":"\\u0000"}', '{"a":1e400}'),
  fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
  fc.constant(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])),
);

/** Headers a broken proxy or client adds: request ids that are no ids, Accept and encodings nobody serves. Printable only: Node refuses control characters in a header before any server sees them. */
export const hostileHeaders: fc.Arbitrary<Record<string, string>> = fc.oneof(
  fc.constantFrom('', ' ', '../../x', '<script>', '%00', 'a'.repeat(129), 'a'.repeat(8000), 'é', 'id with spaces', '00000000-0000-4000-8000-000000000001', "'; drop table", '\u0000').map((id) => ({ 'x-request-id': id })),
  fc.constantFrom('text/csv', 'application/pdf', 'image/png', 'application/xml', '*/*;q=0', 'text/html, application/json;q=0.1', 'application/problem+json', 'garbage').map((accept) => ({ accept })),
  fc.constantFrom('gzip', 'br', 'deflate', 'identity', 'x-unknown').map((encoding) => ({ 'content-encoding': encoding })),
  fc.constantFrom('127.0.0.1', '::1', '169.254.169.254', '10.0.0.1, 8.8.8.8', 'unknown', 'a'.repeat(1000)).map((forwarded) => ({ 'x-forwarded-for': forwarded })),
);
