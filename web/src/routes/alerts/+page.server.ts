import { fieldErrors } from '#lib/api/client.ts';
import { alertMetrics, hrefWith, toAlertQuery } from '#lib/brand-safety.ts';
import { apiFor, attempt, load as call } from '#lib/server/api.ts';
import { loadCharacters, loadLookups, nameOf } from '#lib/server/lookups.ts';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 25;

// Brand-safety spike alerts, newest day first, with their webhook delivery.
export const load: PageServerLoad = async (event) => {
  const api = apiFor(event);
  const { filters, query, errors } = toAlertQuery(event.url.searchParams, { limit: PAGE_SIZE });
  const [lookups, characters, workspace, page] = await Promise.all([
    loadLookups(event, api),
    loadCharacters(event, api),
    call(event, () => api.GET('/v1/workspace')),
    Object.keys(errors).length ? Promise.resolve({ data: null, problem: null }) : attempt(event, () => api.GET('/v1/alerts', { params: { query } })),
  ]);
  const items = (page.data?.items ?? []).map((alert) => ({ ...alert, source: nameOf(lookups.sources, alert.sourceId) }));
  return {
    filters,
    metrics: alertMetrics,
    characters,
    sources: lookups.sources,
    items,
    webhookConfigured: workspace.alertWebhookConfigured,
    firstPageHref: query.cursor ? hrefWith('/alerts', filters) : null,
    nextPageHref: page.data?.nextCursor ? hrefWith('/alerts', filters, { cursor: page.data.nextCursor }) : null,
    problem: page.problem,
    filterErrors: { ...errors, ...fieldErrors(page.problem) },
  };
};
