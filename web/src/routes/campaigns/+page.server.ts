import { apiFor, load as call } from '#lib/server/api.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const api = apiFor(event);
  const page = await call(event, () => api.GET('/v1/campaigns', { params: { query: { limit: 200, sort: 'startsOn', order: 'desc' } } }));
  return { campaigns: page.items, more: page.nextCursor !== null };
};
