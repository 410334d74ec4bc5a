import type { RequestEvent } from '@sveltejs/kit';
import type { ApiClient, Campaign, Source } from '#lib/api/client.ts';
import { load } from './api.ts';

export type Named = { id: string; name: string };
export type Lookups = { campaigns: (Named & { goal: Campaign['goal'] })[]; sources: (Named & { kind: Source['kind'] })[] };

/** Campaign and source names for filters and tables (the first 200 of each, by name). */
export async function loadLookups(event: Pick<RequestEvent, 'cookies' | 'url'>, api: ApiClient): Promise<Lookups> {
  const [campaigns, sources] = await Promise.all([
    load(event, () => api.GET('/v1/campaigns', { params: { query: { limit: 200, sort: 'name', order: 'asc' } } })),
    load(event, () => api.GET('/v1/sources', { params: { query: { limit: 200, sort: 'name', order: 'asc' } } })),
  ]);
  return {
    campaigns: campaigns.items.map(({ id, name, goal }) => ({ id, name, goal })),
    sources: sources.items.map(({ id, name, kind }) => ({ id, name, kind })),
  };
}

export function nameOf(list: Named[], id: string): string {
  return list.find((item) => item.id === id)?.name ?? 'Unknown';
}

/** The workspace's AI characters (sources of kind ai_character), by name: the brand-safety filter. */
export async function loadCharacters(event: Pick<RequestEvent, 'cookies' | 'url'>, api: ApiClient): Promise<Named[]> {
  const page = await load(event, () => api.GET('/v1/sources', { params: { query: { kind: 'ai_character', limit: 200, sort: 'name', order: 'asc' } } }));
  return page.items.map(({ id, name }) => ({ id, name }));
}
