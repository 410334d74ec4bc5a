import { error } from '@sveltejs/kit';
import { createClient } from '#lib/server/public-api.ts';
import type { PageServerLoad } from './$types';

// A report shared by link: no session, the token is the only credential.
export const load: PageServerLoad = async ({ params, setHeaders }) => {
  setHeaders({ 'cache-control': 'no-store', 'x-robots-tag': 'noindex', 'referrer-policy': 'no-referrer' });
  let result;
  try {
    result = await createClient().GET('/v1/shared/campaign-report/{token}', { params: { path: { token: params.token } } });
  } catch (cause) {
    console.error('API unreachable for a shared report', cause);
    error(503, 'The report cannot be read right now. Try again in a minute.');
  }
  if (result.response.status === 404 || result.response.status === 400) error(404, 'This link is unknown, expired or revoked. Ask whoever sent it for a new one.');
  if (!result.data) error(result.response.status >= 400 ? result.response.status : 502, (result.error as { detail?: string } | undefined)?.detail ?? 'The report cannot be read.');
  return { report: result.data };
};
