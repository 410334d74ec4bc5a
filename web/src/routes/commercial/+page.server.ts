import { sourceKinds } from '@persona-ops/domain/core';
import { fieldErrors } from '#lib/api/client.ts';
import { lastDays, readReportFilters, toReportQuery } from '#lib/filters.ts';
import { apiFor, attempt } from '#lib/server/api.ts';
import { loadLookups } from '#lib/server/lookups.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const api = apiFor(event);
  const filters = readReportFilters(event.url.searchParams);
  const { query, errors } = toReportQuery(filters);
  const now = new Date();
  const [lookups, report] = await Promise.all([
    loadLookups(event, api),
    Object.keys(errors).length
      ? Promise.resolve({ data: null, problem: null })
      : attempt(event, () => api.GET('/v1/reports/commercial', { params: { query } })),
  ]);
  return {
    filters,
    presets: [{ label: 'Last 4 weeks', ...lastDays(28, now) }, { label: 'Last 12 weeks', ...lastDays(84, now) }],
    sourceKinds: [...sourceKinds],
    lookups,
    report: report.data,
    problem: report.problem,
    filterErrors: { ...errors, ...fieldErrors(report.problem) },
  };
};
