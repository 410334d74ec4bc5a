import { redirect } from '@sveltejs/kit';
import { apiFor, attempt } from '#lib/server/api.ts';
import type { PageServerLoad } from './$types';

// Where the platform sends the browser back after the consent: the code and state go to the API
// with the admin's own key (the state is bound to this workspace and spent once).
export const load: PageServerLoad = async (event) => {
  const params = event.url.searchParams;
  const refused = params.get('error');
  if (refused) return { refused: params.get('error_description') ?? params.get('error_reason') ?? refused, problem: null };
  const code = params.get('code');
  const state = params.get('state');
  if (!code || !state) return { refused: 'The platform sent back no code: start the connection again.', problem: null };
  const api = apiFor(event);
  const finished = await attempt(event, () => api.POST('/v1/connections/callback', { body: { code, state } }));
  if (finished.problem) return { refused: null, problem: finished.problem };
  redirect(303, `/connections?connected=${finished.data.id}`);
};
