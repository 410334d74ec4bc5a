import { acceptComments, recordClassificationUsage, saveClassifications, type StoredClassification } from '@persona-ops/domain/store';
import { batchUsageShares } from '@persona-ops/domain/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../support/api-harness.ts';
import { publishedPost } from '../support/published-post.ts';

// The classify job stores a batch's usage rows and its results in one statement
// (saveClassifications with `usage`): each result must name the usage row of its own workspace,
// classifier and version, whatever else the batch holds, and the tasks of the batch are closed.

let harness: Awaited<ReturnType<typeof startTestApp>>;
const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => harness.orm.em.getConnection().execute<T[]>(text, params, 'all');

async function comments(workspaceId: string, postId: string, names: string[]) {
  await acceptComments(harness.orm.em.fork(), workspaceId, names.map((name) => ({ postId, platformCommentId: name, authorHandle: '@fan', text: name, postedAt: '2026-11-10T10:00:00Z' })), new Date());
  const rows = await sql<{ id: string; platform_comment_id: string }>('select id, platform_comment_id from comment where post_id = ?', [postId]);
  return new Map(rows.map((row) => [row.platform_comment_id, row.id]));
}

beforeAll(async () => {
  harness = await startTestApp();
});
afterAll(() => harness.close());

describe('a batch stored with its usage', () => {
  it('links each result to the usage row of its workspace, classifier and version, and closes the batch\'s tasks', async () => {
    const a = harness.workspaceId;
    const other = await harness.newWorkspace('Brand B');
    const b = other.workspaceId;
    const ofA = await comments(a, await publishedPost(harness.admin), ['a1', 'a2', 'a3']);
    const ofB = await comments(b, await publishedPost(other.admin), ['b1']);
    const result = (workspaceId: string, commentId: string, classifier: string, version: string): StoredClassification =>
      ({ commentId, workspaceId, sentiment: 'neutral', score: 0.5, flags: [], mentionsCharacter: false, language: 'en', classifier, version });
    const decided = [
      result(a, ofA.get('a1')!, 'openai', 'openai:v1'),
      result(a, ofA.get('a2')!, 'openai', 'openai:v1'),
      result(a, ofA.get('a3')!, 'offline', 'offline:v1'),
      result(b, ofB.get('b1')!, 'openai', 'openai:v1'),
    ];
    const usage = batchUsageShares(decided, { promptTokens: 300, completionTokens: 30, costUsdMicros: 900, requests: 3 });
    expect(await saveClassifications(harness.orm.em.fork(), decided, new Date(), usage)).toEqual({ stored: 4 });

    const linked = await sql<{ comment_id: string; workspace_id: string; classifier: string; version: string; usage_workspace: string; usage_classifier: string; usage_version: string; comments: number; prompt_tokens: number }>(
      `select cc.comment_id, cc.workspace_id, cc.classifier, cc.version, u.workspace_id as usage_workspace, u.classifier as usage_classifier, u.version as usage_version, u.comments, u.prompt_tokens
       from comment_classification cc join classification_usage u on u.id = cc.usage_id`,
    );
    expect(linked).toHaveLength(4);
    for (const row of linked) expect([row.usage_workspace, row.usage_classifier, row.usage_version]).toEqual([row.workspace_id, row.classifier, row.version]);
    const byComment = new Map(linked.map((row) => [row.comment_id, row]));
    // The paid batch's 300 prompt tokens shared by its three paid comments: two of A's, one of B's.
    expect([byComment.get(ofA.get('a1')!)!.comments, byComment.get(ofA.get('a1')!)!.prompt_tokens]).toEqual([2, 200]);
    expect([byComment.get(ofB.get('b1')!)!.comments, byComment.get(ofB.get('b1')!)!.prompt_tokens]).toEqual([1, 100]);
    expect([byComment.get(ofA.get('a3')!)!.comments, byComment.get(ofA.get('a3')!)!.prompt_tokens]).toEqual([1, 0]);
    expect(await sql('select count(*)::int as n from classification_usage')).toEqual([{ n: 3 }]);
    expect(await sql('select count(*)::int as n from classification_task')).toEqual([{ n: 0 }]);
  });

  it('keeps a usage row named by the result itself', async () => {
    const ofA = await comments(harness.workspaceId, await publishedPost(harness.admin), ['named']);
    const [named] = await recordClassificationUsage(harness.orm.em.fork(), [{ workspaceId: harness.workspaceId, classifier: 'openai', version: 'openai:v2', comments: 1, promptTokens: 7, completionTokens: 1, costUsdMicros: 3, requests: 1 }], new Date());
    const decided: StoredClassification[] = [{ commentId: ofA.get('named')!, workspaceId: harness.workspaceId, sentiment: 'neutral', score: 0.5, flags: [], mentionsCharacter: false, classifier: 'openai', version: 'openai:v2', usageId: named!.id }];
    expect(await saveClassifications(harness.orm.em.fork(), decided, new Date())).toEqual({ stored: 1 });
    expect(await sql('select usage_id from comment_classification where comment_id = ?', [ofA.get('named')])).toEqual([{ usage_id: named!.id }]);
  });
});
