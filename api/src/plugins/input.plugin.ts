import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { textErrors, validationErrors, validationFailure } from '../http/input-validation.ts';
import { strictInput } from '../http/strict-input.ts';

export const MERGE_PATCH = 'application/merge-patch+json';

// How every route reads its input, decided once here rather than in each route:
// - body and query schemas are strict at every depth: an unknown field is a 400 naming it, never
//   dropped (the validator, http/input-validation.ts, says which field was probably meant);
// - PATCH bodies are JSON merge patches (http/merge-patch.ts), sent as application/json or
//   application/merge-patch+json, and may carry no defaults: a default in a patch overwrites a
//   field the client left out, which is exactly what a merge patch must never do;
// - no string of the input (JSON body at any depth and its keys, query, path parameters) holds the NUL
//   character, which PostgreSQL text cannot store, or a lone UTF-16 surrogate, which is not text:
//   a 400 naming the field, before any schema or handler sees it.
export const inputPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('preValidation', refuseUnstorableText);

  const json = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser(MERGE_PATCH, { parseAs: 'string' }, (request, body, done) => {
    if (request.method !== 'PATCH') {
      done(Object.assign(new Error(`${MERGE_PATCH} is the media type of a PATCH; send this ${request.method} as application/json.`), { statusCode: 415, code: 'unsupported_media_type' }), undefined);
      return;
    }
    void json(request, typeof body === 'string' ? body : body.toString('utf8'), done);
  });

  app.addHook('onRoute', (route: RouteOptions) => {
    const schema = route.schema;
    if (!schema) return;
    const next = { ...schema };
    // An API route that takes no query or no body takes none at all: `?limt=5` or a body sent to
    // `/submit` is a mistake worth saying, not something to ignore.
    if (route.url.startsWith('/v1/') && !schema.hide) {
      next.querystring ??= z.strictObject({});
      const methods = [route.method].flat();
      // Not a body schema: the document would then call for a body. A hook refuses one instead.
      if (!next.body && methods.some((method) => method === 'POST' || method === 'PUT' || method === 'PATCH')) {
        route.preValidation = [...[route.preValidation ?? []].flat(), refuseBody];
      }
    }
    if (next.body instanceof z.core.$ZodType) next.body = strictInput(next.body);
    if (next.querystring instanceof z.core.$ZodType) next.querystring = strictInput(next.querystring);
    if ([route.method].flat().includes('PATCH') && schema.body instanceof z.core.$ZodType) {
      const defaulted = defaultsIn(schema.body);
      if (defaulted.length) {
        throw new Error(`PATCH ${route.url}: body.${defaulted.join(', body.')} has a default. A PATCH body is a merge patch: build it with mergePatchSchema (http/merge-patch.ts); defaults belong to create.`);
      }
      next.consumes = ['application/json', MERGE_PATCH];
    }
    route.schema = next;
  });
});

// A CSV file (a string body) is left to its import, which rejects the rows with a NUL byte as rows
// (line, column, reason) and stores the good ones.
async function refuseUnstorableText(request: FastifyRequest) {
  const body = typeof request.body === 'string' ? undefined : request.body;
  for (const [context, input] of [['params', request.params], ['querystring', request.query], ['body', body]] as const) {
    const errors = textErrors(input);
    if (errors.length) throw validationFailure(context, errors);
  }
}

const noBody = z.strictObject({});

/** For an operation that takes no body: none, or an empty JSON object, and nothing else. */
async function refuseBody(request: FastifyRequest) {
  if (request.body === undefined || request.body === null) return;
  const result = z.safeParse(noBody, request.body);
  if (!result.success) throw validationFailure('body', validationErrors(noBody, request.body, result.error.issues, request.method));
}

/** The paths of the members of an object schema that have a default (one level deep is what matters). */
function defaultsIn(schema: z.core.$ZodType): string[] {
  const def = (schema as z.core.$ZodTypes)._zod.def;
  if (def.type === 'pipe') return defaultsIn(def.in);
  if (def.type !== 'object') return [];
  return Object.entries(def.shape).filter(([, member]) => hasDefault(member)).map(([key]) => key);
}

function hasDefault(schema: z.core.$ZodType): boolean {
  const def = (schema as z.core.$ZodTypes)._zod.def;
  if (def.type === 'default' || def.type === 'prefault') return true;
  if (def.type === 'optional' || def.type === 'nullable' || def.type === 'readonly') return hasDefault(def.innerType);
  return false;
}
