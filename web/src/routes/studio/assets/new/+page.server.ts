import { redirect } from '@sveltejs/kit';
import { assetKinds } from '@persona-ops/domain/core';
import { formText, formValues } from '#lib/form-fields.ts';
import { apiFor, load as call } from '#lib/server/api.ts';
import { refuseForm, submitForm } from '#lib/server/form-action.ts';
import { loadLookups, nameOf } from '#lib/server/lookups.ts';
import { readAssetFields } from '#lib/studio.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const api = apiFor(event);
  const [lookups, briefs] = await Promise.all([
    loadLookups(event, api),
    call(event, () => api.GET('/v1/briefs', { params: { query: { limit: 100, sort: 'openedAt', order: 'desc' } } })),
  ]);
  return {
    briefs: briefs.items.map((brief) => ({ id: brief.id, label: `${brief.title} — ${nameOf(lookups.sources, brief.sourceId)}, ${nameOf(lookups.campaigns, brief.campaignId)}` })),
    briefId: event.url.searchParams.get('briefId') ?? '',
    kinds: assetKinds,
  };
};

export const actions: Actions = {
  default: async (event) => {
    const api = apiFor(event);
    const form = await event.request.formData();
    const values = formValues(form);
    const briefId = formText(form, 'briefId');
    // Costs are in the campaign's currency: the brief says which campaign.
    const brief = briefId ? await call(event, () => api.GET('/v1/briefs/{id}', { params: { path: { id: briefId } } })) : null;
    if (!brief) return refuseForm('asset', values, { briefId: 'choose the brief this asset answers' });
    const campaign = await call(event, () => api.GET('/v1/campaigns/{id}', { params: { path: { id: brief.campaignId } } }));
    const { body, errors } = readAssetFields((name) => formText(form, name), campaign.currency);
    const kind = assetKinds.find((k) => k === body.kind);
    if (!kind) errors['kind'] = 'choose what kind of asset this is';
    if (Object.keys(errors).length || !kind) return refuseForm('asset', values, errors);
    const sent = await submitForm(event, 'asset', values, () => api.POST('/v1/assets', { body: { ...body, kind, briefId } }));
    if (sent.failure) return sent.failure;
    redirect(303, `/studio/assets/${sent.data.id}?saved=created`);
  },
};
