import type { EntityManager } from '@mikro-orm/postgresql';
import { parse } from 'csv-parse/sync';
import { resolveCommentMapping } from '@persona-ops/domain/core';
import { ImportJob, type IImportJob } from '@persona-ops/domain/store';
import { ApiError } from '../http/api-error.ts';
import { findOwned } from './owned.ts';

function invalidFile(message: string, field = 'body'): ApiError {
  return new ApiError(400, 'invalid_file', message, [{ field, message }]);
}

// Checks what can be checked at once (header, mapping, at least one row) so a bad file is refused
// now, not minutes later; the rows themselves are read by the import job.
export async function requestCommentsImport(em: EntityManager, workspaceId: string, userId: string, input: { csv: string; fileName: string; mapping?: string | undefined }) {
  let explicit: Record<string, string> = {};
  if (input.mapping) {
    try {
      explicit = JSON.parse(input.mapping) as Record<string, string>;
      if (typeof explicit !== 'object' || explicit === null || Array.isArray(explicit)) throw new Error('not an object');
    } catch {
      throw invalidFile('mapping must be a JSON object such as {"Comment ID":"platformCommentId"}.', 'querystring.mapping');
    }
  }
  let head: string[][];
  try {
    head = parse(input.csv, { to_line: 2, bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (error) {
    throw invalidFile(`The file is not readable CSV: ${(error as Error).message}`);
  }
  const header = head[0]?.map((column) => column.trim()) ?? [];
  if (header.length === 0 || header.every((column) => column === '')) throw invalidFile('The file has no header row: the first line must name the columns.');
  if (head.length < 2) throw invalidFile('The file has a header but no rows: there is nothing to import.');
  const mapping = resolveCommentMapping(header, explicit);
  const content = Buffer.from(input.csv, 'utf8');
  const job = em.create(ImportJob, {
    workspace: workspaceId,
    requestedBy: userId,
    kind: 'comments',
    state: 'queued',
    fileName: input.fileName,
    mapping,
    content,
    sizeBytes: content.length,
    rejections: [],
  });
  await em.flush();
  return job;
}

export function toImportDto(job: IImportJob) {
  return {
    id: job.id,
    kind: job.kind,
    state: job.state,
    fileName: job.fileName,
    sizeBytes: job.sizeBytes,
    mapping: job.mapping,
    totalRows: job.totalRows ?? null,
    processedRows: job.processedRows,
    accepted: job.accepted,
    duplicates: job.duplicates,
    rejectedCount: job.rejectedCount,
    rejections: job.rejections,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    error: job.error ?? null,
  };
}

export const getImport = (em: EntityManager, workspaceId: string, id: string) => findOwned(em, ImportJob, 'import', id, workspaceId);
