import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { DomainError } from '@persona-ops/domain/core';
import { ApiError } from '../http/api-error.ts';
import { isDatabaseUnreachable } from '../http/database-errors.ts';
import type { Problem } from '../http/problem.ts';

// Domain error codes to HTTP statuses: one table, so every route answers the same way.
const domainStatus: Record<string, number> = {
  invalid_input: 400,
  not_found: 404,
  illegal_transition: 409,
  conflict: 409,
  currency_mismatch: 422,
  fx_rate_missing: 422,
  rule_violation: 422,
};

/** Retry-After of a 503 for an unreachable database: long enough for a restart, short enough to notice it is back. */
const DATABASE_RETRY_AFTER_SECONDS = 5;

const titles: Record<number, string> = {
  400: 'Invalid input',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Payload too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  422: 'Domain rule violated',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

export function problem(request: FastifyRequest, status: number, code: string, detail: string, extra: Partial<Problem> = {}): Problem {
  return {
    type: `https://persona-ops.dev/problems/${code.replaceAll('_', '-')}`,
    title: titles[status] ?? 'Error',
    status,
    detail,
    instance: request.url,
    code,
    ...extra,
  };
}

export function sendProblem(reply: FastifyReply, body: Problem) {
  return reply.status(body.status).type('application/problem+json').send(body);
}

function validationProblem(request: FastifyRequest, error: FastifyError): Problem {
  const where = error.validationContext ?? 'body';
  // Each issue names its field by path (http/input-validation.ts): body.arms.0.spendMinor.
  const errors = error.validation?.length
    ? error.validation.map((issue) => {
        const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
        return { field: path ? `${where}.${path}` : where, message: issue.message ?? 'is invalid' };
      })
    : [{ field: where, message: error.message }];
  const summary = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  return problem(request, 400, 'invalid_input', `The request is invalid. Fix these fields and send it again: ${summary}`, { errors });
}

/**
 * Fastify's router refuses some URLs before any route, hook or error handler runs: a path with a
 * percent-escape that is not UTF-8 (`%zz`, `%C0%AF`) and a path parameter longer than
 * maxParamLength. Fastify would answer them in JSON of its own; this answers the same problem+json
 * as every other 4xx (the `frameworkErrors` option of the Fastify instance, build-app.ts).
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  // Fastify calls this for its side effect (a reply thenable returned here would go unawaited).
  if (error.code === 'FST_ERR_BAD_URL') {
    void sendProblem(reply, problem(request, 400, 'bad_url', 'The URL\'s path is not valid: a percent-escape (%XX) in it does not decode to UTF-8 text. Percent-encode the path as UTF-8 and send it again.', { errors: [{ field: 'params', message: 'is not percent-encoded UTF-8' }] }));
    return;
  }
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    void sendProblem(reply, problem(request, 414, 'uri_too_long', 'A path parameter of this URL is longer than any the API takes (ids are 36 characters). Check the path and send it again.', { errors: [{ field: 'params', message: 'is too long' }] }));
    return;
  }
  request.log.error({ err: error }, 'router error');
  void sendProblem(reply, problem(request, 500, 'internal_error', 'Something went wrong on our side. The error has been logged; try again later.'));
}

export const errorsPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) return sendProblem(reply, validationProblem(request, error));
    if (error instanceof ApiError) {
      return sendProblem(reply, problem(request, error.status, error.code, error.message, error.errors ? { errors: error.errors } : {}));
    }
    if (error instanceof DomainError) {
      const status = domainStatus[error.code] ?? 422;
      const legal = error.details?.['legalActions'];
      const extra: Partial<Problem> = Array.isArray(legal) ? { legalActions: legal.map(String) } : {};
      // A refusal names its fields: every offending one (errors), or the one it is about (field).
      const errors = error.details?.['errors'];
      const field = error.details?.['field'];
      if (Array.isArray(errors)) extra.errors = errors.map((e: { field: unknown; message: unknown }) => ({ field: String(e.field), message: String(e.message) }));
      else if (typeof field === 'string') extra.errors = [{ field, message: error.message }];
      return sendProblem(reply, problem(request, status, error.code, error.message, extra));
    }
    const status = error.statusCode ?? 500;
    if (status === 413) {
      return sendProblem(reply, problem(request, 413, 'payload_too_large', `The request body is larger than this endpoint accepts (${Math.round(request.routeOptions.bodyLimit / 1024 / 1024)} MB). Split the file or the batch and send the parts.`));
    }
    if (status >= 400 && status < 500) {
      // Fastify's own client errors (malformed JSON, wrong content type, body too large).
      const code = (error.code ?? 'bad_request').toLowerCase();
      return sendProblem(reply, problem(request, status, code, error.message));
    }
    if (isDatabaseUnreachable(error)) {
      // Not a fault of this request nor a bug: PostgreSQL is stopped, restarting or refusing
      // connections. The client may send the same request again shortly (GET /ready says when).
      request.log.error({ err: error }, 'database unreachable');
      void reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
      return sendProblem(reply, problem(request, 503, 'database_unavailable', `The database is unreachable right now, so nothing was read or written. Send the request again in a few seconds (Retry-After); GET /ready says when the API is ready again.`));
    }
    request.log.error({ err: error }, 'unhandled error');
    // Never leak internals in a 5xx body.
    return sendProblem(reply, problem(request, 500, 'internal_error', 'Something went wrong on our side. The error has been logged; try again later.'));
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, problem(request, 404, 'route_not_found', `There is no route ${request.method} ${request.url.split('?')[0]}. See /docs for the API.`)),
  );
});
