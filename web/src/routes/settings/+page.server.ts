import { isTieredKpiId } from '@persona-ops/domain/core';
import { formText } from '#lib/form-fields.ts';
import { linesOf, minorFromTyped, readTierOverride } from '#lib/settings.ts';
import { apiFor, attempt, load as call } from '#lib/server/api.ts';
import { refuseForm, submitForm } from '#lib/server/form-action.ts';
import { reportScheduleBody } from '#lib/server/report-schedule-form.ts';
import type { Actions, PageServerLoad } from './$types';

const roles = ['admin', 'studio', 'approver', 'executive'] as const;

// Everything an admin sets. Users are read first: another role gets the API's 403, shown as it is
// (the API decides who is an admin, not this page).
export const load: PageServerLoad = async (event) => {
  const api = apiFor(event);
  const users = await attempt(event, () => api.GET('/v1/users'));
  if (users.problem) return { forbidden: users.problem, settings: null };
  const [workspace, keys, characters, fxRates, alerts] = await Promise.all([
    call(event, () => api.GET('/v1/workspace')),
    call(event, () => api.GET('/v1/api-keys')),
    call(event, () => api.GET('/v1/sources', { params: { query: { kind: 'ai_character', limit: 200, sort: 'name', order: 'asc' } } })),
    call(event, () => api.GET('/v1/fx-rates', { params: { query: { limit: 20, sort: 'day', order: 'desc' } } })),
    call(event, () => api.GET('/v1/alerts', { params: { query: { limit: 20 } } })),
  ]);
  const [schedules, sent, campaigns] = await Promise.all([
    call(event, () => api.GET('/v1/report-schedules')),
    call(event, () => api.GET('/v1/report-deliveries', { params: { query: { limit: 30 } } })),
    call(event, () => api.GET('/v1/campaigns', { params: { query: { limit: 200, sort: 'name', order: 'asc' } } })),
  ]);
  return {
    forbidden: null,
    settings: {
      roles,
      workspace,
      users: users.data.items,
      keys: keys.items,
      characters: characters.items.map(({ id, name, aliases, hourlyRateMinor }) => ({ id, name, aliases, hourlyRateMinor })),
      fxRates: fxRates.items,
      deliveries: alerts.items,
      reports: { schedules: schedules.items, deliveries: sent.items, campaigns: campaigns.items.map(({ id, name }) => ({ id, name })) },
    },
  };
};

function valuesOf(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of form) if (typeof value === 'string') values[name] = value;
  return values;
}

export const actions: Actions = {
  workspace: async (event) => {
    const api = apiFor(event);
    const form = await event.request.formData();
    const values = valuesOf(form);
    const workspace = await call(event, () => api.GET('/v1/workspace'));
    const hourlyRateMinor = minorFromTyped(formText(form, 'hourlyRateMinor'), workspace.currency);
    if (hourlyRateMinor === null) return refuseForm('workspace', values, { hourlyRateMinor: `enter the rate in ${workspace.currency}, e.g. 45 or 45.50` });
    const body = { reportingCurrency: formText(form, 'reportingCurrency').trim().toUpperCase(), hourlyRateMinor, competitors: linesOf(formText(form, 'competitors')) };
    const sent = await submitForm(event, 'workspace', values, () => api.PATCH('/v1/workspace', { body }));
    return sent.failure ?? { saved: 'workspace' };
  },

  tiers: async (event) => {
    const api = apiFor(event);
    const form = await event.request.formData();
    const values = valuesOf(form);
    const kpiId = formText(form, 'kpiId');
    if (!isTieredKpiId(kpiId)) return refuseForm(`tiers:${kpiId}`, values, { kpiId: 'is not a KPI with tiers' });
    const { override, errors } = readTierOverride(kpiId, (name) => formText(form, name));
    if (Object.keys(errors).length) return refuseForm(`tiers:${kpiId}`, values, errors);
    const sent = await submitForm(event, `tiers:${kpiId}`, values, () => api.PATCH('/v1/workspace', { body: { tierOverrides: { [kpiId]: override } } }));
    return sent.failure ?? { saved: `tiers:${kpiId}` };
  },

  webhook: async (event) => {
    const api = apiFor(event);
    const form = await event.request.formData();
    const values = valuesOf(form);
    const url = formText(form, 'alertWebhookUrl').trim();
    const secret = formText(form, 'alertWebhookSecret');
    // A blank secret keeps the one set (it is never shown); a blank URL stops the deliveries.
    const body = { alertWebhookUrl: url === '' ? null : url, ...(secret ? { alertWebhookSecret: secret } : {}) };
    const sent = await submitForm(event, 'webhook', values, () => api.PATCH('/v1/workspace', { body }));
    return sent.failure ?? { saved: 'webhook' };
  },

  // The API sends it and says how it went; a refused or failed delivery is an answer, not a refusal.
  testWebhook: async (event) => {
    const api = apiFor(event);
    const sent = await submitForm(event, 'testWebhook', {}, () => api.POST('/v1/workspace/alert-webhook/test', {}));
    return sent.failure ?? { webhookTest: sent.data };
  },

  alertChannels: async (event) => {
    const api = apiFor(event);
    const form = await event.request.formData();
    const values = valuesOf(form);
    const url = formText(form, 'alertSlackWebhookUrl').trim();
    const body = { alertEmailRecipients: linesOf(formText(form, 'alertEmailRecipients')), alertSlackWebhookUrl: url === '' ? null : url };
    const sent = await submitForm(event, 'alertChannels', values, () => api.PATCH('/v1/workspace', { body }));
    return sent.failure ?? { saved: 'alertChannels' };
  },

  schedule: async (event) => {
    const api = apiFor(event);
    const form = await event.request.formData();
    const values = valuesOf(form);
    const read = reportScheduleBody(form);
    if (read.errors) return refuseForm('schedule', values, read.errors);
    const sent = await submitForm(event, 'schedule', values, () => api.POST('/v1/report-schedules', { body: read.body }));
    return sent.failure ?? { saved: 'schedule' };
  },

  sendSchedule: async (event) => {
    const api = apiFor(event);
    const id = formText(await event.request.formData(), 'id');
    const sent = await submitForm(event, 'scheduleAction', { id }, () => api.POST('/v1/report-schedules/{id}/send', { params: { path: { id } } }));
    return sent.failure ?? { saved: 'sendSchedule' };
  },

  deleteSchedule: async (event) => {
    const api = apiFor(event);
    const id = formText(await event.request.formData(), 'id');
    const sent = await submitForm(event, 'scheduleAction', { id }, () => api.DELETE('/v1/report-schedules/{id}', { params: { path: { id } } }));
    return sent.failure ?? { saved: 'deleteSchedule' };
  },

  addUser: async (event) => {
    const api = apiFor(event);
    const form = await event.request.formData();
    const values = valuesOf(form);
    const role = formText(form, 'role') as (typeof roles)[number];
    const sent = await submitForm(event, 'addUser', values, () => api.POST('/v1/users', { body: { email: formText(form, 'email'), name: formText(form, 'name'), role } }));
    if (sent.failure) return sent.failure;
    return { saved: 'addUser', issued: { key: sent.data.key, label: sent.data.apiKey.label, for: sent.data.user.name } };
  },

  createKey: async (event) => {
    const api = apiFor(event);
    const form = await event.request.formData();
    const values = valuesOf(form);
    const sent = await submitForm(event, 'createKey', values, () => api.POST('/v1/api-keys', { body: { userId: formText(form, 'userId'), label: formText(form, 'label') } }));
    if (sent.failure) return sent.failure;
    return { saved: 'createKey', issued: { key: sent.data.key, label: sent.data.apiKey.label, for: sent.data.apiKey.prefix } };
  },

  revokeKey: async (event) => {
    const api = apiFor(event);
    const form = await event.request.formData();
    const id = formText(form, 'id');
    const sent = await submitForm(event, 'revokeKey', { id }, () => api.DELETE('/v1/api-keys/{id}', { params: { path: { id } } }));
    return sent.failure ?? { saved: 'revokeKey' };
  },

  character: async (event) => {
    const api = apiFor(event);
    const form = await event.request.formData();
    const values = valuesOf(form);
    const id = formText(form, 'id');
    const formName = `character:${id}`;
    const workspace = await call(event, () => api.GET('/v1/workspace'));
    const rateText = formText(form, 'hourlyRateMinor').trim();
    const hourlyRateMinor = rateText === '' ? null : minorFromTyped(rateText, workspace.currency);
    if (rateText !== '' && hourlyRateMinor === null) return refuseForm(formName, values, { hourlyRateMinor: `enter the rate in ${workspace.currency}, or leave it blank for the workspace rate` });
    const body = { aliases: linesOf(formText(form, 'aliases')), hourlyRateMinor };
    const sent = await submitForm(event, formName, values, () => api.PATCH('/v1/sources/{id}', { params: { path: { id } }, body }));
    return sent.failure ?? { saved: formName };
  },

  fxRate: async (event) => {
    const api = apiFor(event);
    const form = await event.request.formData();
    const values = valuesOf(form);
    const rate = { day: formText(form, 'day'), base: formText(form, 'base').trim().toUpperCase(), quote: formText(form, 'quote').trim().toUpperCase(), rate: formText(form, 'rate').trim() };
    const sent = await submitForm(event, 'fxRate', values, () => api.POST('/v1/fx-rates/bulk', { body: { rates: [rate] } }));
    if (!sent.failure) return { saved: 'fxRate' };
    // The bulk route names rows ("rates.0.day"); this form has one row, named by the field alone.
    const refusal = sent.failure.data;
    for (const [field, message] of Object.entries(refusal.fieldErrors)) {
      const bare = field.replace(/^rates\.0\./, '');
      if (bare !== field) refusal.fieldErrors[bare] = message;
    }
    return sent.failure;
  },
};
