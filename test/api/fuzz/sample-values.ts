import fc from 'fast-check';
import { AT, bodies, ID } from '../operation-samples.ts';
import type { FuzzWorld } from './fuzz-world.ts';
import { kindOfField } from './id-values.ts';
import type { JsonSchema, Operation } from './openapi-operations.ts';
import { validValue, type IdValues } from './schema-values.ts';

// Bodies that the API accepts as they are: the operation samples (operation-samples.ts) with the
// fuzzer's own records in place of the placeholder id and the time after seeding in place of the
// sample instant, then one or two fields changed to other values their schema allows. A body
// built from the schema alone seldom gets past the rules across fields (one of postId or sourceId,
// a draft dated after its brief); these reach the services, the database and the reports.

/** The operation's sample body, made to name the fuzzer's records, or undefined when it has none. */
export function sampleBody(world: FuzzWorld, operation: Operation): unknown {
  const sample = bodies[operation.key]?.body;
  if (!sample) return undefined;
  const rewrite = (value: unknown, field: string): unknown => {
    if (value === ID) return world.own[kindOfField(field) ?? 'source'][0];
    if (value === AT) return world.seededAt;
    if (Array.isArray(value)) return value.map((item) => rewrite(item, field));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, rewrite(item, key)]));
    return value;
  };
  return rewrite(sample, '');
}

/** The value with up to two members (at any depth, the first item of a list) changed to values the schema allows. */
export function varied(value: unknown, schema: JsonSchema, field: string, ids: IdValues): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? schema.anyOf?.find((option) => option.properties)?.properties;
  if (value && typeof value === 'object' && !Array.isArray(value) && properties) {
    const object = value as Record<string, unknown>;
    return fc.subarray(Object.keys(properties), { maxLength: Math.min(2, Object.keys(properties).length) }).chain((names) =>
      fc.tuple(...names.map((name) => (name in object ? fc.oneof(validValue(properties[name]!, name, ids), varied(object[name], properties[name]!, name, ids)) : validValue(properties[name]!, name, ids))))
        .map((values) => ({ ...object, ...Object.fromEntries(names.map((name, i) => [name, values[i]])) })),
    );
  }
  const items = schema.items ?? schema.anyOf?.find((option) => option.items)?.items;
  if (Array.isArray(value) && value.length && items) return varied(value[0], items, field, ids).map((first) => [first, ...value.slice(1)]);
  return fc.oneof(fc.constant(value), validValue(schema, field, ids));
}
