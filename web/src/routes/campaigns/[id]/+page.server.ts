import { error, fail } from '@sveltejs/kit';
import { ORIGIN } from '$app/env/private';
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
    // The dashboard's read-only page for the token: absolute on the API's PUBLIC_URL, else a path made
    // absolute on this dashboard's configured ORIGIN, else left relative (the page resolves it on the
    // address the browser is at); never on the Host header a request carried.
    const url = URL.canParse(result.data.url) || !ORIGIN ? result.data.url : `${ORIGIN}${result.data.url}`;
    return { issued: { url, expiresAt: result.data.expiresAt } };
  },
  revoke: async (event) => {
    const api = apiFor(event);
    const id = formText(await event.request.formData(), 'id');
    const result = await attempt(event, () => api.DELETE('/v1/share-links/{id}', { params: { path: { id } } }));
    if (result.problem) return fail(result.problem.status, { shareError: result.problem.detail });
    return { revoked: id };
  },
};
