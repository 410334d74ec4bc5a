import type { FastifyRequest } from 'fastify';
import { hashKey } from '../services/api-keys.service.ts';

const hashes = new WeakMap<FastifyRequest, string | null>();

/**
 * The hash of the request's API key ("Authorization: Bearer <key>"), or null without one: worked
 * out once per request for both the rate limit's counter and the key lookup.
 */
export function bearerKeyHash(request: FastifyRequest): string | null {
  let hash = hashes.get(request);
  if (hash === undefined) {
    const key = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    hash = key ? hashKey(key) : null;
    hashes.set(request, hash);
  }
  return hash;
}
