import { costKinds, costStatuses } from '@persona-ops/domain/core';
import { changedFields, shownRecord } from '#lib/changed-fields.ts';
import { formText, formValues } from '#lib/form-fields.ts';
import { apiFor, load as call } from '#lib/server/api.ts';
import { refuseForm, submitForm } from '#lib/server/form-action.ts';
import { readFeeFields, readSourceFields } from '#lib/studio.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const api = apiFor(event);
  const id = event.params.id;
  const [source, workspace, fees, campaigns] = await Promise.all([
    call(event, () => api.GET('/v1/sources/{id}', { params: { path: { id } } })),
    call(event, () => api.GET('/v1/workspace')),
    call(event, () => api.GET('/v1/cost-lines', { params: { query: { sourceId: id, limit: 100, sort: 'incurredOn', order: 'desc' } } })),
    call(event, () => api.GET('/v1/campaigns', { params: { query: { limit: 200, sort: 'name', order: 'asc' } } })),
  ]);
  return {
    source,
    currency: workspace.currency,
    fees: fees.items,
    campaigns: campaigns.items.map(({ id, name, currency }) => ({ id, name, currency })),
    costKinds,
    costStatuses,
    saved: event.url.searchParams.get('saved'),
  };
};

export const actions: Actions = {
  // Only the fields that changed are sent: the API's PATCH is a merge patch.
  save: async (event) => {
    const api = apiFor(event);
    const id = event.params.id;
    const form = await event.request.formData();
    const values = formValues(form);
    const workspace = await call(event, () => api.GET('/v1/workspace'));
    const { body, errors } = readSourceFields((name) => formText(form, name), workspace.currency);
    if (Object.keys(errors).length) return refuseForm('source', values, errors);
    const shown = shownRecord(formText(form, 'original')) ?? (await call(event, () => api.GET('/v1/sources/{id}', { params: { path: { id } } })));
    const patch = changedFields(shown, body);
    if (Object.keys(patch).length === 0) return { saved: 'unchanged' };
    const sent = await submitForm(event, 'source', values, () => api.PATCH('/v1/sources/{id}', { params: { path: { id } }, body: patch }));
    return sent.failure ?? { saved: 'source', sentFields: Object.keys(patch) };
  },

  fee: async (event) => {
    const api = apiFor(event);
    const form = await event.request.formData();
    const values = formValues(form);
    const campaignId = formText(form, 'campaignId');
    const campaigns = await call(event, () => api.GET('/v1/campaigns', { params: { query: { limit: 200 } } }));
    const campaign = campaigns.items.find((c) => c.id === campaignId);
    if (!campaign) return refuseForm('fee', values, { campaignId: 'choose the campaign the fee is for' });
    const { body, errors } = readFeeFields((name) => formText(form, name), campaign.currency);
    if (Object.keys(errors).length) return refuseForm('fee', values, errors);
    const kind = costKinds.find((k) => k === body.kind) ?? 'creator_fee';
    const status = costStatuses.find((s) => s === body.status) ?? 'committed';
    const sent = await submitForm(event, 'fee', values, () => api.POST('/v1/cost-lines', { body: { ...body, kind, status, sourceId: event.params.id } }));
    return sent.failure ?? { saved: 'fee' };
  },
};
