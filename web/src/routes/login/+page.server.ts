import { fail, redirect } from '@sveltejs/kit';
import { toProblem } from '#lib/api/client.ts';
import { formText } from '#lib/form-fields.ts';
import { apiBaseUrl, clientWithKey } from '#lib/server/api.ts';
import { safeNext } from '#lib/server/safe-next.ts';
import { saveKey, takeLoginNotice } from '#lib/server/session.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ cookies, url, locals }) => {
  const notice = takeLoginNotice(cookies, url);
  if (locals.apiKey && !notice) redirect(303, safeNext(url.searchParams.get('next')));
  return { notice };
};

export const actions: Actions = {
  default: async ({ request, cookies, url }) => {
    const form = await request.formData();
    const key = formText(form, 'apiKey').trim();
    if (!key) {
      return fail(400, {
        problem: { title: 'API key required', detail: 'Paste your API key. An admin of your workspace creates keys; pnpm create-workspace prints the first one.' },
      });
    }
    // The key is checked against the API, and the API's own explanation is shown when it is refused.
    let result;
    try {
      result = await clientWithKey(key).GET('/v1/workspace');
    } catch (cause) {
      console.error(`API at ${apiBaseUrl} is unreachable`, cause);
      return fail(503, { problem: { title: 'API unreachable', detail: `The API at ${apiBaseUrl} does not answer. Start it, or set API_URL for the dashboard.` } });
    }
    if (!result.response.ok) {
      const problem = toProblem(result.error, result.response);
      return fail(result.response.status >= 400 ? result.response.status : 502, { problem: { title: problem.title, detail: problem.detail } });
    }
    saveKey(cookies, url, key);
    redirect(303, safeNext(url.searchParams.get('next')));
  },
};
