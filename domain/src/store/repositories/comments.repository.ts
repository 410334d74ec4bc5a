import type { EntityManager } from '@mikro-orm/postgresql';
import { usageInsert, type UsageRow } from './classification-usage.repository.ts';
import { booleanArray, query, nullableTextArray, nullableUuidArray, numberArray, textArray, uuidArray } from './sql.ts';

export type IncomingComment = { postId: string; platformCommentId: string; authorHandle: string; text: string; postedAt: string };

// Accepts comments and records that each needs classifying, in one statement (the outbox): a
// comment is never stored without its task, so nothing waits forever if Redis is down. One
// statement rather than two in a transaction: the new comments' ids go from the insert to the
// tasks inside PostgreSQL instead of to the API and back (10,000 ids a batch), in one round trip.
// Idempotent on (post, platform comment id): a comment sent again is counted as a duplicate.
// `requestId`: the API request they came with (or their import's), which the classify job logs.
export async function acceptComments(em: EntityManager, workspaceId: string, comments: IncomingComment[], now: Date, requestId: string | null = null) {
  const [row] = await query<{ accepted: number }>(
    em,
    `with inserted as (
       insert into comment (id, created_at, updated_at, workspace_id, post_id, platform_comment_id, author_handle, text, posted_at)
       select gen_random_uuid(), ?, ?, ?, r.post_id, r.platform_comment_id, r.author_handle, r.text, r.posted_at
       from jsonb_to_recordset(?::jsonb) as r(post_id uuid, platform_comment_id text, author_handle text, text text, posted_at timestamptz)
       on conflict (post_id, platform_comment_id) do nothing
       returning id, workspace_id
     ),
     tasks as (
       insert into classification_task (comment_id, workspace_id, state, available_at, dispatch_count, created_at, request_id)
       select id, workspace_id, 'pending', ?, 0, ?, ? from inserted
     )
     select count(*)::int as accepted from inserted`,
    [now, now, workspaceId, JSON.stringify(comments.map((c) => ({ post_id: c.postId, platform_comment_id: c.platformCommentId, author_handle: c.authorHandle, text: c.text, posted_at: c.postedAt }))), now, now, requestId],
  );
  const accepted = row?.accepted ?? 0;
  return { accepted, duplicates: comments.length - accepted };
}

// Claims up to `limit` tasks that are pending, or were dispatched long enough ago that their job
// may be lost, and pushes their retry time forward. SKIP LOCKED lets several dispatchers share
// the outbox without handing out the same task twice at once.
export async function claimClassificationTasks(em: EntityManager, limit: number, now: Date, redispatchAfterMs: number) {
  const rows = await query<{ comment_id: string; workspace_id: string; request_id: string | null }>(
    em,
    `update classification_task t set state = 'dispatched', available_at = ?, dispatch_count = t.dispatch_count + 1
     where t.comment_id in (
       select comment_id from classification_task
       where available_at <= ?
       order by available_at
       limit ?
       for update skip locked)
     returning t.comment_id, t.workspace_id, t.request_id`,
    [new Date(now.getTime() + redispatchAfterMs), now, limit],
  );
  return rows.map((row) => ({ commentId: row.comment_id, workspaceId: row.workspace_id, requestId: row.request_id }));
}

export type CommentForClassification = {
  id: string;
  workspaceId: string;
  text: string;
  characterNames: string[];
  competitors: string[];
  /** The post's source and the UTC day of posting: where new results may make a spike. */
  sourceId: string;
  day: string;
};

// The comments of a batch that still need classifying (their task is open: a retried batch skips
// what an earlier attempt finished), with what a classifier needs: the character's name, handles
// and aliases (for mention detection) and the workspace's competitor list.
// Each comment is looked up by key (`offset 0` keeps the lateral subquery a per-id index lookup):
// joined as sets, a table whose statistics predate a bulk load (the planner taking 100,000
// comments for 13,000) was read whole for every batch of 1,000.
export async function loadCommentsForClassification(em: EntityManager, commentIds: string[]): Promise<CommentForClassification[]> {
  if (commentIds.length === 0) return [];
  const rows = await query<{ id: string; workspace_id: string; text: string; name: string; handles: Record<string, string>; aliases: string[]; competitors: string[]; source_id: string; day: string }>(
    em,
    `select c.id, c.workspace_id, c.text, s.name, s.handles, s.aliases, w.competitors, p.source_id, to_char(c.posted_at at time zone 'UTC', 'YYYY-MM-DD') as day
     from unnest(?::uuid[]) as batch(comment_id)
       cross join lateral (
         select c.* from classification_task t join comment c on c.id = t.comment_id
         where t.comment_id = batch.comment_id
         offset 0
       ) c
       join post p on p.id = c.post_id join source s on s.id = p.source_id join workspace w on w.id = c.workspace_id`,
    [uuidArray(commentIds)],
  );
  return rows.map((row) => ({
    id: row.id,
    workspaceId: row.workspace_id,
    text: row.text,
    characterNames: [row.name, ...Object.values(row.handles), ...row.aliases],
    competitors: row.competitors,
    sourceId: row.source_id,
    day: row.day,
  }));
}

export type StoredClassification = {
  commentId: string;
  workspaceId: string;
  sentiment: string;
  score: number;
  flags: string[];
  mentionsCharacter: boolean;
  /** ISO 639-1 code the classifier detected ('und': the text did not say); null or absent when it was not detected. */
  language?: string | null;
  classifier: string;
  version: string;
  /** The usage row whose cost this classification shares (recordClassificationUsage). */
  usageId?: string | null;
};

// Stores results and closes their tasks in one statement (atomic on its own, so no transaction of
// its own: inside the caller's it costs one round trip). The rows travel as one array per column
// (unnest), flags as one comma-joined string per row. ON CONFLICT makes a retried batch harmless: a
// (comment, classifier, version) result is written once. A comment's first classification is
// stored already marked current (the common case; see the current_classification migration):
// for the others the table's trigger picks the current one by the readers' rule. The `offset 0`
// keeps that check a lookup per comment: without it the planner may turn it into one hash of every
// classification stored so far, read whole for each batch.
// `usage`: the batch's usage rows, stored by the same statement; a result without a `usageId`
// then shares the row of its workspace, classifier and version (the classify job's one statement
// per batch, instead of a transaction of two).
export async function saveClassifications(em: EntityManager, results: StoredClassification[], now: Date, usage: UsageRow[] = []) {
  if (results.length === 0) return { stored: 0 };
  for (const r of results) {
    if (r.flags.some((flag) => flag.includes(','))) throw new TypeError(`saveClassifications: a flag of comment ${r.commentId} contains a comma: ${r.flags.join(' | ')}`);
  }
  const usageRows = usage.length > 0 ? usageInsert(usage, now) : { sql: 'select null::uuid as id, null::uuid as workspace_id, null::text as classifier, null::text as version where false', params: [] };
  const [row] = await query<{ stored: number }>(
    em,
    `with usage as (${usageRows.sql}),
     input as (
       select * from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::float8[], ?::text[], ?::boolean[], ?::text[], ?::uuid[])
         as r(workspace_id, comment_id, classifier, version, sentiment, score, flags, mentions_character, language, usage_id)
     ),
     stored as (
       insert into comment_classification (id, created_at, updated_at, workspace_id, comment_id, classifier, version, sentiment, score, flags, mentions_character, language, classified_at, usage_id, current)
       select gen_random_uuid(), ?, ?, i.workspace_id, i.comment_id, i.classifier, i.version, i.sentiment, i.score,
              case when i.flags = '' then '{}'::text[] else string_to_array(i.flags, ',') end, i.mentions_character, i.language, ?, coalesce(i.usage_id, u.id),
              count(*) over (partition by i.comment_id) = 1 and not exists (select 1 from comment_classification e where e.comment_id = i.comment_id offset 0)
       from input i left join usage u on u.workspace_id = i.workspace_id and u.classifier = i.classifier and u.version = i.version
       on conflict (comment_id, classifier, version) do nothing
       returning 1
     ),
     closed as (delete from classification_task where comment_id in (select comment_id from input))
     select count(*)::int as stored from stored`,
    [
      ...usageRows.params,
      uuidArray(results.map((r) => r.workspaceId)),
      uuidArray(results.map((r) => r.commentId)),
      textArray(results.map((r) => r.classifier)),
      textArray(results.map((r) => r.version)),
      textArray(results.map((r) => r.sentiment)),
      numberArray(results.map((r) => r.score)),
      textArray(results.map((r) => r.flags.join(','))),
      booleanArray(results.map((r) => r.mentionsCharacter)),
      nullableTextArray(results.map((r) => r.language ?? null)),
      nullableUuidArray(results.map((r) => r.usageId ?? null)),
      now,
      now,
      now,
    ],
  );
  return { stored: row?.stored ?? 0 };
}
