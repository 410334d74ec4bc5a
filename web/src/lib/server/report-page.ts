// The production, audience and commerce pages filter the same way and differ only in the report they ask for.
import { sourceKinds } from '@persona-ops/domain/core';
import type { RequestEvent } from '@sveltejs/kit';
import { fieldErrors, type ApiClient, type ProductionReportQuery } from '#lib/api/client.ts';
import { readReportFilters, reportPresets, toReportQuery } from '#lib/filters.ts';
import { apiFor, attempt } from './api.ts';
import { loadLookups } from './lookups.ts';

type Result<T> = { data?: T; error?: unknown; response: Response };

/**
 * The filters from the URL, the names for the filter form and the report. The report is not asked
 * for while a filter is invalid: the form shows the field errors instead.
 */
export async function loadReportPage<T>(
  event: Pick<RequestEvent, 'locals' | 'url' | 'cookies'>,
  fetchReport: (api: ApiClient, query: ProductionReportQuery) => Promise<Result<T>>,
) {
  const api = apiFor(event);
  const filters = readReportFilters(event.url.searchParams);
  const { query, errors } = toReportQuery(filters);
  const now = new Date();
  const [lookups, report] = await Promise.all([
    loadLookups(event, api),
    Object.keys(errors).length ? Promise.resolve({ data: null, problem: null }) : attempt(event, () => fetchReport(api, query)),
  ]);
  return {
    api,
    query,
    now,
    page: {
      filters,
      presets: reportPresets(now),
      sourceKinds: [...sourceKinds],
      lookups,
      report: report.data,
      problem: report.problem,
      filterErrors: { ...errors, ...fieldErrors(report.problem) },
    },
  };
}
