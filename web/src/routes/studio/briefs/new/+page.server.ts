import { redirect } from '@sveltejs/kit';
import { formText, formValues } from '#lib/form-fields.ts';
import { apiFor } from '#lib/server/api.ts';
import { submitForm } from '#lib/server/form-action.ts';
import { loadLookups } from '#lib/server/lookups.ts';
import { instantOf } from '#lib/studio.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const lookups = await loadLookups(event, apiFor(event));
  return { ...lookups, campaignId: event.url.searchParams.get('campaignId') ?? '' };
};

export const actions: Actions = {
  default: async (event) => {
    const api = apiFor(event);
    const form = await event.request.formData();
    const values = formValues(form);
    const openedAt = instantOf(formText(form, 'openedAt'));
    const body = { campaignId: formText(form, 'campaignId'), sourceId: formText(form, 'sourceId'), title: formText(form, 'title'), description: formText(form, 'description'), ...(openedAt ? { openedAt } : {}) };
    const sent = await submitForm(event, 'brief', values, () => api.POST('/v1/briefs', { body }));
    if (sent.failure) return sent.failure;
    redirect(303, `/studio/assets/new?briefId=${sent.data.id}`);
  },
};
