import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Job } from 'bullmq';
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

/**
 * Runs an import job over its file in chunks. Each chunk's rows and its checkpoint are committed
 * in one transaction, so a job killed at any point resumes after the last committed chunk and
 * nothing is counted or stored twice; the stores are idempotent upserts besides.
 */
export async function runChunkedImport(orm: MikroORM, importId: string, job: Job, now: () => Date, setup: (run: ImportToRun) => ChunkedImport) {
  const em = orm.em.fork();
  const run = await startImport(em, importId, now());
  if (!run) return { skipped: 'already finished' };
  const importer = setup(run);
  let index = 0;
  let chunk: CsvRecord[] = [];
  const flush = async () => {
    await em.transactional(async (tx) => {
      const outcome = await importer.chunk(tx, chunk);
      await recordImportProgress(tx, run.id, { processedRows: index, ...outcome }, now());
    });
    await job.updateProgress({ processedRows: index });
    chunk = [];
  };
  for await (const record of csvRecords(run.content)) {
    index += 1;
    if (index <= run.processedRows) {
      importer.replay?.(record);
      continue;
    }
    chunk.push(record);
    if (chunk.length === importChunkSize) await flush();
  }
  if (chunk.length > 0) await flush();
  await finishImport(em, run.id, { totalRows: index }, now());
  return { rows: index };
}
