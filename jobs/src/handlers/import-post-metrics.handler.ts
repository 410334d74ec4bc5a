import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Job } from 'bullmq';
import { matchPost, platformIdOfUrl, postMetricRowKey, readPostMetricRow, unlinkedPostKey, type PostMetricRow } from '@persona-ops/domain/core';
import { candidatePosts, commitPostMetricRows, keepUnlinkedRows, rememberPlatformPostIds, type ImportRejection, type ImportToRun, type IncomingUnlinkedRow, type MatchedPostMetricRow } from '@persona-ops/domain/store';
import type { JobPayload } from '../contracts.ts';
import { runChunkedImport, withoutRepeats, type CsvRecord } from './csv-import.ts';

// Imports a post-analytics export (Instagram, TikTok, YouTube): every row is read and checked,
// matched to a post of the workspace by the platform's id or the URL, and stored as a metric
// snapshot (plus a follower count when the export has one) through the bulk endpoint's rules and
// upsert. Rows naming no known post wait in the unlinked list. Checkpointed per chunk.
export function importPostMetricsHandler(deps: { orm: MikroORM; now?: () => Date }) {
  const now = () => deps.now?.() ?? new Date();
  return async (payload: JobPayload<'import-post-metrics'>, job: Job) =>
    runChunkedImport(deps.orm, payload.importId, job, now, (run) => ({
      chunk: (em, records) => importChunk(em, run, records, now()),
    }));
}

const columnOf = (mapping: Record<string, string>, ...fields: string[]) => Object.keys(mapping).find((column) => fields.includes(mapping[column]!)) ?? null;

async function importChunk(em: EntityManager, run: ImportToRun, records: CsvRecord[], now: Date) {
  const rejections: ImportRejection[] = [];
  const valid: Array<{ line: number; record: Record<string, string>; row: PostMetricRow; capturedAt: string; key: string }> = [];
  let skipped = 0;
  for (const record of records) {
    const result = readPostMetricRow(record.record, run.mapping);
    if ('skip' in result) skipped += 1;
    else if ('problems' in result) rejections.push(...result.problems.map((problem) => ({ line: record.line, ...problem })));
    else {
      const capturedAt = result.row.capturedAt ?? run.options.capturedAt!;
      valid.push({ line: record.line, record: record.record, row: result.row, capturedAt, key: postMetricRowKey(result.row, capturedAt) });
    }
  }
  // The first line of each (post, capture time) is stored; a later one repeating it is rejected.
  const { kept: rows, rejections: repeats } = await withoutRepeats(em, run.id, valid, () => 'same post and capture time');
  rejections.push(...repeats);
  const ids = rows.flatMap(({ row }) => [row.platformPostId, row.postUrl ? platformIdOfUrl(row.postUrl) : null].filter((id): id is string => Boolean(id)));
  const urls = rows.flatMap(({ row }) => (row.postUrl ? [row.postUrl] : []));
  const posts = await candidatePosts(em, run.workspaceId, { channel: run.platform!, sourceId: run.options.sourceId }, [...new Set(ids)], [...new Set(urls)]);
  const matched: MatchedPostMetricRow[] = [];
  const unlinked: IncomingUnlinkedRow[] = [];
  const learnt: Array<{ postId: string; platformPostId: string }> = [];
  const capturedColumn = columnOf(run.mapping, 'capturedAt');
  for (const { line, record, row, capturedAt } of rows) {
    const post = matchPost(row, posts);
    if (post) {
      matched.push({ line, post, row, capturedAt, capturedColumn });
      if (row.platformPostId && post.platformPostId === null) learnt.push({ postId: post.id, platformPostId: row.platformPostId });
    } else {
      const key = unlinkedPostKey(row);
      unlinked.push({ line, kind: 'post-metrics', platform: run.platform!, matchKey: key, raw: record, parsed: { ...row, capturedAt }, reason: `no ${run.platform} post ${row.platformPostId ?? row.postUrl} in this workspace${run.options.sourceId ? ' by this source' : ''}` });
    }
  }
  await rememberPlatformPostIds(em, run.workspaceId, learnt, now);
  const outcome = await commitPostMetricRows(em, run.workspaceId, matched, now);
  await keepUnlinkedRows(em, run.workspaceId, run.id, unlinked, now);
  return { accepted: outcome.accepted, duplicates: outcome.duplicates, rejections: [...rejections, ...outcome.rejections].sort((a, b) => a.line - b.line), unlinked: unlinked.length, skipped };
}
