import type { EntityManager } from '@mikro-orm/postgresql';
import { parse } from 'csv-parse/sync';
import { headerLineOf, resolveCommentMapping, resolveImportMapping, type PlatformImportKind } from '@persona-ops/domain/core';
import { ImportJob, Source, type IImportJob, type ImportOptions } from '@persona-ops/domain/store';
import { ApiError } from '../http/api-error.ts';
import { savedMappingOf, saveMapping } from './import-mappings.service.ts';
import { findOwned } from './owned.ts';
import { paginate, type PageRequest } from './pagination.ts';

function invalidFile(message: string, field = 'body'): ApiError {
  return new ApiError(400, 'invalid_file', message, [{ field, message }]);
}

function explicitMapping(text: string | undefined, example: string): Record<string, string> {
  if (!text) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || !Object.values(parsed).every((value) => typeof value === 'string')) throw new Error('not an object');
    return parsed as Record<string, string>;
  } catch {
    throw invalidFile(`mapping must be a JSON object of column name -> field, such as ${example}.`, 'querystring.mapping');
  }
}

// Checks what can be checked at once (header, at least one row) so a bad file is refused now,
// not minutes later; the rows themselves are read by the import job.
function headerOf(csv: string): string[] {
  let head: string[][];
  try {
    head = parse(csv, { from_line: headerLineOf(csv), to_line: headerLineOf(csv) + 50, bom: true, relax_column_count: true, skip_empty_lines: true });
  } catch (error) {
    throw invalidFile(`The file is not readable CSV: ${(error as Error).message}`);
  }
  const header = head[0]?.map((column) => column.trim()) ?? [];
  if (header.length === 0 || header.every((column) => column === '')) throw invalidFile('The file has no header row: the first line must name the columns.');
  if (head.length < 2) throw invalidFile('The file has a header but no rows: there is nothing to import.');
  return header;
}

// `requestId` (x-request-id) goes with the import's job, so its log lines name the request.
function createJob(em: EntityManager, workspaceId: string, userId: string, fields: { kind: IImportJob['kind']; platform: string | null; options: ImportOptions | null; csv: string; fileName: string; mapping: Record<string, string>; requestId: string }) {
  const content = Buffer.from(fields.csv, 'utf8');
  return em.create(ImportJob, {
    workspace: workspaceId,
    requestedBy: userId,
    requestId: fields.requestId,
    kind: fields.kind,
    platform: fields.platform,
    options: fields.options,
    state: 'queued',
    fileName: fields.fileName,
    mapping: fields.mapping,
    content,
    sizeBytes: content.length,
    rejections: [],
  });
}

export async function requestCommentsImport(em: EntityManager, workspaceId: string, userId: string, input: { csv: string; fileName: string; mapping?: string | undefined; requestId: string }) {
  const explicit = explicitMapping(input.mapping, '{"Comment ID":"platformCommentId"}');
  const mapping = resolveCommentMapping(headerOf(input.csv), explicit);
  const job = createJob(em, workspaceId, userId, { kind: 'comments', platform: null, options: null, csv: input.csv, fileName: input.fileName, mapping, requestId: input.requestId });
  await em.flush();
  return job;
}

export type PlatformImportRequest = {
  kind: PlatformImportKind;
  platform: string;
  csv: string;
  fileName: string;
  mapping?: string | undefined;
  saveMapping: boolean;
  requestId: string;
  sourceId?: string | undefined;
  capturedAt?: string | undefined;
  currency?: string | undefined;
};

/**
 * Queues a platform export: the mapping is resolved now (explicit, then saved, then the platform's
 * preset) so a file missing a required column is refused at once, naming it. The capture time
 * defaults to the upload time and is stored with the job, so a retried job reads the same.
 */
export async function requestPlatformImport(em: EntityManager, workspaceId: string, userId: string, input: PlatformImportRequest, now: Date) {
  const explicit = explicitMapping(input.mapping, input.kind === 'post-metrics' ? '{"Video":"platformPostId"}' : '{"Campaign":"utmCampaign"}');
  if (input.sourceId) await findOwned(em, Source, 'source', input.sourceId, workspaceId);
  const header = headerOf(input.csv);
  const saved = await savedMappingOf(em, workspaceId, input.kind, input.platform);
  const mapping = resolveImportMapping(input.kind, input.platform, header, explicit, saved ?? {});
  if (input.saveMapping && Object.keys(explicit).length > 0) await saveMapping(em, workspaceId, input.kind, input.platform, explicit);
  const options: ImportOptions = input.kind === 'post-metrics'
    ? { capturedAt: input.capturedAt ? new Date(input.capturedAt).toISOString() : now.toISOString(), ...(input.sourceId ? { sourceId: input.sourceId } : {}) }
    : { currency: input.currency! };
  const job = createJob(em, workspaceId, userId, { kind: input.kind, platform: input.platform, options, csv: input.csv, fileName: input.fileName, mapping, requestId: input.requestId });
  await em.flush();
  return job;
}

export function toImportDto(job: IImportJob) {
  return {
    id: job.id,
    kind: job.kind,
    platform: job.platform ?? null,
    state: job.state,
    fileName: job.fileName,
    sizeBytes: job.sizeBytes,
    mapping: job.mapping,
    totalRows: job.totalRows ?? null,
    processedRows: job.processedRows,
    accepted: job.accepted,
    duplicates: job.duplicates,
    rejectedCount: job.rejectedCount,
    unlinked: job.unlinked,
    skipped: job.skipped,
    rejections: job.rejections,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    error: job.error ?? null,
  };
}

export const getImport = (em: EntityManager, workspaceId: string, id: string) => findOwned(em, ImportJob, 'import', id, workspaceId);

export function listImports(em: EntityManager, workspaceId: string, filter: { kind?: IImportJob['kind'] | undefined; state?: IImportJob['state'] | undefined }, page: PageRequest) {
  return paginate(em, ImportJob, { workspace: workspaceId, ...(filter.kind ? { kind: filter.kind } : {}), ...(filter.state ? { state: filter.state } : {}) }, page);
}
