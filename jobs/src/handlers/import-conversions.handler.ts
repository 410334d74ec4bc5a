import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Job } from 'bullmq';
import { conversionRowKey, matchConversionTarget, minorUnitDigits, readConversionRow, unlinkedConversionKey, type ConversionImportRow } from '@persona-ops/domain/core';
import { commitConversionRows, conversionCandidates, keepUnlinkedRows, type ImportRejection, type ImportToRun, type IncomingUnlinkedRow, type MatchedConversionRow } from '@persona-ops/domain/store';
import type { JobPayload } from '../contracts.ts';
import { runChunkedImport, withoutRepeats, type CsvRecord } from './csv-import.ts';

// Imports a GA4 or Shopify report: every row is read and checked, matched to a tracking link by
// its UTM tags or to an offer code by its text, and stored as the conversion counts of that link
// or code and day through the bulk endpoint's rules and upsert. Rows naming nothing known wait
// in the unlinked list. Checkpointed per chunk.
export function importConversionsHandler(deps: { orm: MikroORM; now?: () => Date }) {
  const now = () => deps.now?.() ?? new Date();
  return async (payload: JobPayload<'import-conversions'>, job: Job) =>
    runChunkedImport(deps.orm, payload.importId, job, now, (run) => {
      const digits = minorUnitDigits(run.options.currency!);
      return { chunk: (em, records) => importChunk(em, run, records, digits, now()) };
    });
}

async function importChunk(em: EntityManager, run: ImportToRun, records: CsvRecord[], digits: number, now: Date) {
  const rejections: ImportRejection[] = [];
  const valid: Array<{ line: number; record: Record<string, string>; row: ConversionImportRow; key: string }> = [];
  let skipped = 0;
  for (const record of records) {
    const result = readConversionRow(record.record, run.mapping, digits);
    if ('skip' in result) skipped += 1;
    else if ('problems' in result) rejections.push(...result.problems.map((problem) => ({ line: record.line, ...problem })));
    else valid.push({ line: record.line, record: record.record, row: result.row, key: conversionRowKey(result.row) });
  }
  // The first line of each (link or code, day) is stored; a later one repeating it is rejected.
  const { kept: rows, rejections: repeats } = await withoutRepeats(em, run.id, valid, ({ row }) => `same ${row.code ? 'code' : 'UTM tags'} and day`);
  rejections.push(...repeats);
  const tags = rows.flatMap(({ row }) => [row.utm.campaign, row.utm.content].filter((tag): tag is string => Boolean(tag)));
  const codes = rows.flatMap(({ row }) => (row.code ? [row.code] : []));
  const candidates = await conversionCandidates(em, run.workspaceId, [...new Set(tags)], [...new Set(codes)]);
  const matched: MatchedConversionRow[] = [];
  const unlinked: IncomingUnlinkedRow[] = [];
  for (const { line, record, row } of rows) {
    const match = matchConversionTarget(row, candidates.links, candidates.codes);
    if ('none' in match) unlinked.push({ line, kind: 'conversions', platform: run.platform!, matchKey: unlinkedConversionKey(row), raw: record, parsed: row, reason: match.none });
    else matched.push({ line, target: 'linkId' in match ? { linkId: match.linkId } : { codeId: match.codeId }, targetCurrency: match.currency, row });
  }
  const outcome = await commitConversionRows(em, run.workspaceId, matched, run.options.currency!, null, now);
  await keepUnlinkedRows(em, run.workspaceId, run.id, unlinked, now);
  return { accepted: outcome.accepted, duplicates: outcome.duplicates, rejections: [...rejections, ...outcome.rejections].sort((a, b) => a.line - b.line), unlinked: unlinked.length, skipped };
}
