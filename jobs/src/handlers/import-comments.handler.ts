import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Job } from 'bullmq';
import { readCommentRow, type CommentMapping, type CommentRow } from '@persona-ops/domain/core';
import { acceptComments, postsByIdOrUrl, type ImportRejection, type IncomingComment } from '@persona-ops/domain/store';
import type { JobPayload } from '../contracts.ts';
import { runChunkedImport, type CsvRecord } from './csv-import.ts';

// Imports a comments file: every row is read and checked; good rows are accepted through the same
// outbox as the API (idempotent, so a resumed or repeated import adds nothing twice); each
// rejected row is kept with its line, column and reason; rows naming no known post are rejected
// as unlinked. Progress is checkpointed per chunk, so a retried job resumes after the last one.
export function importCommentsHandler(deps: { orm: MikroORM; now?: () => Date }) {
  const now = () => deps.now?.() ?? new Date();
  return async (payload: JobPayload<'import-comments'>, job: Job) =>
    runChunkedImport(deps.orm, payload.importId, job, now, (run) => ({
      chunk: (em, records) => importChunk(em, run.workspaceId, run.mapping as CommentMapping, records, now(), run.requestId),
    }));
}

// `requestId`: the import's request, carried on to its comments' classification.
async function importChunk(em: EntityManager, workspaceId: string, mapping: CommentMapping, chunk: CsvRecord[], now: Date, requestId: string | null) {
  const rejections: ImportRejection[] = [];
  const rows: Array<{ line: number; row: CommentRow }> = [];
  for (const { line, record } of chunk) {
    const read = readCommentRow(record, mapping);
    if ('problems' in read) rejections.push(...read.problems.map((problem) => ({ line, ...problem })));
    else rows.push({ line, row: read.row });
  }
  const posts = await postsByIdOrUrl(em, workspaceId, rows.flatMap(({ row }) => (row.postId ? [row.postId] : [])), rows.flatMap(({ row }) => (row.postUrl ? [row.postUrl] : [])));
  const byKey = new Map(posts.flatMap((post) => [[post.id, post], [post.url, post]] as const));
  const accepted: IncomingComment[] = [];
  for (const { line, row } of rows) {
    const post = byKey.get(row.postId ?? row.postUrl ?? '');
    const column = Object.keys(mapping).find((name) => mapping[name] === (row.postId ? 'postId' : 'postUrl')) ?? null;
    if (!post) {
      rejections.push({ line, column, reason: `unlinked: no post ${row.postId ?? row.postUrl} in this workspace` });
    } else if (Date.parse(row.postedAt) < post.publishedAt.getTime()) {
      rejections.push({ line, column: Object.keys(mapping).find((name) => mapping[name] === 'postedAt') ?? null, reason: 'the comment is older than its post' });
    } else {
      accepted.push({ postId: post.id, platformCommentId: row.platformCommentId, authorHandle: row.authorHandle, text: row.text, postedAt: row.postedAt });
    }
  }
  // A file may repeat a comment; the last row of it wins, and the repeat counts as a duplicate.
  const unique = [...new Map(accepted.map((comment) => [`${comment.postId}|${comment.platformCommentId}`, comment])).values()];
  const result = unique.length > 0 ? await acceptComments(em, workspaceId, unique, now, requestId) : { accepted: 0, duplicates: 0 };
  return { accepted: result.accepted, duplicates: result.duplicates + (accepted.length - unique.length), rejections };
}
