// The overview's filters: read from the URL (a GET form), turned into the report's query.
import { sourceKinds } from '@persona-ops/domain/core';
import type { ProductionReportQuery } from '#lib/api/client.ts';
import { oneOf, reader } from '#lib/params.ts';

export type ReportFilters = { campaignId: string; sourceId: string; sourceKind: string; from: string; to: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

function isDate(value: string): boolean {
  return DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

export function readReportFilters(params: URLSearchParams): ReportFilters {
  const get = reader(params);
  return { campaignId: get('campaignId'), sourceId: get('sourceId'), sourceKind: get('sourceKind'), from: get('from'), to: get('to') };
}

/**
 * The API query for the filters, or field errors. `from` and `to` are whole days in UTC, both
 * inclusive for the user; the API's `to` is exclusive, so it gets the next day's midnight.
 */
export function toReportQuery(filters: ReportFilters): { query: ProductionReportQuery; errors: Record<string, string> } {
  const query: ProductionReportQuery = {};
  const errors: Record<string, string> = {};
  if (filters.campaignId) query.campaignId = filters.campaignId;
  if (filters.sourceId) query.sourceId = filters.sourceId;
  const sourceKind = oneOf(sourceKinds, filters.sourceKind, errors, 'sourceKind');
  if (sourceKind) query.sourceKind = sourceKind;
  const period = toPeriodQuery(filters);
  Object.assign(query, period.query);
  Object.assign(errors, period.errors);
  return { query, errors };
}

/**
 * The API period for inclusive UTC days from the form: `from` at its midnight, `to` at the next
 * day's midnight (the API's `to` is exclusive); or field errors.
 */
export function toPeriodQuery(filters: { from: string; to: string }): { query: { from?: string; to?: string }; errors: Record<string, string> } {
  const query: { from?: string; to?: string } = {};
  const errors: Record<string, string> = {};
  if (filters.from) {
    if (isDate(filters.from)) query.from = `${filters.from}T00:00:00.000Z`;
    else errors.from = 'must be a date like 2026-03-01';
  }
  if (filters.to) {
    if (isDate(filters.to)) query.to = new Date(Date.parse(`${filters.to}T00:00:00Z`) + DAY_MS).toISOString();
    else errors.to = 'must be a date like 2026-03-31';
  }
  if (query.from && query.to && query.from >= query.to) errors.to = 'must be on or after the start date';
  return { query, errors };
}

/** A preset period ending today (UTC), as the form's from/to values. */
export function lastDays(days: number, now: Date): { from: string; to: string } {
  const to = now.toISOString().slice(0, 10);
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - (days - 1) * DAY_MS).toISOString().slice(0, 10);
  return { from, to };
}

/** The preset periods of the report pages' filter forms. */
export function reportPresets(now: Date): { label: string; from: string; to: string }[] {
  return [
    { label: 'Last 4 weeks', ...lastDays(28, now) },
    { label: 'Last 12 weeks', ...lastDays(84, now) },
  ];
}
