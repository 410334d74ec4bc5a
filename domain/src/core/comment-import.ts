import { invalidInput } from './errors.ts';

// Reading comment exports: which column holds which field, and one row turned into a comment.
// Platform exports (Instagram, TikTok, YouTube tools) name the same things differently, so each
// field has the aliases seen in them; an explicit mapping overrides the guess.

export const commentImportFields = ['postId', 'postUrl', 'platformCommentId', 'text', 'authorHandle', 'postedAt'] as const;
export type CommentImportField = (typeof commentImportFields)[number];

const aliases: Record<CommentImportField, string[]> = {
  postId: ['post id', 'post_id', 'postid'],
  postUrl: ['post url', 'post_url', 'permalink', 'media url', 'media permalink', 'video link', 'video url', 'post link'],
  platformCommentId: ['comment id', 'comment_id', 'commentid', 'id', 'cid'],
  text: ['comment', 'comment text', 'text', 'message', 'content', 'comment content', 'textdisplay', 'text display'],
  authorHandle: ['username', 'user name', 'author', 'author handle', 'authordisplayname', 'author display name', 'from', 'nickname', 'unique id'],
  postedAt: ['timestamp', 'created time', 'created_time', 'created at', 'created_at', 'date', 'published at', 'publishedat', 'comment time', 'create time', 'time'],
};

const fold = (name: string) => name.normalize('NFKC').trim().toLowerCase().replace(/[\s_-]+/g, ' ');

export type CommentMapping = Record<string, CommentImportField>;

// The mapping for a header: explicit entries first, then the aliases. Fails naming what is missing.
export function resolveCommentMapping(header: readonly string[], explicit: Readonly<Record<string, string>> = {}): CommentMapping {
  const mapping: CommentMapping = {};
  for (const [column, field] of Object.entries(explicit)) {
    if (!(commentImportFields as readonly string[]).includes(field)) {
      throw invalidInput(`The mapping sends column "${column}" to "${field}", which is not a field; use one of ${commentImportFields.join(', ')}.`, { field: 'mapping' });
    }
    if (!header.includes(column)) throw invalidInput(`The mapping names column "${column}", which the file's header does not have.`, { field: 'mapping' });
    mapping[column] = field as CommentImportField;
  }
  const taken = new Set(Object.values(mapping));
  for (const column of header) {
    if (column in mapping) continue;
    const field = commentImportFields.find((candidate) => !taken.has(candidate) && aliases[candidate].includes(fold(column)));
    if (field) {
      mapping[column] = field;
      taken.add(field);
    }
  }
  const missing = [
    ...(taken.has('postId') || taken.has('postUrl') ? [] : ['postId or postUrl']),
    ...(['platformCommentId', 'text', 'postedAt'] as const).filter((field) => !taken.has(field)),
  ];
  if (missing.length > 0) {
    throw invalidInput(
      `The file's header (${header.join(', ')}) has no column for ${missing.join(', ')}. Name the columns, e.g. mapping={"Comment ID":"platformCommentId"}.`,
      { field: 'mapping', missing },
    );
  }
  return mapping;
}

export type CommentRow = { postId?: string; postUrl?: string; platformCommentId: string; text: string; authorHandle: string; postedAt: string };
export type RowProblem = { column: string | null; reason: string };

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Dates without a zone are read as UTC (exports rarely say; UTC is what platforms store).
function parseTimestamp(value: string): string | null {
  const trimmed = value.trim();
  if (/^\d{10}(\d{3})?$/.test(trimmed)) return new Date(Number(trimmed) * (trimmed.length === 10 ? 1000 : 1)).toISOString();
  const zoned = /([zZ]|[+-]\d{2}:?\d{2})$/.test(trimmed) ? trimmed : `${trimmed.replace(' ', 'T')}Z`;
  const time = Date.parse(zoned);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

export function readCommentRow(record: Readonly<Record<string, string>>, mapping: CommentMapping): { row: CommentRow } | { problems: RowProblem[] } {
  const columnOf = (field: CommentImportField) => Object.keys(mapping).find((column) => mapping[column] === field) ?? null;
  const valueOf = (field: CommentImportField) => {
    const column = columnOf(field);
    return column === null ? undefined : (record[column] ?? '').trim();
  };
  const problems: RowProblem[] = [];
  const postId = valueOf('postId');
  const postUrl = valueOf('postUrl');
  if (!postId && !postUrl) problems.push({ column: columnOf('postId') ?? columnOf('postUrl'), reason: 'no post id or post URL' });
  if (postId && !uuid.test(postId)) problems.push({ column: columnOf('postId'), reason: `"${postId}" is not a post id` });
  const platformCommentId = valueOf('platformCommentId') ?? '';
  if (!platformCommentId) problems.push({ column: columnOf('platformCommentId'), reason: 'the comment id is empty' });
  const text = (valueOf('text') ?? '').slice(0, 10_000);
  const rawTime = valueOf('postedAt') ?? '';
  const postedAt = rawTime ? parseTimestamp(rawTime) : null;
  if (!postedAt) problems.push({ column: columnOf('postedAt'), reason: rawTime ? `"${rawTime}" is not a date and time` : 'the time is empty' });
  if (problems.length > 0) return { problems };
  return {
    row: {
      ...(postId ? { postId } : {}),
      ...(postUrl ? { postUrl } : {}),
      platformCommentId,
      text,
      authorHandle: (valueOf('authorHandle') ?? '').slice(0, 255),
      postedAt: postedAt!,
    },
  };
}
