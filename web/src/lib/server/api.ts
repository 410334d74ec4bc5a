// The server side of the dashboard talks to the API with the user's key from the session cookie.
// API_URL comes from the environment (see src/env.ts; default http://127.0.0.1:3000).
import { error, redirect } from '@sveltejs/kit';
import { API_URL } from '$app/env/private';
import type { RequestEvent } from '@sveltejs/kit';
import { createApiClient, toProblem, type ApiClient, type Problem } from '#lib/api/client.ts';
import { clearKey, setLoginNotice } from './session.ts';

export const apiBaseUrl = API_URL;

type Result<T> = { data?: T; error?: unknown; response: Response };

/** A client for the logged-in user; sends them to the login page when there is no key. */
export function apiFor(event: Pick<RequestEvent, 'locals' | 'url'>): ApiClient {
  const key = event.locals.apiKey;
  if (!key) redirect(303, loginUrl(event.url));
  return clientWithKey(key);
}

export function clientWithKey(key: string): ApiClient {
  return createApiClient({ baseUrl: API_URL, apiKey: key });
}

function loginUrl(url: URL) {
  const back = url.pathname + url.search;
  return back === '/' ? '/login' : `/login?next=${encodeURIComponent(back)}`;
}

function unreachable(cause: unknown): never {
  console.error(`API at ${API_URL} is unreachable`, cause);
  error(503, `The API at ${API_URL} does not answer. Start it (pnpm start) or set API_URL, then reload.`);
}

/**
 * Runs one API call. Returns its data, or a problem for statuses the caller handles itself
 * (e.g. 400 on filters, 422 on a review). 401 ends the session and shows why on the login page;
 * any other failure becomes the error page with the API's detail.
 */
export async function attempt<T>(
  event: Pick<RequestEvent, 'cookies' | 'url'>,
  call: () => Promise<Result<T>>,
): Promise<{ data: T; problem: null } | { data: null; problem: Problem }> {
  let result: Result<T>;
  try {
    result = await call();
  } catch (cause) {
    unreachable(cause);
  }
  const { response } = result;
  if (response.ok) return { data: result.data as T, problem: null };
  const problem = toProblem(result.error, response);
  if (response.status === 401) {
    clearKey(event.cookies, event.url);
    setLoginNotice(event.cookies, event.url, problem.detail);
    redirect(303, loginUrl(event.url));
  }
  return { data: null, problem };
}

/** Like attempt, but every failure other than 401 becomes the error page. */
export async function load<T>(event: Pick<RequestEvent, 'cookies' | 'url'>, call: () => Promise<Result<T>>): Promise<T> {
  const result = await attempt(event, call);
  if (result.problem) error(result.problem.status >= 400 ? result.problem.status : 502, result.problem.detail);
  return result.data;
}
