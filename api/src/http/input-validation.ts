import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';
import { z } from 'zod';
import { knownFieldsAt, unknownFieldMessage } from './strict-input.ts';

// Fastify's validator for the routes' zod schemas (params, query, body). It reports each problem
// as one field and what to do about it: an unknown field by its own path (`body.budget`, with the
// field it probably meant), a null where no null is allowed as such.

export const validatorCompiler: FastifySchemaCompiler<z.core.$ZodType> = ({ schema, method, httpPart }) => (raw: unknown) => {
  // A request without a body reaches the validator as null: no body, not a JSON null.
  const data = httpPart === 'body' && raw === null ? undefined : raw;
  const result = z.safeParse(schema, data);
  if (result.success) return { value: result.data };
  return { error: validationErrors(schema, data, result.error.issues, method) };
};

export function validationErrors(schema: z.core.$ZodType, data: unknown, issues: readonly z.core.$ZodIssue[], method: string): FastifySchemaValidationError[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const known = knownFieldsAt(schema, issue.path);
      return issue.keys.map((key) => error(issue.code, [...issue.path, key], unknownFieldMessage(key, known)));
    }
    if ((issue.code === 'invalid_type' || issue.code === 'invalid_union' || issue.code === 'invalid_value') && valueAt(data, issue.path) === null) {
      const keep = method === 'PATCH' ? ' to keep it as it is' : '';
      return [error(issue.code, issue.path, `cannot be null: send a value, or leave the field out${keep} (null clears only fields that may be empty or have a default)`)];
    }
    if (data === undefined && issue.path.length === 0) return [error(issue.code, [], 'is required: send a JSON object')];
    return [error(issue.code, issue.path, issue.message)];
  });
}

/** A validation error as Fastify raises it, for input checked outside the route's schemas. */
export function validationFailure(context: 'body' | 'querystring', errors: FastifySchemaValidationError[]): Error {
  return Object.assign(new Error(errors.map((e) => `${context}${e.instancePath.replaceAll('/', '.')} ${e.message}`).join(', ')), { statusCode: 400, validation: errors, validationContext: context });
}

function error(keyword: string, path: readonly PropertyKey[], message: string): FastifySchemaValidationError {
  const pointer = path.map(String).join('/');
  return { keyword, instancePath: pointer ? `/${pointer}` : '', schemaPath: `#/${pointer}`, params: {}, message };
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
