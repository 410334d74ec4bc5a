import fc from 'fast-check';
import type { JsonSchema } from './openapi-operations.ts';
import { hostileDates, hostileIds, hostileJson, hostileNumbers, hostileStrings, unknownKeys, withKey } from './hostile-values.ts';

// Values that look right to a JSON schema of the document, and the same values with one thing
// wrong. "Looks right" reaches the edges the schema allows: the largest integer and the longest
// string it accepts, the first and last day of the calendar, any record's id, ids of the other
// workspace, Unicode text. These are what get past validation to the services and the database.

/** The uuids a field may be given, by the field's name (`campaignId`). */
export type IdValues = (field: string) => fc.Arbitrary<string>;

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

const edgeDays = ['0001-01-01', '1970-01-01', '1999-12-31', '2000-02-29', '2024-02-29', '2026-12-31', '9999-12-31'];
const edgeInstants = ['0001-01-01T00:00:00Z', '1970-01-01T00:00:00Z', '2026-03-01T10:00:00.123456789+14:00', '2026-03-01T10:00:00-12:00', '9999-12-31T23:59:59.999Z', '2026-03-31T23:59:59Z'];

const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const nearDates = fc.date({ min: new Date('2025-06-01T00:00:00Z'), max: new Date('2027-06-01T00:00:00Z'), noInvalidDate: true });

const days = fc.oneof({ weight: 6, arbitrary: nearDates.map(isoDay) }, { weight: 1, arbitrary: fc.constantFrom(...edgeDays) });
const instants = fc.oneof({ weight: 6, arbitrary: nearDates.map((date) => date.toISOString()) }, { weight: 1, arbitrary: fc.constantFrom(...edgeInstants) });

function text(schema: JsonSchema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength;
  const short = Math.max(min, Math.min(max ?? 24, 24));
  return fc.oneof(
    { weight: 5, arbitrary: fc.string({ minLength: min, maxLength: short, unit: 'grapheme-ascii' }) },
    { weight: 2, arbitrary: fc.string({ minLength: min, maxLength: short, unit: 'grapheme' }).filter((s) => max === undefined || s.length <= max) },
    // The longest text the schema allows, in characters that take 1, 2 and 3 bytes in UTF-8; without
    // a limit, longer than any column would hold.
    { weight: 1, arbitrary: fc.constantFrom('a', 'é', '€', ' ').map((unit) => unit.repeat(Math.max(min, max ?? 5000))) },
  );
}

function integer(schema: JsonSchema): fc.Arbitrary<number> {
  const min = Math.max(schema.minimum ?? (schema.exclusiveMinimum !== undefined ? Math.floor(schema.exclusiveMinimum) + 1 : -MAX_SAFE), -MAX_SAFE);
  const max = Math.min(schema.maximum ?? (schema.exclusiveMaximum !== undefined ? Math.ceil(schema.exclusiveMaximum) - 1 : MAX_SAFE), MAX_SAFE);
  const edges = [min, max, 0, 1, 2 ** 15, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 53 - 1, -(2 ** 31), -(2 ** 31) - 1].filter((n) => n >= min && n <= max);
  return fc.oneof({ weight: 5, arbitrary: fc.integer({ min: Math.max(min, -1000), max: Math.max(Math.min(max, 1000), Math.max(min, -1000)) }) }, { weight: 2, arbitrary: fc.constantFrom(...edges) }, { weight: 1, arbitrary: fc.integer({ min, max }) });
}

function number(schema: JsonSchema): fc.Arbitrary<number> {
  const min = schema.minimum ?? schema.exclusiveMinimum ?? -Number.MAX_VALUE;
  const max = schema.maximum ?? schema.exclusiveMaximum ?? Number.MAX_VALUE;
  const inRange = (n: number) => n >= min && n <= max && n !== schema.exclusiveMinimum && n !== schema.exclusiveMaximum;
  const edges = [min, max, 0, 1e-9, 0.1, 1, 99.999999, 1e6, 2 ** 31, 2 ** 53, 1e15, 1e300, Number.MIN_VALUE].filter(inRange);
  const any = fc.double({ min, max, noNaN: true, noDefaultInfinity: true, minExcluded: schema.exclusiveMinimum !== undefined, maxExcluded: schema.exclusiveMaximum !== undefined });
  return edges.length ? fc.oneof({ weight: 3, arbitrary: any }, { weight: 2, arbitrary: fc.constantFrom(...edges) }) : any;
}

function string(schema: JsonSchema, field: string, ids: IdValues): fc.Arbitrary<string> {
  if (schema.format === 'uuid') return ids(field);
  if (schema.format === 'date') return days;
  if (schema.format === 'date-time') return instants;
  if (schema.format === 'email') return fc.oneof(fc.emailAddress().filter((e) => e.length <= (schema.maxLength ?? 254)), fc.constantFrom('a@b.test', 'ADMIN@A.TEST', 'x+tag@sub.a.test'));
  if (schema.format === 'uri') return fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.constantFrom('https://shop.example/', 'http://127.0.0.1/', 'https://user:pw@shop.example/p', 'https://例え.テスト/パス'));
  if (schema.pattern) {
    const matching = fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= (schema.minLength ?? 0) && s.length <= (schema.maxLength ?? Infinity));
    // A currency or a country the API knows, beside any that fits the pattern.
    return schema.pattern === '^[A-Z]{3}$' ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom('USD', 'EUR', 'GBP', 'JPY') }, { weight: 1, arbitrary: matching }) : matching;
  }
  return text(schema);
}

/** A value the schema accepts, leaning to its edges. `field` names it (for the ids it takes). */
export function validValue(schema: JsonSchema, field: string, ids: IdValues): fc.Arbitrary<unknown> {
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const options = schema.anyOf ?? schema.oneOf;
  if (options?.length) return fc.oneof(...options.map((option) => validValue(option, field, ids)));
  if (schema.allOf?.length) return validValue(Object.assign({}, ...schema.allOf) as JsonSchema, field, ids);
  if (Array.isArray(schema.type)) return fc.oneof(...schema.type.map((type) => validValue({ ...schema, type }, field, ids)));
  switch (schema.type) {
    case 'string':
      return string(schema, field, ids);
    case 'integer':
      return integer(schema);
    case 'number':
      return number(schema);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const minLength = schema.minItems ?? 0;
      return fc.array(schema.items ? validValue(schema.items, field, ids) : fc.jsonValue({ maxDepth: 1 }), { minLength, maxLength: Math.min(schema.maxItems ?? minLength + 2, minLength + 2) });
    }
    case 'object':
      return object(schema, field, ids);
    default:
      return schema.properties ? object(schema, field, ids) : fc.jsonValue({ maxDepth: 2 });
  }
}

function object(schema: JsonSchema, field: string, ids: IdValues): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const known = fc.record(Object.fromEntries(Object.entries(properties).map(([name, member]) => [name, validValue(member, name, ids)])), { requiredKeys: (schema.required ?? []).filter((name) => name in properties) });
  if (typeof schema.additionalProperties !== 'object') return known;
  // A record (a column mapping, shares by source): keys from propertyNames, values from the schema.
  const keys = schema.propertyNames ? validValue({ type: 'string', ...schema.propertyNames }, field, ids).map(String) : fc.string({ maxLength: 20 });
  const extra = fc.dictionary(keys, validValue(schema.additionalProperties, field, ids), { maxKeys: 4 });
  return fc.tuple(known, extra).map(([fixed, more]) => ({ ...more, ...fixed }));
}

type Location = { path: Array<string | number>; at: unknown };

function locations(value: unknown, path: Array<string | number> = []): Location[] {
  const here = [{ path, at: value }];
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, i) => locations(item, [...path, i]))];
  if (value && typeof value === 'object') return [...here, ...Object.entries(value).flatMap(([key, item]) => locations(item, [...path, key]))];
  return here;
}

function replaceAt(value: unknown, path: Array<string | number>, change: (at: unknown) => unknown): unknown {
  if (!path.length) return change(value);
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((item, i) => (i === head ? replaceAt(item, rest, change) : item));
  const object = value as Record<string, unknown>;
  return Object.fromEntries(Object.keys(object).map((key) => [key, key === head ? replaceAt(object[key], rest, change) : object[key]]));
}

const uuidLike = /^[0-9a-f]{8}-/i;
const dateLike = /^\d{4}-\d\d-\d\d/;

/** What a hostile client puts where this value was: aimed at its kind, sometimes anything at all. */
function hostileFor(at: unknown): fc.Arbitrary<unknown> {
  if (typeof at === 'number') return fc.oneof({ weight: 3, arbitrary: hostileNumbers }, { weight: 1, arbitrary: hostileJson });
  if (typeof at === 'string' && uuidLike.test(at)) return fc.oneof(hostileIds, hostileStrings, hostileJson);
  if (typeof at === 'string' && dateLike.test(at)) return fc.oneof({ weight: 3, arbitrary: hostileDates }, { weight: 1, arbitrary: hostileJson });
  if (typeof at === 'string') return fc.oneof({ weight: 3, arbitrary: hostileStrings }, { weight: 1, arbitrary: hostileJson });
  // One more item than any list takes (10,000), each a copy of the first when it is small.
  if (Array.isArray(at)) return fc.oneof(hostileJson, fc.constant([]), fc.constant(Array.from({ length: 10_001 }, () => (JSON.stringify(at[0] ?? null).length < 300 ? at[0] : 0))));
  return hostileJson;
}

/**
 * The value with one thing wrong: a member replaced by a hostile value, an unknown member added, a
 * required one removed. Ids of the other workspace stay where the valid value put them: in fields
 * that name a record.
 */
export function mutatedValue(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return valid.chain((value) => {
    const places = locations(value);
    const replace = fc.constantFrom(...places).chain((place) => hostileFor(place.at).map((bad) => replaceAt(value, place.path, () => bad)));
    const objects = places.filter((place) => place.at && typeof place.at === 'object' && !Array.isArray(place.at));
    if (!objects.length) return replace;
    // Not the other workspace's ids: an object that takes any key (a source's handles) stores
    // them as text, and the fuzzer would then read them back as if they had leaked.
    const extraValue = fc.oneof(hostileJson, fc.uuid({ version: 4 }), fc.constant('x'));
    const add = fc.tuple(fc.constantFrom(...objects), unknownKeys, extraValue).map(([place, key, extra]) => replaceAt(value, place.path, (at) => withKey(at as Record<string, unknown>, key, extra)));
    const withMembers = objects.filter((place) => Object.keys(place.at as object).length);
    const remove = withMembers.length
      ? fc.constantFrom(...withMembers).chain((place) => fc.constantFrom(...Object.keys(place.at as object)).map((gone) => replaceAt(value, place.path, (at) => Object.fromEntries(Object.entries(at as object).filter(([key]) => key !== gone)))))
      : replace;
    return fc.oneof({ weight: 4, arbitrary: replace }, { weight: 2, arbitrary: add }, { weight: 1, arbitrary: remove });
  });
}
