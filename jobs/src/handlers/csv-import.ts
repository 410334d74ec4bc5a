import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { UnrecoverableError, type Job } from 'bullmq';
import { parse } from 'csv-parse';
import { headerLineOf } from '@persona-ops/domain/core';
import { finishImport, recordImportProgress, startImport, type ImportRejection, type ImportToRun } from '@persona-ops/domain/store';

export const importChunkSize = 1_000;

export type CsvRecord = { line: number; record: Record<string, string> };
export type ChunkOutcome = { accepted: number; duplicates: number; rejections: ImportRejection[]; unlinked?: number; skipped?: number };

/** The records of a CSV file, each with the line of the file where it starts (as an editor numbers it). */
export async function* csvRecords(content: Buffer): AsyncGenerator<CsvRecord> {
  const parser = parse(content, { columns: true, bom: true, skip_empty_lines: true, relax_column_count: true, from_line: headerLineOf(content.toString('utf8', 0, Math.min(content.length, 64 * 1024))), info: true, raw: true });
  for await (const { record, raw, info } of parser as AsyncIterable<{ record: Record<string, string>; raw: string; info: { lines: number } }>) {
    const inner = raw.replace(/^[\r\n]+/, '').replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0;
    yield { line: info.lines - inner, record };
  }
}

export type ChunkedImport = {
  // Called for every record before the checkpoint when a job resumes, so per-file state (the rows
  // seen, for repeats) is the same as in an uninterrupted run.
  replay?: (record: CsvRecord) => void;
  chunk: (em: EntityManager, records: CsvRecord[]) => Promise<ChunkOutcome>;
};

/** A row PostgreSQL cannot store (a NUL byte in a value), as the row's rejection; null when it can be. */
export function unstorableRow({ line, record }: CsvRecord): ImportRejection | null {
  const column = Object.keys(record).find((name) => record[name]?.includes('\u0000'));
  if (column === undefined) return null;
  return { line, column: column.replaceAll('\u0000', '\\0'), reason: 'contains a NUL byte (\\0), which is not text; remove it from the file' };
}

/** Whether this attempt is the job's last: it will not be retried when it fails. */
export function isLastAttempt(job: Job, error: unknown): boolean {
  return error instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}

/**
 * Runs an import job over its file in chunks. Each chunk's rows and its checkpoint are committed
 * in one transaction, so a job killed at any point resumes after the last committed chunk and
 * nothing is counted or stored twice; the stores are idempotent upserts besides.
 */
export async function runChunkedImport(orm: MikroORM, importId: string, job: Job, now: () => Date, setup: (run: ImportToRun) => ChunkedImport) {
  const em = orm.em.fork();
  const run = await startImport(em, importId, now());
  if (!run) return { skipped: 'already finished' };
  try {
    return await importRows(em, run, job, now, setup(run));
  } catch (error) {
    // The last attempt ends the import as failed with its reason (GET /v1/imports/{id}), never
    // leaving it `running`; earlier attempts leave it running for the retry to resume.
    if (isLastAttempt(job, error)) await finishImport(orm.em.fork(), run.id, { error: importFailure(job, error) }, now());
    throw error;
  }
}

/** The reason an import failed, as its `error` says it. */
export function importFailure(job: Job, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const attempts = job.attemptsMade + 1;
  return error instanceof UnrecoverableError ? `The import stopped: ${message}` : `The import stopped after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${message}`;
}

async function importRows(em: EntityManager, run: ImportToRun, job: Job, now: () => Date, importer: ChunkedImport) {
  let index = 0;
  let chunk: CsvRecord[] = [];
  let unstorable: ImportRejection[] = [];
  const flush = async () => {
    await em.transactional(async (tx) => {
      const outcome = chunk.length > 0 ? await importer.chunk(tx, chunk) : { accepted: 0, duplicates: 0, rejections: [] };
      await recordImportProgress(tx, run.id, { processedRows: index, ...outcome, rejections: [...unstorable, ...outcome.rejections] }, now());
    });
    await job.updateProgress({ processedRows: index });
    chunk = [];
    unstorable = [];
  };
  for await (const record of csvRecords(run.content)) {
    index += 1;
    // A row the database cannot store is rejected as a row, before any importer sees it.
    const refusal = unstorableRow(record);
    if (index <= run.processedRows) {
      if (!refusal) importer.replay?.(record);
      continue;
    }
    if (refusal) unstorable.push(refusal);
    else chunk.push(record);
    if (chunk.length + unstorable.length === importChunkSize) await flush();
  }
  if (chunk.length + unstorable.length > 0) await flush();
  await finishImport(em, run.id, { totalRows: index }, now());
  return { rows: index };
}
