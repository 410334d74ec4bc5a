// Media go between the browser and the API through the dashboard, which holds the user's key: an
// upload is streamed on as it arrives (never read whole here), a download (with its byte range, so
// a video can seek) is streamed back.
import type { RequestEvent } from '@sveltejs/kit';
import { toProblem, type Media, type Problem } from '#lib/api/client.ts';
import { apiBaseUrl, apiFor, attempt } from './api.ts';

type Event = Pick<RequestEvent, 'request' | 'locals' | 'url' | 'cookies'>;

const keyOf = (event: Event) => {
  apiFor(event); // sends a logged-out user to the login page
  return event.locals.apiKey ?? '';
};

/** Sends the page's multipart form (its one field, `file`) to the API as it streams in. */
export async function forwardUpload(event: Event, assetId: string): Promise<{ data: Media; problem: null } | { data: null; problem: Problem }> {
  const key = keyOf(event);
  const contentType = event.request.headers.get('content-type') ?? '';
  return attempt(event, async () => {
    const response = await fetch(`${apiBaseUrl}/v1/assets/${encodeURIComponent(assetId)}/media`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': contentType, accept: 'application/json, application/problem+json' },
      body: event.request.body,
      duplex: 'half',
    } as RequestInit);
    const body: unknown = await response.json().catch(() => null);
    return response.ok ? { data: body as Media, response } : { error: toProblem(body, response), response };
  });
}

const PASSED_ON = ['content-type', 'content-length', 'content-range', 'accept-ranges', 'cache-control', 'content-disposition'];

/** The API's answer for a media file or thumbnail, streamed back with the headers a player needs. */
export async function proxyMedia(event: Event, path: string): Promise<Response> {
  const key = keyOf(event);
  const range = event.request.headers.get('range');
  const response = await fetch(`${apiBaseUrl}${path}`, { headers: { authorization: `Bearer ${key}`, ...(range ? { range } : {}) } });
  const headers = new Headers();
  for (const name of PASSED_ON) {
    const value = response.headers.get(name);
    if (value) headers.set(name, value);
  }
  return new Response(response.body, { status: response.status, headers });
}
