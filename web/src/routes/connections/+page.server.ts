import { formText } from '#lib/form-fields.ts';
import { apiFor, attempt, load as call } from '#lib/server/api.ts';
import { submitForm } from '#lib/server/form-action.ts';
import type { Actions, PageServerLoad } from './$types';

const platforms = ['youtube', 'instagram', 'tiktok'] as const;
type Platform = (typeof platforms)[number];
const isPlatform = (value: string): value is Platform => (platforms as readonly string[]).includes(value);

// The workspace's platform connections: connect a source's account (off to the platform's consent
// page and back through /connections/callback), pull now, disconnect. The API decides who may (admins).
export const load: PageServerLoad = async (event) => {
  const api = apiFor(event);
  const connections = await attempt(event, () => api.GET('/v1/connections'));
  if (connections.problem) return { forbidden: connections.problem, page: null };
  const sources = await call(event, () => api.GET('/v1/sources', { params: { query: { limit: 200, sort: 'name', order: 'asc' } } }));
  const names = new Map(sources.items.map((source) => [source.id, source.name]));
  return {
    forbidden: null,
    page: {
      items: connections.data.items.map((connection) => ({ ...connection, sourceName: names.get(connection.sourceId) ?? 'Unknown source' })),
      availablePlatforms: connections.data.availablePlatforms,
      sources: sources.items.map(({ id, name, kind }) => ({ id, name, kind })),
      connected: event.url.searchParams.get('connected'),
    },
  };
};

export const actions: Actions = {
  // Starts the OAuth flow and answers the platform's consent URL: the page links to it (a form may
  // not redirect to another origin under the CSP's form-action 'self', and the admin sees where they go).
  connect: async (event) => {
    const api = apiFor(event);
    const form = await event.request.formData();
    const values = { sourceId: formText(form, 'sourceId'), platform: formText(form, 'platform') };
    const platform = isPlatform(values.platform) ? values.platform : 'youtube';
    const sent = await submitForm(event, 'connect', values, () => api.POST('/v1/connections', { body: { sourceId: values.sourceId, platform } }));
    if (sent.failure) return sent.failure;
    return { consent: { url: sent.data.authorizationUrl, platform, host: new URL(sent.data.authorizationUrl).host } };
  },
  pull: async (event) => {
    const api = apiFor(event);
    const id = formText(await event.request.formData(), 'id');
    const sent = await submitForm(event, `pull:${id}`, { id }, () => api.POST('/v1/connections/{id}/pulls', { params: { path: { id } } }));
    return sent.failure ?? { saved: `pull:${id}` };
  },
  disconnect: async (event) => {
    const api = apiFor(event);
    const id = formText(await event.request.formData(), 'id');
    const sent = await submitForm(event, `disconnect:${id}`, { id }, () => api.DELETE('/v1/connections/{id}', { params: { path: { id } } }));
    return sent.failure ?? { saved: `disconnect:${id}` };
  },
};
