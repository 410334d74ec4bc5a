import { fail, redirect } from '@sveltejs/kit';
import { fieldErrors, type ReviewDecision } from '#lib/api/client.ts';
import { formText } from '#lib/form-fields.ts';
import { apiFor, attempt, load as call } from '#lib/server/api.ts';
import { loadAssetDetail } from '#lib/server/asset-detail.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

// The asset with its media (the revision under review and the one before it) and the brief it answers.
export const load: PageServerLoad = async (event) => {
  const api = apiFor(event);
  const id = event.params.id;
  const [detail, media] = await Promise.all([
    loadAssetDetail(event, api, id),
    call(event, () => api.GET('/v1/assets/{id}/media', { params: { path: { id } } })),
  ]);
  const brief = await call(event, () => api.GET('/v1/briefs/{id}', { params: { path: { id: detail.asset.briefId } } }));
  return { ...detail, media: media.items, brief: { title: brief.title, description: brief.description, openedAt: brief.openedAt } };
};

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
