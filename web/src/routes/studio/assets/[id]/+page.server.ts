import { fail } from '@sveltejs/kit';
import { assetKinds, channels } from '@persona-ops/domain/core';
import { changedFields, shownRecord } from '#lib/changed-fields.ts';
import { fieldErrors } from '#lib/api/client.ts';
import { formText, formValues } from '#lib/form-fields.ts';
import { apiFor, load as call } from '#lib/server/api.ts';
import { loadAssetDetail } from '#lib/server/asset-detail.ts';
import { refuseForm, submitForm } from '#lib/server/form-action.ts';
import { forwardUpload } from '#lib/server/media.ts';
import { readAssetFields, readPlacementFields } from '#lib/studio.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
  const api = apiFor(event);
  const id = event.params.id;
  const [detail, media, posts] = await Promise.all([
    loadAssetDetail(event, api, id),
    call(event, () => api.GET('/v1/assets/{id}/media', { params: { path: { id } } })),
    call(event, () => api.GET('/v1/posts', { params: { query: { assetId: id, limit: 100 } } })),
  ]);
  const brief = await call(event, () => api.GET('/v1/briefs/{id}', { params: { path: { id: detail.asset.briefId } } }));
  return { ...detail, brief, media: media.items, posts: posts.items, channels, kinds: assetKinds, saved: event.url.searchParams.get('saved') };
};

async function place(event: RequestEvent, paid: boolean) {
  const api = apiFor(event);
  const id = event.params.id;
  const name = paid ? 'paidReuse' : 'publish';
  const form = await event.request.formData();
  const values = formValues(form);
  const asset = await call(event, () => api.GET('/v1/assets/{id}', { params: { path: { id } } }));
  const { body, spendMinor, errors } = readPlacementFields((field) => formText(form, field), asset.currency, { paid });
  const channel = channels.find((c) => c === body.channel);
  if (!channel) errors['channel'] = 'choose the channel it was posted on';
  if (Object.keys(errors).length || !channel) return refuseForm(name, values, errors);
  const sent = paid
    ? await submitForm(event, name, values, () => api.POST('/v1/assets/{id}/paid-reuse', { params: { path: { id } }, body: { ...body, channel, spendMinor } }))
    : await submitForm(event, name, values, () => api.POST('/v1/assets/{id}/publish', { params: { path: { id } }, body: { ...body, channel } }));
  return sent.failure ?? { saved: name };
}

export const actions: Actions = {
  // Only the fields this person changed (against the asset as the form showed it) are sent.
  save: async (event) => {
    const api = apiFor(event);
    const id = event.params.id;
    const form = await event.request.formData();
    const values = formValues(form);
    const asset = await call(event, () => api.GET('/v1/assets/{id}', { params: { path: { id } } }));
    const { body, errors } = readAssetFields((name) => formText(form, name), asset.currency);
    const kind = assetKinds.find((k) => k === body.kind);
    if (!kind) errors['kind'] = 'choose what kind of asset this is';
    if (Object.keys(errors).length || !kind) return refuseForm('details', values, errors);
    const { currency: _currency, ...fields } = body;
    const patch = changedFields(shownRecord(formText(form, 'original')) ?? asset, { ...fields, kind });
    if (Object.keys(patch).length === 0) return { saved: 'unchanged' };
    const sent = await submitForm(event, 'details', values, () => api.PATCH('/v1/assets/{id}', { params: { path: { id } }, body: patch }));
    return sent.failure ?? { saved: 'details' };
  },

  // The file goes on to the API as it streams in; its refusal (too large, not an image or video,
  // the asset in review) comes back next to the file field.
  upload: async (event) => {
    const sent = await forwardUpload(event, event.params.id);
    if (sent.problem) return fail(sent.problem.status, { form: 'upload', problem: sent.problem, fieldErrors: fieldErrors(sent.problem), values: {} });
    return { saved: 'upload' };
  },

  submit: async (event) => {
    const api = apiFor(event);
    const sent = await submitForm(event, 'submit', {}, () => api.POST('/v1/assets/{id}/submit', { params: { path: { id: event.params.id } }, body: {} }));
    return sent.failure ?? { saved: 'submit' };
  },

  publish: (event) => place(event, false),
  paidReuse: (event) => place(event, true),
};
