import { redirect } from '@sveltejs/kit';
import { campaignGoals } from '@persona-ops/domain/core';
import { formValues } from '#lib/form-fields.ts';
import { apiFor, load as call } from '#lib/server/api.ts';
import { campaignFromForm } from '#lib/server/campaign-form.ts';
import { refuseForm, submitForm } from '#lib/server/form-action.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const api = apiFor(event);
  const workspace = await call(event, () => api.GET('/v1/workspace'));
  return { currency: workspace.currency, goals: campaignGoals };
};

export const actions: Actions = {
  default: async (event) => {
    const api = apiFor(event);
    const form = await event.request.formData();
    const values = formValues(form);
    const { body, errors } = campaignFromForm(form);
    if (Object.keys(errors).length) return refuseForm('campaign', values, errors);
    const sent = await submitForm(event, 'campaign', values, () => api.POST('/v1/campaigns', { body }));
    if (sent.failure) return sent.failure;
    redirect(303, `/studio/campaigns/${sent.data.id}?saved=created`);
  },
};
