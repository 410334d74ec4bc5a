import { campaignGoals } from '@persona-ops/domain/core';
import { changedFields, shownRecord } from '#lib/changed-fields.ts';
import { formText, formValues } from '#lib/form-fields.ts';
import { apiFor, load as call } from '#lib/server/api.ts';
import { campaignFromForm } from '#lib/server/campaign-form.ts';
import { refuseForm, submitForm } from '#lib/server/form-action.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const api = apiFor(event);
  const campaign = await call(event, () => api.GET('/v1/campaigns/{id}', { params: { path: { id: event.params.id } } }));
  return { campaign, goals: campaignGoals, saved: event.url.searchParams.get('saved') };
};

export const actions: Actions = {
  // Only the fields that changed are sent: the API's PATCH is a merge patch.
  default: async (event) => {
    const api = apiFor(event);
    const id = event.params.id;
    const form = await event.request.formData();
    const values = formValues(form);
    const { body, errors } = campaignFromForm(form);
    if (Object.keys(errors).length) return refuseForm('campaign', values, errors);
    const shown = shownRecord(formText(form, 'original')) ?? (await call(event, () => api.GET('/v1/campaigns/{id}', { params: { path: { id } } })));
    const patch = changedFields(shown, body);
    if (Object.keys(patch).length === 0) return { saved: 'unchanged' };
    const sent = await submitForm(event, 'campaign', values, () => api.PATCH('/v1/campaigns/{id}', { params: { path: { id } }, body: patch }));
    return sent.failure ?? { saved: 'campaign', sentFields: Object.keys(patch) };
  },
};
