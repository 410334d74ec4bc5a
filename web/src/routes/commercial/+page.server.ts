import { loadReportPage } from '#lib/server/report-page.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { page } = await loadReportPage(event, (api, query) => api.GET('/v1/reports/commercial', { params: { query: { ...query, compare: 'previous' } } }));
  return page;
};
