import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { recordExport } from './export-audit.ts';

// Every report as JSON (the default) or as CSV: the same document, flattened into one row per
// figure, safe to open in a spreadsheet.

export const REPORT_FORMATS = ['json', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const formatQuery = {
  format: z
    .enum(REPORT_FORMATS)
    .default('json')
    .describe('json (default), or csv: the report flattened into rows (section, metric, value, tier, currency), as an attachment. Naming a format (either) makes the answer a download, recorded in the audit log'),
};

export const CSV_COLUMNS = ['section', 'metric', 'value', 'tier', 'currency'] as const;

const csvSchema = z
  .string()
  .describe(
    `The report flattened into CSV (RFC 4180, CRLF line ends), one row per figure, header ${CSV_COLUMNS.join(',')}. ` +
      'metric is the path of the figure inside the JSON report (list items by their id, kpiId, step…). ' +
      'Text cells starting with =, +, -, @, a tab or a carriage return are prefixed with a single quote so a spreadsheet never runs them as formulas.',
  );

/** The 200 response of a report route: the JSON report, or its CSV under text/csv. */
export function reportResponse<T extends z.ZodType>(schema: T) {
  return {
    description: 'The report: JSON by default, CSV with format=csv',
    content: {
      'application/json': { schema },
      'text/csv': { schema: csvSchema },
    },
  };
}

// A report that also prints (the campaign report) takes format=pdf as well.
export const printableFormatQuery = {
  format: z
    .enum([...REPORT_FORMATS, 'pdf'])
    .default('json')
    .describe('json (default); csv: the report flattened into rows (section, metric, value, tier, currency); pdf: an A4 document with the figures and charts of the dashboard page. csv and pdf come as an attachment. Naming a format (any) makes the answer a download, recorded in the audit log'),
};

const pdfSchema = z.string().meta({ format: 'binary' }).describe('An A4 PDF: the same figures as the JSON report, charts drawn as vector paths');

/** The 200 response of a printable report: JSON, CSV or PDF. */
export function printableReportResponse<T extends z.ZodType>(schema: T) {
  const { content } = reportResponse(schema);
  return { description: 'The report: JSON by default, CSV with format=csv, PDF with format=pdf', content: { ...content, 'application/pdf': { schema: pdfSchema } } };
}

/** Answers a report rendered as PDF, recorded in the audit log like every download. */
export async function sendPdf(reply: FastifyReply, name: string, render: () => Promise<Buffer>) {
  await recordExport(reply.request, 'pdf', name);
  const pdf = await render();
  return reply.type('application/pdf').header('content-disposition', `attachment; filename="${name.replace(/[^A-Za-z0-9._-]+/g, '-')}.pdf"`).send(pdf);
}

export type CsvRow = { section: string; metric: string; value: string | number | boolean | null; tier: string | null; currency: string | null };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isScalar = (value: unknown): value is string | number | boolean | null => value === null || ['string', 'number', 'boolean'].includes(typeof value);

// Fields that name a list item, tried in this order, so a row reads kpis.sources[<id>].value
// rather than kpis.sources[3].value.
const ITEM_LABELS = ['kpiId', 'sourceKind', 'sourceId', 'id', 'step', 'category', 'key', 'day', 'week', 'kind', 'metric', 'classifier'];

function itemLabel(item: unknown, index: number): string {
  if (isRecord(item)) {
    const labels = ITEM_LABELS.flatMap((field) => {
      const value = item[field];
      return typeof value === 'string' || typeof value === 'number' ? [String(value)] : [];
    });
    // A classifier is named by its name and version together.
    if (labels[0] !== undefined) return typeof item['version'] === 'string' ? `${labels[0]}@${item['version']}` : labels[0];
  }
  return String(index);
}

function moneyOf(value: Record<string, unknown>): { amountMinor: number; currency: string } | null {
  const { amountMinor, currency } = value;
  return Object.keys(value).length === 2 && typeof amountMinor === 'number' && typeof currency === 'string' ? { amountMinor, currency } : null;
}

/**
 * Flattens a report into rows. Each top-level field is a section. Inside it:
 * - an object with a `value` is one figure: its value, tier and currency on one row, and its
 *   other fields (samples, thresholds…) on rows of their own below it;
 * - money ({ amountMinor, currency }) is one row in minor units, with its currency;
 * - list items are named by their id, kpiId, step, … (else their index);
 * - any other scalar is a row of its own; empty lists and objects leave no row.
 */
export function flattenReport(report: Record<string, unknown>): CsvRow[] {
  const rows: CsvRow[] = [];
  const walk = (section: string, path: string, node: unknown) => {
    const metric = path === '' ? section : path;
    if (isScalar(node)) {
      rows.push({ section, metric, value: node, tier: null, currency: null });
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, index) => walk(section, `${path}[${itemLabel(item, index)}]`, item));
      return;
    }
    if (!isRecord(node)) return;
    const money = moneyOf(node);
    if (money) {
      rows.push({ section, metric: `${metric}.amountMinor`, value: money.amountMinor, tier: null, currency: money.currency });
      return;
    }
    // A figure's currency is its own: a percentage inside a section that names a currency has none.
    const currency = typeof node['currency'] === 'string' ? node['currency'] : null;
    const value = node['value'];
    const hasValue = 'value' in node && isScalar(value);
    if (hasValue) {
      const tier = typeof node['tier'] === 'string' ? node['tier'] : null;
      rows.push({ section, metric, value, tier, currency });
    }
    for (const [key, child] of Object.entries(node)) {
      if (hasValue && (key === 'value' || key === 'tier' || key === 'currency')) continue;
      walk(section, path === '' ? key : `${path}.${key}`, child);
    }
  };
  for (const [section, node] of Object.entries(report)) walk(section, '', node);
  return rows;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell. Text that a spreadsheet would run as a formula (= + - @, tab, carriage return
 * first) gets a leading single quote (OWASP's CSV injection advice). Numbers are written as
 * numbers: a negative ROI stays -40, which no spreadsheet reads as a formula. Fields with a
 * comma, a quote or a line break are quoted, quotes doubled (RFC 4180).
 */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: readonly CsvRow[]): string {
  const lines = [CSV_COLUMNS.join(','), ...rows.map((row) => CSV_COLUMNS.map((column) => csvCell(row[column])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

/** A file name safe in a Content-Disposition header: letters, digits, dot, dash, underscore. */
export function csvFileName(name: string): string {
  return `${name.replace(/[^A-Za-z0-9._-]+/g, '-')}.csv`;
}

/**
 * Answers a report in the requested format. The CSV flattens the report as the JSON answer
 * shows it (encoded with the route's schema first, so both hold the same fields). A download
 * (an explicit format) is recorded in the audit log first.
 */
export async function sendReport<T extends z.ZodType>(reply: FastifyReply, format: ReportFormat, name: string, schema: T, report: z.output<T>) {
  await recordExport(reply.request, format, name);
  if (format === 'json') return reply.send(report);
  const encoded: unknown = z.encode(schema, report);
  const csv = toCsv(flattenReport(isRecord(encoded) ? encoded : { report: encoded }));
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${csvFileName(name)}"`)
    .send(csv);
}
