import { z } from 'zod';
import { ApiError } from './api-error.ts';

// PATCH is a JSON merge patch (RFC 7396): a field left out stays as it is, `null` removes a field
// (it goes back to its default: null, an empty list or map, or the default value it has at
// creation; a field without one cannot be removed), and an object field is merged member by member
// (e.g. one platform's handle, one KPI's thresholds). The merged resource is validated whole, with
// the same schema as a new one, so a patch can never leave a resource that could not be created.

/** A parsed merge patch: the members to change, `null` for the ones to remove. */
export type MergePatch<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: MergePatch<T[K]> | null } : T;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** RFC 7396 section 2, MergePatch(Target, Patch). Neither argument is changed. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const result: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key === '__proto__') continue;
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

type Schema = z.core.$ZodType;
const defOf = (schema: Schema) => (schema as z.core.$ZodTypes)._zod.def;

/**
 * The merge-patch body for a resource whose whole (valid) state is `resource`, the schema a new one
 * is created with: every member optional and without its default (a default in a PATCH body is what
 * silently resets fields), `null` allowed where the resource has a value to fall back to, objects
 * and maps patched member by member. Object-level checks (e.g. endsOn after startsOn) are not part
 * of it: they apply to the merged resource (`applyMergePatch`).
 */
export function mergePatchSchema<S extends z.ZodObject>(resource: S, id: string, description: string): z.ZodType<MergePatch<z.input<S>>> {
  return patchObject(resource)
    .refine((body) => Object.keys(body).length > 0, { message: 'send at least one field to change', when: (payload) => payload.issues.length === 0 })
    .meta({ id, description: `A JSON merge patch (RFC 7396; application/json or application/merge-patch+json): ${description}` }) as unknown as z.ZodType<MergePatch<z.input<S>>>;
}

function patchObject(object: Schema): z.ZodObject {
  const def = defOf(object);
  const shape = def.type === 'object' ? def.shape : {};
  return z.strictObject(Object.fromEntries(Object.entries(shape).map(([key, member]) => [key, patchMember(member)])));
}

/** A member of a patch object: optional; nullable when the resource can do without it. */
function patchMember(member: Schema): z.ZodType {
  const def = defOf(member);
  const described = (schema: z.ZodType, note: string) => {
    const own = z.globalRegistry.get(member)?.description;
    return schema.describe(own ? `${own}. ${note}` : note);
  };
  switch (def.type) {
    case 'default':
    case 'prefault': {
      const inner = defOf(def.innerType);
      const value = inner.type === 'nullable' ? inner.innerType : def.innerType;
      const note = def.defaultValue === null ? 'null clears it' : `null sets it back to ${JSON.stringify(def.defaultValue)}`;
      return described(patchValue(value).nullable().optional(), note);
    }
    case 'nullable':
      return described(patchValue(def.innerType).nullable().optional(), 'null clears it');
    case 'optional':
      return described(patchValue(def.innerType).nullable().optional(), 'null removes it');
    default:
      return patchValue(member).optional();
  }
}

/** A value in a patch: an object is patched member by member, a map entry by entry; the rest is replaced. */
function patchValue(value: Schema): z.ZodType {
  const def = defOf(value);
  if (def.type === 'object') return patchObject(value);
  if (def.type === 'record') {
    return z.record(def.keyType, patchValue(def.valueType).nullable()).describe('Merged entry by entry: an entry set to null is removed');
  }
  return value as z.ZodType;
}

/**
 * Applies a merge patch to a resource's current state and validates the result whole with the
 * resource schema (its defaults fill the removed members). Returns the new state of the members the
 * patch names, ready to assign; an invalid result is a 400 naming each field.
 */
export function applyMergePatch<S extends z.ZodObject>(resource: S, current: Record<string, unknown>, patch: object): Partial<z.output<S>> {
  const result = z.safeParse(resource, mergePatch(current, patch));
  if (!result.success) {
    const errors = result.error.issues.map((issue) => ({ field: ['body', ...issue.path.map(String)].join('.'), message: issue.message }));
    throw new ApiError(400, 'invalid_input', `The change would leave the resource invalid. Fix these fields and send it again: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`, errors);
  }
  const next: Record<string, unknown> = result.data;
  return Object.fromEntries(Object.keys(patch).filter((key) => key in resource.shape).map((key) => [key, next[key]])) as Partial<z.output<S>>;
}

/** The current values of the resource's members, as the merge patch starts from them. */
export function currentState<S extends z.ZodObject>(resource: S, entity: object): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const key of Object.keys(resource.shape)) {
    const value: unknown = Reflect.get(entity, key);
    if (value !== undefined) values[key] = value;
  }
  return values;
}

/** A PATCH as a service applies it: from the resource as stored, the changed members, merged and checked whole. */
export type Patch<T> = (stored: object) => Partial<T>;

/** The route's half of a PATCH: the body and the resource's schema, so a service never needs the schema. */
export function patchWith<S extends z.ZodObject>(resource: S, patch: object): Patch<z.output<S>> {
  return (stored) => applyMergePatch(resource, currentState(resource, stored), patch);
}
