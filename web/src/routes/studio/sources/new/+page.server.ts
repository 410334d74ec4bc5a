import { redirect } from '@sveltejs/kit';
import { sourceKinds } from '@persona-ops/domain/core';
import { formText, formValues } from '#lib/form-fields.ts';
import { apiFor, load as call } from '#lib/server/api.ts';
import { refuseForm, submitForm } from '#lib/server/form-action.ts';
import { readSourceFields } from '#lib/studio.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const api = apiFor(event);
  const workspace = await call(event, () => api.GET('/v1/workspace'));
  return { currency: workspace.currency, kinds: sourceKinds };
};

export const actions: Actions = {
  default: async (event) => {
    const api = apiFor(event);
    const form = await event.request.formData();
    const values = formValues(form);
    const workspace = await call(event, () => api.GET('/v1/workspace'));
    const { body, errors } = readSourceFields((name) => formText(form, name), workspace.currency);
    if (Object.keys(errors).length) return refuseForm('source', values, errors);
    const kind = sourceKinds.find((k) => k === formText(form, 'kind'));
    if (!kind) return refuseForm('source', values, { kind: 'choose what kind of source this is' });
    const sent = await submitForm(event, 'source', values, () => api.POST('/v1/sources', { body: { ...body, kind } }));
    if (sent.failure) return sent.failure;
    redirect(303, `/studio/sources/${sent.data.id}?saved=created`);
  },
};
