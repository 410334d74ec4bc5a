import { readFileSync } from 'node:fs';

// The operations of the committed OpenAPI document (api/openapi.json), with their parameters and
// request body schemas resolved ($ref inlined), for the fuzzer to derive requests from.

export type JsonSchema = {
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  $ref?: string;
};

export type Parameter = { name: string; in: 'path' | 'query'; required: boolean; schema: JsonSchema };

export type Operation = {
  /** `get /v1/sources/{id}`, as the other tests that walk the document name operations. */
  key: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  pathParams: Parameter[];
  query: Parameter[];
  /** The media types the body may be sent as, and its schema (a CSV body has a string schema). */
  body?: { contentTypes: string[]; schema: JsonSchema; required: boolean };
  secured: boolean;
};

type Document = {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> }; security?: unknown[] }>>;
  components?: { schemas?: Record<string, JsonSchema> };
  security?: unknown[];
};

export const documentPath = new URL('../../../api/openapi.json', import.meta.url);

export function readOperations(path: URL = documentPath): Operation[] {
  const document = JSON.parse(readFileSync(path, 'utf8')) as Document;
  const resolve = (schema: JsonSchema, seen: string[] = []): JsonSchema => {
    if (schema.$ref) {
      const name = schema.$ref.split('/').pop()!;
      // A schema that names itself (none today) would recurse forever: it stops at the second visit.
      if (seen.includes(name)) return {};
      return resolve(document.components?.schemas?.[name] ?? {}, [...seen, name]);
    }
    const out: JsonSchema = { ...schema };
    if (schema.properties) out.properties = Object.fromEntries(Object.entries(schema.properties).map(([key, value]) => [key, resolve(value, seen)]));
    if (schema.items) out.items = resolve(schema.items, seen);
    for (const key of ['anyOf', 'oneOf', 'allOf'] as const) if (schema[key]) out[key] = schema[key].map((option) => resolve(option, seen));
    if (typeof schema.additionalProperties === 'object') out.additionalProperties = resolve(schema.additionalProperties, seen);
    if (schema.propertyNames) out.propertyNames = resolve(schema.propertyNames, seen);
    return out;
  };
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]): Operation => {
      const parameters = (operation.parameters ?? []).map((p) => ({ ...p, required: Boolean(p.required), schema: resolve(p.schema) }));
      const content = operation.requestBody?.content;
      const firstBody = content ? Object.values(content)[0] : undefined;
      return {
        key: `${method} ${path}`,
        method: method.toUpperCase() as Operation['method'],
        path,
        pathParams: parameters.filter((p) => p.in === 'path'),
        query: parameters.filter((p) => p.in === 'query'),
        ...(content && firstBody ? { body: { contentTypes: Object.keys(content), schema: resolve(firstBody.schema), required: Boolean(operation.requestBody?.required) } } : {}),
        secured: (operation.security ?? document.security ?? []).length > 0,
      };
    }),
  );
}
