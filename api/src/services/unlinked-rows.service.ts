import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, withArticle, type ConversionImportRow, type PostMetricRow } from '@persona-ops/domain/core';
import {
  ImportJob,
  PlatformConnection,
  UnlinkedImportRow,
  commitConversionRows,
  commitPostMetricRows,
  conversionTargetById,
  postsForImport,
  recordAudit,
  rememberPlatformPostIds,
  type IUnlinkedImportRow,
} from '@persona-ops/domain/store';
import { ApiError, notFound } from '../http/api-error.ts';
import { findOwned } from './owned.ts';
import { paginate, type PageRequest } from './pagination.ts';

// Import rows that named no known post, link or code: listed, linked by the user (and then stored
// through the same rules and upserts as every imported row), or dismissed.

export type UnlinkedFilter = { importId?: string | undefined; connectionId?: string | undefined; kind?: string | undefined; state?: IUnlinkedImportRow['state'] | undefined; matchKey?: string | undefined };
export type ResolveTarget = { postId?: string | undefined; trackingLinkId?: string | undefined; offerCodeId?: string | undefined };

export async function listUnlinkedRows(em: EntityManager, workspaceId: string, filter: UnlinkedFilter, page: PageRequest) {
  if (filter.importId) await findOwned(em, ImportJob, 'import', filter.importId, workspaceId);
  if (filter.connectionId) await findOwned(em, PlatformConnection, 'connection', filter.connectionId, workspaceId);
  return paginate(em, UnlinkedImportRow, {
    workspace: workspaceId,
    ...(filter.importId ? { importJob: filter.importId } : {}),
    ...(filter.connectionId ? { connection: filter.connectionId } : {}),
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(filter.state ? { state: filter.state } : {}),
    ...(filter.matchKey ? { matchKey: filter.matchKey } : {}),
  }, page);
}

export function toUnlinkedRowDto(row: IUnlinkedImportRow) {
  return {
    id: row.id,
    importId: row.importJob?.id ?? null,
    connectionId: row.connection?.id ?? null,
    line: row.line,
    kind: row.kind,
    platform: row.platform,
    matchKey: row.matchKey,
    raw: row.raw,
    parsed: row.parsed,
    reason: row.reason,
    state: row.state,
    resolvedTo: row.resolvedTo ?? null,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

function notOpen(row: IUnlinkedImportRow): DomainError {
  return new DomainError('illegal_transition', `This row is already ${row.state}${row.resolvedTo ? ` (linked to ${row.resolvedTo})` : ''}; only an open row can be resolved or dismissed.`, { legalActions: [] });
}

const postOfRow = (row: IUnlinkedImportRow) => row.parsed as unknown as PostMetricRow & { capturedAt: string };
const conversionOfRow = (row: IUnlinkedImportRow) => row.parsed as unknown as ConversionImportRow;

function refusedRows(rows: IUnlinkedImportRow[], rejections: Array<{ line: number; reason: string }>) {
  return new Map(rejections.map((rejection) => [rows[rejection.line]!, rejection.reason] as const));
}

/**
 * Links rows of one kind to one post, link or code and stores them. Rows a rule refuses (a
 * capture before the post, another currency) stay open and come back with the reason.
 */
async function commitRows(em: EntityManager, workspaceId: string, rows: IUnlinkedImportRow[], target: ResolveTarget, now: Date) {
  const kind = rows[0]!.kind;
  if (kind === 'post-metrics') {
    if (!target.postId) throw new ApiError(400, 'invalid_input', 'A post-metrics row is linked to a post: send postId.', [{ field: 'body.postId', message: 'is required for post-metrics rows' }]);
    const [post] = await postsForImport(em, workspaceId, [target.postId]);
    if (!post) throw notFound('post', target.postId);
    const wrong = rows.find((row) => row.platform !== post.channel);
    if (wrong) throw new DomainError('rule_violation', `The post ${post.id} is on ${post.channel}, but the row comes from ${withArticle(wrong.platform)} export; link it to ${withArticle(wrong.platform)} post.`, { errors: [{ field: 'body.postId', message: `is not ${withArticle(wrong.platform)} post` }] });
    // The rows' positions stand in for their lines: rows of several files may share a line.
    const outcome = await commitPostMetricRows(em, workspaceId, rows.map((row, index) => ({ line: index, post, row: postOfRow(row), capturedAt: postOfRow(row).capturedAt, capturedColumn: null })), now);
    const platformPostId = rows.map(postOfRow).find((row) => row.platformPostId)?.platformPostId;
    if (platformPostId) await rememberPlatformPostIds(em, workspaceId, [{ postId: post.id, platformPostId }], now);
    return { ...outcome, refused: refusedRows(rows, outcome.rejections), targetId: post.id };
  }
  const chosen: { linkId: string } | { codeId: string } | null = target.trackingLinkId ? { linkId: target.trackingLinkId } : target.offerCodeId ? { codeId: target.offerCodeId } : null;
  if (!chosen) throw new ApiError(400, 'invalid_input', 'A conversions row is linked to a tracking link or an offer code: send trackingLinkId or offerCodeId.', [{ field: 'body.trackingLinkId', message: 'is required for conversions rows (or offerCodeId)' }]);
  const found = await conversionTargetById(em, workspaceId, chosen);
  if (!found) throw notFound('linkId' in chosen ? 'tracking link' : 'offer code', 'linkId' in chosen ? chosen.linkId : chosen.codeId);
  const jobs = await em.find(ImportJob, { id: { $in: [...new Set(rows.flatMap((row) => (row.importJob ? [row.importJob.id] : [])))] }, workspace: workspaceId }, { fields: ['id', 'options'] });
  const currencyOf = new Map(jobs.map((job) => [job.id, job.options?.currency ?? '']));
  let accepted = 0;
  let duplicates = 0;
  const refused = new Map<IUnlinkedImportRow, string>();
  // Rows of different uploads may carry different currencies: each is checked against its own.
  for (const [currency, group] of Map.groupBy(rows, (row) => (row.importJob ? currencyOf.get(row.importJob.id) : undefined) ?? '')) {
    const outcome = await commitConversionRows(em, workspaceId, group.map((row, index) => ({ line: index, target: chosen, targetCurrency: found.currency, row: conversionOfRow(row) })), currency, null, now);
    accepted += outcome.accepted;
    duplicates += outcome.duplicates;
    for (const [row, reason] of refusedRows(group, outcome.rejections)) refused.set(row, reason);
  }
  return { accepted, duplicates, refused, targetId: found.id };
}

/** The rows are stored by raw upserts the audit subscriber does not see: one entry with their counts. */
function recordStoredRows(em: EntityManager, workspaceId: string, rows: IUnlinkedImportRow[], outcome: Awaited<ReturnType<typeof commitRows>>) {
  return recordAudit(em, {
    workspaceId,
    action: 'bulk_write',
    entityType: rows[0]!.kind === 'post-metrics' ? 'metric_snapshot' : 'conversion_count',
    details: { rows: rows.length, accepted: outcome.accepted, duplicates: outcome.duplicates, refused: outcome.refused.size, linkedTo: outcome.targetId },
  });
}

export async function resolveUnlinkedRow(em: EntityManager, workspaceId: string, id: string, target: ResolveTarget, now: Date) {
  return em.transactional(async (tx) => {
    const row = await tx.findOne(UnlinkedImportRow, { id, workspace: workspaceId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!row) throw notFound('unlinked import row', id);
    if (row.state !== 'open') throw notOpen(row);
    const outcome = await commitRows(tx, workspaceId, [row], target, now);
    const reason = outcome.refused.get(row);
    if (reason) throw new DomainError('rule_violation', `The row cannot be stored: ${reason}. It stays open; link it to another target or dismiss it.`, { errors: [{ field: 'body', message: reason }] });
    await recordStoredRows(tx, workspaceId, [row], outcome);
    row.state = 'resolved';
    row.resolvedTo = outcome.targetId;
    row.resolvedAt = now;
    await tx.flush();
    return row;
  });
}

/** Resolves every open row of the workspace with the same match key (the same unknown post, code or UTM tags). */
export async function resolveUnlinkedByKey(em: EntityManager, workspaceId: string, input: ResolveTarget & { matchKey: string; kind: string }, now: Date) {
  return em.transactional(async (tx) => {
    const rows = await tx.find(UnlinkedImportRow, { workspace: workspaceId, matchKey: input.matchKey, kind: input.kind, state: 'open' }, { orderBy: { createdAt: 'asc', line: 'asc' }, lockMode: LockMode.PESSIMISTIC_WRITE });
    if (rows.length === 0) throw new ApiError(404, 'not_found', `No open ${input.kind} row has the match key ${input.matchKey} in this workspace. List them with GET /v1/imports/unlinked?state=open.`);
    const outcome = await commitRows(tx, workspaceId, rows, input, now);
    const stays = rows.filter((row) => outcome.refused.has(row));
    await recordStoredRows(tx, workspaceId, rows, outcome);
    for (const row of rows) {
      if (outcome.refused.has(row)) continue;
      row.state = 'resolved';
      row.resolvedTo = outcome.targetId;
      row.resolvedAt = now;
    }
    await tx.flush();
    return { resolved: rows.length - stays.length, accepted: outcome.accepted, duplicates: outcome.duplicates, rejections: stays.map((row) => ({ id: row.id, line: row.line, reason: outcome.refused.get(row)! })) };
  });
}

export async function dismissUnlinkedRow(em: EntityManager, workspaceId: string, id: string, now: Date) {
  const row = await findOwned(em, UnlinkedImportRow, 'unlinked import row', id, workspaceId);
  if (row.state !== 'open') throw notOpen(row);
  row.state = 'dismissed';
  row.resolvedAt = now;
  await em.flush();
  return row;
}
