import type { Handle } from '@sveltejs/kit/hooks';
import { KEY_COOKIE } from '#lib/server/session.ts';

export const handle: Handle = async ({ event, resolve }) => {
  event.locals.apiKey = event.cookies.get(KEY_COOKIE) || null;
  const response = await resolve(event);
  // The CSP (with frame-ancestors 'none') comes from kit.csp in vite.config.ts; these complete it.
  response.headers.set('x-content-type-options', 'nosniff');
  response.headers.set('x-frame-options', 'DENY');
  // same-origin: form posts keep their Origin (SvelteKit's CSRF check); other sites never see a URL (share tokens).
  response.headers.set('referrer-policy', 'same-origin');
  // Pages show workspace data: never let a shared cache keep them.
  if (!response.headers.has('cache-control') && response.headers.get('content-type')?.startsWith('text/html')) {
    response.headers.set('cache-control', 'private, no-store');
  }
  return response;
};
