import { fail, redirect } from '@sveltejs/kit';
import { fieldErrors, type ReviewDecision } from '#lib/api/client.ts';
import { formText } from '#lib/form-fields.ts';
import { apiFor, attempt } from '#lib/server/api.ts';
import { loadAssetDetail } from '#lib/server/asset-detail.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => loadAssetDetail(event, apiFor(event), event.params.id);

// One action per decision. The reason goes to the API as typed; the API decides whether it is
// required (request changes, reject) and its problem+json is shown next to the field.
async function review(event: RequestEvent, decision: ReviewDecision) {
  const api = apiFor(event);
  const form = await event.request.formData();
  const reason = formText(form, 'reason').trim();
  const title = formText(form, 'title').slice(0, 200);
  const result = await attempt(event, () =>
    api.POST('/v1/assets/{id}/reviews', {
      params: { path: { id: event.params.id } },
      body: reason ? { decision, reason } : { decision },
    }),
  );
  if (result.problem) {
    return fail(result.problem.status, { decision, reason, problem: result.problem, fieldErrors: fieldErrors(result.problem) });
  }
  const params = new URLSearchParams({ reviewed: result.data.title || title, decision });
  redirect(303, `/review?${params}`);
}

export const actions: Actions = {
  approve: (event) => review(event, 'approve'),
  request_changes: (event) => review(event, 'request_changes'),
  reject: (event) => review(event, 'reject'),
};
