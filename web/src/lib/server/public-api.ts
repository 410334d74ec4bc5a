// The API's public routes (a shared report): no key, so nothing of the session goes with them.
import createOpenApiClient from 'openapi-fetch';
import type { paths } from '#lib/api/client.ts';
import { apiBaseUrl } from './api.ts';

export function createClient() {
  return createOpenApiClient<paths, `${string}/json`>({ baseUrl: apiBaseUrl, headers: { accept: 'application/json, application/problem+json' } });
}
