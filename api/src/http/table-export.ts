import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { REPORT_FORMATS, csvCell, csvFileName, type ReportFormat } from './report-export.ts';
import { recordExport } from './export-audit.ts';

// A list (the assets) as a download: JSON, or CSV with one row per item and one column per field,
// so it opens as a table. Cells are written as the reports' CSV writes them (csvCell: no formula runs).

export type TableCell = string | number | boolean | null;

export const tableFormatQuery = {
  format: z
    .enum(REPORT_FORMATS)
    .default('json')
    .describe('json (default), or csv: one row per item, one column per field, as an attachment. Naming a format (either) makes the answer a download, recorded in the audit log'),
};

/** The 200 response of a list download: the JSON document, or its items as CSV rows under text/csv. */
export function tableResponse<T extends z.ZodType>(schema: T, columns: readonly string[]) {
  const csv = z
    .string()
    .describe(
      `One row per item (RFC 4180, CRLF line ends) under the header ${columns.join(',')}. ` +
        'Text cells starting with =, +, -, @, a tab or a carriage return are prefixed with a single quote so a spreadsheet never runs them as formulas.',
    );
  return { description: 'JSON by default, CSV with format=csv', content: { 'application/json': { schema }, 'text/csv': { schema: csv } } };
}

export function toTableCsv<C extends string>(columns: readonly C[], rows: readonly Record<C, TableCell>[]): string {
  const lines = [columns.join(','), ...rows.map((row) => columns.map((column) => csvCell(row[column])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

/** Answers a list in the requested format, recorded in the audit log like every download. */
export async function sendTable<C extends string, T extends Record<C, TableCell>>(reply: FastifyReply, format: ReportFormat, name: string, columns: readonly C[], document: { items: T[] }) {
  await recordExport(reply.request, format, name);
  if (format === 'json') return reply.send(document);
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${csvFileName(name)}"`)
    .send(toTableCsv(columns, document.items));
}
