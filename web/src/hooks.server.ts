import type { Handle } from '@sveltejs/kit/hooks';
import { KEY_COOKIE } from '#lib/server/session.ts';

export const handle: Handle = async ({ event, resolve }) => {
  event.locals.apiKey = event.cookies.get(KEY_COOKIE) || null;
  const response = await resolve(event);
  // Pages show workspace data: never let a shared cache keep them.
  if (!response.headers.has('cache-control') && response.headers.get('content-type')?.startsWith('text/html')) {
    response.headers.set('cache-control', 'private, no-store');
  }
  return response;
};
