import { error, fail } from '@sveltejs/kit';
import { formText } from '#lib/form-fields.ts';
import { apiFor, attempt } from '#lib/server/api.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const api = apiFor(event);
  const id = event.params.id;
  const [report, links] = await Promise.all([
    attempt(event, () => api.GET('/v1/reports/campaign/{id}', { params: { path: { id }, query: {} } })),
    attempt(event, () => api.GET('/v1/share-links', { params: { query: { campaignId: id } } })),
  ]);
  // An unknown campaign (or another workspace's) is a 404 page; any other refusal shows its reason.
  if (report.problem?.status === 404 || report.problem?.status === 400) error(404, report.problem.detail);
  return { id, report: report.data, problem: report.problem, shareLinks: links.data?.items ?? [], shareLinksProblem: links.problem };
};

export const actions: Actions = {
  share: async (event) => {
    const api = apiFor(event);
    const form = await event.request.formData();
    const expiresInDays = Number(form.get('expiresInDays') ?? 7);
    const result = await attempt(event, () => api.POST('/v1/reports/campaign/{id}/share-links', { params: { path: { id: event.params.id } }, body: { expiresInDays } }));
    if (result.problem) return fail(result.problem.status, { shareError: result.problem.detail });
    // The API's own URL answers JSON; people get the dashboard's read-only page for the same token.
    return { issued: { url: `${event.url.origin}/shared/${encodeURIComponent(result.data.token)}`, expiresAt: result.data.expiresAt } };
  },
  revoke: async (event) => {
    const api = apiFor(event);
    const id = formText(await event.request.formData(), 'id');
    const result = await attempt(event, () => api.DELETE('/v1/share-links/{id}', { params: { path: { id } } }));
    if (result.problem) return fail(result.problem.status, { shareError: result.problem.detail });
    return { revoked: id };
  },
};
