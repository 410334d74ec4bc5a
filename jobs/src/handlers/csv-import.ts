import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { UnrecoverableError, type Job } from 'bullmq';
import { Readable, pipeline } from 'node:stream';
import { parse } from 'csv-parse';
import { headerLineOf } from '@persona-ops/domain/core';
import { finishImport, firstLinesOfKeys, importFileSlices, recordImportProgress, startImport, type ImportRejection, type ImportToRun } from '@persona-ops/domain/store';

export const importChunkSize = 1_000;

export type CsvRecord = { line: number; record: Record<string, string> };
export type ChunkOutcome = { accepted: number; duplicates: number; rejections: ImportRejection[]; unlinked?: number; skipped?: number };

// The parser is fed this much at a time: it holds at most one piece's records while the import
// is busy with a chunk, so a file of millions of short rows never sits in memory as records. A
// piece is parsed without a pause, and csv-parse spends ~40 µs on a row shorter than the header
// (it builds an error it then ignores): 16 KB of 4-byte rows keeps that pause near 0.2 s, so the
// worker's lock renewals and other jobs are not held up.
const parserInputBytes = 16 * 1024;
// GA4 writes "# …" comment lines above its table: the header is looked for in the file's first 64 KB.
const headerSearchBytes = 64 * 1024;

/**
 * The records of a CSV file read as a stream of slices, each with the line of the file where it
 * starts (as an editor numbers it). Parsing waits while the consumer works (backpressure), so
 * memory is bounded by a slice and a piece's records, whatever the file's size.
 */
export async function* csvRecords(slices: AsyncIterable<Buffer>): AsyncGenerator<CsvRecord> {
  const source = slices[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  let exhausted = false;
  while (headBytes < headerSearchBytes) {
    const next = await source.next();
    if (next.done) {
      exhausted = true;
      break;
    }
    head.push(next.value);
    headBytes += next.value.length;
  }
  const start = Buffer.concat(head);
  head.length = 0;
  async function* pieces() {
    for (let offset = 0; offset < start.length; offset += parserInputBytes) yield start.subarray(offset, offset + parserInputBytes);
    if (exhausted) return;
    for (let next = await source.next(); !next.done; next = await source.next()) {
      for (let offset = 0; offset < next.value.length; offset += parserInputBytes) yield next.value.subarray(offset, offset + parserInputBytes);
    }
  }
  const parser = parse({ columns: true, bom: true, skip_empty_lines: true, relax_column_count: true, from_line: headerLineOf(start.toString('utf8', 0, Math.min(start.length, headerSearchBytes))), info: true, raw: true });
  // Byte mode with a one-piece high-water mark: the file is read no further ahead than the parser.
  // A failed read (or a consumer that stops early) destroys both ends; the error surfaces below.
  pipeline(Readable.from(pieces(), { objectMode: false, highWaterMark: parserInputBytes }), parser, () => undefined);
  for await (const { record, raw, info } of parser as AsyncIterable<{ record: Record<string, string>; raw: string; info: { lines: number } }>) {
    const inner = raw.replace(/^[\r\n]+/, '').replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0;
    yield { line: info.lines - inner, record };
  }
}

// Per-file state (the first line of each repeated key) lives in PostgreSQL with the checkpoint
// (firstLinesOfKeys), never in the worker: a resumed job needs no replay of the rows before it.
export type ChunkedImport = {
  chunk: (em: EntityManager, records: CsvRecord[]) => Promise<ChunkOutcome>;
};

/** A row PostgreSQL cannot store (a NUL byte in a value), as the row's rejection; null when it can be. */
export function unstorableRow({ line, record }: CsvRecord): ImportRejection | null {
  const column = Object.keys(record).find((name) => record[name]?.includes('\u0000'));
  if (column === undefined) return null;
  return { line, column: column.replaceAll('\u0000', '\\0'), reason: 'contains a NUL byte (\\0), which is not text; remove it from the file' };
}

/**
 * Keeps the first row of each key (a post and capture time, a link or code and day) in the file and
 * rejects a later one as its repeat, naming the first line. The first lines live in PostgreSQL, in
 * the chunk's transaction, so this holds across chunks, resumed jobs and files of any size.
 */
export async function withoutRepeats<Row extends { key: string; line: number }>(em: EntityManager, importId: string, rows: readonly Row[], what: (row: Row) => string) {
  const firstInChunk = new Map<string, number>();
  for (const { key, line } of rows) if (!firstInChunk.has(key)) firstInChunk.set(key, line);
  const firstLines = await firstLinesOfKeys(em, importId, [...firstInChunk].map(([key, line]) => ({ key, line })));
  const kept: Row[] = [];
  const rejections: ImportRejection[] = [];
  for (const row of rows) {
    const first = firstLines.get(row.key) ?? row.line;
    if (first === row.line) kept.push(row);
    else rejections.push({ line: row.line, column: null, reason: `repeats line ${first} (${what(row)})` });
  }
  return { kept, rejections };
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

// BullMQ's reason for a job whose worker died more than maxStalledCount times while running it.
const stalledTooOften = 'job stalled more than allowable limit';

/** The reason an import's job failed for good outside its handler (out of attempts, its worker died too often). */
export function failedImportReason(job: Job, error: Error, maxStalledCount: number): string {
  if (error.message === stalledTooOften) {
    const deaths = maxStalledCount + 1;
    return `The import stopped: the worker process running it died ${deaths} time${deaths === 1 ? '' : 's'} (out of memory or killed), so it is not tried again (JOB_MAX_STALLED_COUNT=${maxStalledCount}). The rows up to its last checkpoint are stored; importing the file again (in parts, if it is very large) adds only the rest.`;
  }
  return `The import stopped after ${job.attemptsMade} attempt${job.attemptsMade === 1 ? '' : 's'}: ${error.message}`;
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
  for await (const record of csvRecords(importFileSlices(em, run.id))) {
    index += 1;
    if (index <= run.processedRows) continue;
    // A row the database cannot store is rejected as a row, before any importer sees it.
    const refusal = unstorableRow(record);
    if (refusal) unstorable.push(refusal);
    else chunk.push(record);
    if (chunk.length + unstorable.length === importChunkSize) await flush();
  }
  if (chunk.length + unstorable.length > 0) await flush();
  await finishImport(em, run.id, { totalRows: index }, now());
  return { rows: index };
}
