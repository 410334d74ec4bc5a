import { z } from 'zod';

// Input is strict: a field the API does not know is refused, never dropped, so a typo (`budget` for
// `budgetMinor`) cannot silently become "no budget". The input plugin passes every route's body and
// query schema through `strictInput` once, at registration; the OpenAPI document is generated from
// the same strict schemas, so it says `additionalProperties: false` wherever the API refuses extras.

type Schema = z.core.$ZodType;
type Def = z.core.$ZodTypes['_zod']['def'];

const defOf = (schema: Schema): Def => (schema as z.core.$ZodTypes)._zod.def;
const strictCache = new WeakMap<Schema, Schema>();

/**
 * The same schema with every object in it strict (unknown keys refused), at any depth: inside
 * arrays, records, unions, optional, nullable and default wrappers and pipes. An object that already
 * says what to do with extra keys (`.catchall()`, `.loose()`) keeps it. Checks and descriptions are kept.
 */
export function strictInput<T extends Schema>(schema: T): T {
  return strict(schema) as T;
}

function strict(schema: Schema): Schema {
  const cached = strictCache.get(schema);
  if (cached) return cached;
  const changes = strictChanges(defOf(schema));
  let result = schema;
  if (changes) {
    result = (schema as z.ZodType).clone(withChanges(defOf(schema), changes));
    // Descriptions and examples live in the registry, keyed by the instance; the id is not copied
    // (one id names one schema), so a strict copy of a named schema is inlined in the document.
    const { id: _id, ...meta } = z.globalRegistry.get(schema) ?? {};
    if (Object.keys(meta).length) z.globalRegistry.add(result, meta);
  }
  strictCache.set(schema, result);
  return result;
}

/** A copy of a def with some members replaced (getters, such as an object's shape, copied as getters). */
function withChanges<D extends object>(def: D, changes: Record<string, unknown>): D {
  return Object.defineProperties({}, { ...Object.getOwnPropertyDescriptors(def), ...Object.getOwnPropertyDescriptors(changes) }) as D;
}

/** The def members that change when the schema becomes strict; undefined when nothing does. */
function strictChanges(def: Def): Record<string, unknown> | undefined {
  const changed = (entries: Record<string, Schema | undefined>) => {
    const out: Record<string, Schema> = {};
    let any = false;
    for (const [key, value] of Object.entries(entries)) {
      if (!value) continue;
      out[key] = strict(value);
      if (out[key] !== value) any = true;
    }
    return any ? out : undefined;
  };
  switch (def.type) {
    case 'object': {
      const shape = changed(def.shape);
      if (!shape && def.catchall) return undefined;
      return { shape: shape ?? def.shape, catchall: def.catchall ?? z.never() };
    }
    case 'array':
      return changed({ element: def.element });
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
    case 'success':
      return changed({ innerType: def.innerType });
    case 'pipe':
      return changed({ in: def.in, out: def.out });
    case 'record':
      return changed({ valueType: def.valueType });
    case 'intersection':
      return changed({ left: def.left, right: def.right });
    case 'union': {
      const options = def.options.map(strict);
      return options.some((option, i) => option !== def.options[i]) ? { options } : undefined;
    }
    case 'tuple': {
      const items = def.items.map(strict);
      const rest = def.rest ? strict(def.rest) : null;
      return items.some((item, i) => item !== def.items[i]) || rest !== def.rest ? { items, rest } : undefined;
    }
    case 'lazy': {
      const getter = def.getter;
      return { getter: () => strict(getter()) };
    }
    default:
      return undefined;
  }
}

/**
 * The fields an object at `path` of the schema accepts (for unions: any option's), to say which
 * field an unknown one was probably meant to be.
 */
export function knownFieldsAt(schema: Schema, path: readonly PropertyKey[]): string[] {
  const fields = new Set<string>();
  const walk = (node: Schema, rest: readonly PropertyKey[], depth: number) => {
    if (depth > 32) return;
    const def = defOf(node);
    const [head, ...tail] = rest;
    switch (def.type) {
      case 'object':
        if (head === undefined) for (const key of Object.keys(def.shape)) fields.add(key);
        else {
          const child = def.shape[String(head)] ?? def.catchall;
          if (child) walk(child, tail, depth + 1);
        }
        return;
      case 'array':
        if (head !== undefined) walk(def.element, tail, depth + 1);
        return;
      case 'record':
        if (head !== undefined) walk(def.valueType, tail, depth + 1);
        return;
      case 'tuple': {
        const item = typeof head === 'number' ? (def.items[head] ?? def.rest) : undefined;
        if (item) walk(item, tail, depth + 1);
        return;
      }
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'readonly':
      case 'catch':
      case 'nonoptional':
      case 'success':
        walk(def.innerType, rest, depth + 1);
        return;
      case 'pipe':
        walk(def.in, rest, depth + 1);
        walk(def.out, rest, depth + 1);
        return;
      case 'intersection':
        walk(def.left, rest, depth + 1);
        walk(def.right, rest, depth + 1);
        return;
      case 'union':
        for (const option of def.options) walk(option, rest, depth + 1);
        return;
      case 'lazy':
        walk(def.getter(), rest, depth + 1);
        return;
      default:
        return;
    }
  };
  walk(schema, path, 0);
  return [...fields];
}

const normalise = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The known field an unknown one most likely meant: same letters, a prefix of it, or a typo away. */
export function closestField(unknown: string, known: readonly string[]): string | undefined {
  const wanted = normalise(unknown);
  if (!wanted) return undefined;
  const scored = known.map((name) => {
    const candidate = normalise(name);
    if (candidate === wanted) return { name, score: 0 };
    // `budget` → `budgetMinor`, `spend` → `spendMinor`, `expiresIn` → `expiresInDays`.
    if (wanted.length >= 3 && (candidate.startsWith(wanted) || wanted.startsWith(candidate))) return { name, score: 1 };
    const distance = editDistance(wanted, candidate);
    return { name, score: distance <= Math.max(1, Math.floor(wanted.length / 4)) ? 1 + distance : Infinity };
  });
  const best = scored.filter((s) => s.score < Infinity).sort((a, b) => a.score - b.score)[0];
  return best?.name;
}

/** What the problem says about an unknown field: its likely meaning, else the fields there are. */
export function unknownFieldMessage(unknown: string, known: readonly string[]): string {
  const guess = closestField(unknown, known);
  if (guess) return `is not a field of this request; did you mean ${guess}?`;
  if (!known.length) return 'is not a field of this request; this object takes no fields';
  const listed = known.length > 12 ? `${known.slice(0, 12).join(', ')}, …` : known.join(', ');
  return `is not a field of this request; the fields here are ${listed}`;
}
