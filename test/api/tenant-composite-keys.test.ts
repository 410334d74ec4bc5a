import { randomUUID } from 'node:crypto';
import { acceptComments, saveClassifications } from '@persona-ops/domain/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../support/api-harness.ts';
import { publishedPost } from '../support/published-post.ts';

// A comment, its classification task and its classifications reference their parent and its
// workspace by one composite foreign key each (migration 20261204190000, replacing a key to the
// parent and another to the workspace): a row whose workspace is not its parent's is refused by
// the database, whoever writes it, and what the single keys guaranteed still holds.

let harness: Awaited<ReturnType<typeof startTestApp>>;
let postId: string;
let otherWorkspaceId: string;
let otherPostId: string;

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => harness.orm.em.getConnection().execute<T[]>(text, params, 'all');

async function newComment(name: string) {
  await acceptComments(harness.orm.em.fork(), harness.workspaceId, [{ postId, platformCommentId: name, authorHandle: '@fan', text: `comment ${name}`, postedAt: '2026-11-10T10:00:00Z' }], new Date());
  const [row] = await sql<{ id: string }>('select id from comment where post_id = ? and platform_comment_id = ?', [postId, name]);
  return row!.id;
}

const foreignKeyViolation = /violates foreign key constraint/;

beforeAll(async () => {
  harness = await startTestApp();
  postId = await publishedPost(harness.admin);
  const other = await harness.newWorkspace('Brand B');
  otherWorkspaceId = other.workspaceId;
  otherPostId = await publishedPost(other.admin);
});
afterAll(() => harness.close());

describe('composite tenant keys', () => {
  it('accepts comments with one task each in their post\'s workspace, and counts a comment sent again as a duplicate', async () => {
    const em = harness.orm.em.fork();
    const comments = ['a', 'b', 'c'].map((name) => ({ postId, platformCommentId: `accepted-${name}`, authorHandle: '@fan', text: name, postedAt: '2026-11-10T10:00:00Z' }));
    expect(await acceptComments(em, harness.workspaceId, comments, new Date(), 'req-1')).toEqual({ accepted: 3, duplicates: 0 });
    expect(await acceptComments(em, harness.workspaceId, [...comments.slice(0, 2), { ...comments[0]!, platformCommentId: 'accepted-d' }], new Date())).toEqual({ accepted: 1, duplicates: 2 });
    const tasks = await sql<{ platform_comment_id: string; workspace_id: string; request_id: string | null }>(
      `select c.platform_comment_id, t.workspace_id, t.request_id from classification_task t join comment c on c.id = t.comment_id where c.platform_comment_id like 'accepted-%' order by 1`,
    );
    expect(tasks).toEqual([
      { platform_comment_id: 'accepted-a', workspace_id: harness.workspaceId, request_id: 'req-1' },
      { platform_comment_id: 'accepted-b', workspace_id: harness.workspaceId, request_id: 'req-1' },
      { platform_comment_id: 'accepted-c', workspace_id: harness.workspaceId, request_id: 'req-1' },
      { platform_comment_id: 'accepted-d', workspace_id: harness.workspaceId, request_id: null },
    ]);
  });

  it('refuses a comment on a post of another workspace, and stores nothing of its batch', async () => {
    const em = harness.orm.em.fork();
    const batch = [
      { postId, platformCommentId: 'mine', authorHandle: '@fan', text: 'mine', postedAt: '2026-11-10T10:00:00Z' },
      { postId: otherPostId, platformCommentId: 'theirs', authorHandle: '@fan', text: 'theirs', postedAt: '2026-11-10T10:00:00Z' },
    ];
    await expect(acceptComments(em, harness.workspaceId, batch, new Date())).rejects.toThrow(foreignKeyViolation);
    expect(await sql(`select 1 from comment where platform_comment_id in ('mine', 'theirs')`)).toEqual([]);
  });

  it('refuses a classification naming another workspace than its comment\'s', async () => {
    const commentId = await newComment('classified-elsewhere');
    const result = { commentId, workspaceId: otherWorkspaceId, sentiment: 'positive', score: 0.9, flags: [], mentionsCharacter: false, language: 'en', classifier: 'offline', version: 'offline:test' };
    await expect(saveClassifications(harness.orm.em.fork(), [result], new Date())).rejects.toThrow(foreignKeyViolation);
    expect(await saveClassifications(harness.orm.em.fork(), [{ ...result, workspaceId: harness.workspaceId }], new Date())).toEqual({ stored: 1 });
  });

  it('refuses a classification of a comment that does not exist', async () => {
    const result = { commentId: randomUUID(), workspaceId: harness.workspaceId, sentiment: 'positive', score: 0.9, flags: [], mentionsCharacter: false, language: 'en', classifier: 'offline', version: 'offline:test' };
    await expect(saveClassifications(harness.orm.em.fork(), [result], new Date())).rejects.toThrow(foreignKeyViolation);
  });

  it('refuses a task naming another workspace than its comment\'s', async () => {
    const commentId = await newComment('task-elsewhere');
    await sql('delete from classification_task where comment_id = ?', [commentId]);
    await expect(sql(`insert into classification_task (comment_id, workspace_id, state, available_at, dispatch_count, created_at) values (?, ?, 'pending', now(), 0, now())`, [commentId, otherWorkspaceId])).rejects.toThrow(foreignKeyViolation);
  });

  it('still deletes a comment\'s task with the comment, and keeps a classified comment and its post from going', async () => {
    const pending = await newComment('deleted-with-task');
    await sql('delete from comment where id = ?', [pending]);
    expect(await sql('select 1 from classification_task where comment_id = ?', [pending])).toEqual([]);

    const classified = await newComment('kept-by-classification');
    await saveClassifications(harness.orm.em.fork(), [{ commentId: classified, workspaceId: harness.workspaceId, sentiment: 'neutral', score: 0.5, flags: [], mentionsCharacter: false, language: 'en', classifier: 'offline', version: 'offline:test' }], new Date());
    await expect(sql('delete from comment where id = ?', [classified])).rejects.toThrow(foreignKeyViolation);
    await expect(sql('delete from post where id = ?', [postId])).rejects.toThrow(foreignKeyViolation);
    // Moving a comment to another workspace would leave its rows behind: refused as well.
    await expect(sql('update comment set workspace_id = ? where id = ?', [otherWorkspaceId, classified])).rejects.toThrow(foreignKeyViolation);
  });
});
