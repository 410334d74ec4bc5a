import { saveClassifications, type StoredClassification } from '@persona-ops/domain/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client } from '../support/api-harness.ts';
import { publishedPost } from '../support/published-post.ts';

// A comment's current classification (comment_classification.current, kept by the table's
// trigger and premarked by saveClassifications) is the one every report and list reads: the newest
// by classified_at, then created_at, then id, whoever wrote it, in whatever order it arrived.

let harness: Awaited<ReturnType<typeof startTestApp>>;
let client: Client;
let postId: string;
const commentIds = new Map<string, string>();

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => harness.orm.em.getConnection().execute<T[]>(text, params, 'all');
const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 12, minute));

function result(comment: string, version: string, sentiment: 'positive' | 'neutral' | 'negative', flags: string[] = []): StoredClassification {
  return { commentId: commentIds.get(comment)!, workspaceId: harness.workspaceId, sentiment, score: 0.9, flags, mentionsCharacter: false, language: 'en', classifier: version.split(':')[0]!, version };
}

/** Each classification of the comment, newest first by the readers' rule, with its mark. */
async function classifications(comment: string) {
  return sql<{ version: string; current: boolean }>(
    `select version, current from comment_classification where comment_id = ? order by classified_at desc, created_at desc, id desc`,
    [commentIds.get(comment)],
  );
}

async function report() {
  const { status, body } = await client.get(`/v1/reports/brand-safety?postId=${postId}`);
  expect(status).toBe(200);
  return body;
}

async function listed(query = '') {
  const { status, body } = await client.get(`/v1/comments?postId=${postId}&limit=200${query}`);
  expect(status).toBe(200);
  return Object.fromEntries((body.items as Array<{ platformCommentId: string; classification: { version: string } | null }>).map((c) => [c.platformCommentId, c.classification?.version ?? null]));
}

beforeAll(async () => {
  harness = await startTestApp();
  client = harness.admin;
  postId = await publishedPost(client);
  const names = ['reclassified', 'late', 'tied', 'together', 'deleted', 'raced'];
  const bulk = await client.post('/v1/comments/bulk', { comments: names.map((name, i) => ({ postId, platformCommentId: name, authorHandle: '@fan', text: `comment ${name}`, postedAt: `2026-11-10T10:0${i}:00Z` })) });
  expect(bulk.body).toEqual({ accepted: names.length, duplicates: 0 });
  for (const row of await sql<{ id: string; platform_comment_id: string }>('select id, platform_comment_id from comment where post_id = ?', [postId])) commentIds.set(row.platform_comment_id, row.id);
});
afterAll(() => harness.close());

describe('a comment\'s current classification', () => {
  it('is its first one, then the newer reclassification, and reports and lists read that one', async () => {
    const em = harness.orm.em.fork();
    await saveClassifications(em, [result('reclassified', 'offline:1', 'negative', ['hate']), result('late', 'offline:1', 'positive'), result('tied', 'offline:1', 'neutral')], at(0));
    expect(await classifications('reclassified')).toEqual([{ version: 'offline:1', current: true }]);

    await saveClassifications(em, [result('reclassified', 'openai:1', 'positive')], at(10));
    expect(await classifications('reclassified')).toEqual([{ version: 'openai:1', current: true }, { version: 'offline:1', current: false }]);
    const body = await report();
    expect(body.totals).toMatchObject({ comments: 6, classified: 3, positive: 2, neutral: 1, negative: 0, flagged: 0 });
    expect(body.classifierMix).toEqual([{ classifier: 'offline', version: 'offline:1', count: 2 }, { classifier: 'openai', version: 'openai:1', count: 1 }]);
    expect(await listed()).toMatchObject({ reclassified: 'openai:1', late: 'offline:1', tied: 'offline:1' });
    expect(Object.keys(await listed('&category=hate'))).toEqual([]);
  });

  it('stays when an older classification arrives late, and when a batch is stored again', async () => {
    const em = harness.orm.em.fork();
    await saveClassifications(em, [result('late', 'openai:1', 'negative', ['spam_scam'])], at(20));
    const before = await report();
    // Classified before the current one (a slow job committing after a newer one), then the same
    // batch again (a retried job: the unique key skips it).
    await saveClassifications(em, [result('late', 'offline:0', 'neutral', ['hate'])], at(5));
    await saveClassifications(em, [result('late', 'openai:1', 'negative', ['spam_scam'])], at(30));
    expect(await classifications('late')).toEqual([{ version: 'openai:1', current: true }, { version: 'offline:0', current: false }, { version: 'offline:1', current: false }]);
    // Everything but what classifying cost (every classification ran and was paid for).
    const { classificationCost: _paid, ...figures } = before;
    expect(await report()).toMatchObject(figures);
    expect(await listed('&sentiment=negative')).toEqual({ late: 'openai:1' });
  });

  it('goes to the later created_at, then the greater id, when classified_at ties', async () => {
    const insert = (id: string, version: string, createdAt: Date) =>
      sql(
        `insert into comment_classification (id, created_at, updated_at, workspace_id, comment_id, classifier, version, sentiment, score, flags, mentions_character, classified_at)
         values (?, ?, ?, ?, ?, 'tie', ?, 'negative', 0.5, '{}', false, ?)`,
        [id, createdAt, createdAt, harness.workspaceId, commentIds.get('tied'), version, at(40)],
      );
    await insert('00000000-0000-4000-8000-00000000000b', 'tie:b', at(41));
    await insert('00000000-0000-4000-8000-00000000000a', 'tie:a', at(42));
    expect((await classifications('tied'))[0]).toEqual({ version: 'tie:a', current: true });
    await insert('00000000-0000-4000-8000-00000000000c', 'tie:c', at(42));
    await insert('00000000-0000-4000-8000-000000000001', 'tie:1', at(42));
    expect((await classifications('tied')).filter((c) => c.current)).toEqual([{ version: 'tie:c', current: true }]);
    expect(await listed()).toMatchObject({ tied: 'tie:c' });
  });

  it('is picked among several classifications of one comment stored in one statement', async () => {
    const em = harness.orm.em.fork();
    await saveClassifications(em, [result('together', 'offline:1', 'positive'), result('together', 'openai:1', 'negative')], at(50));
    const rows = await classifications('together');
    expect(rows.filter((c) => c.current)).toEqual([rows[0]]);
    await saveClassifications(em, [result('together', 'openai:2', 'neutral'), result('together', 'offline:2', 'positive')], at(51));
    const again = await classifications('together');
    expect(again.filter((c) => c.current)).toEqual([again[0]]);
    expect(again[0]!.version).toMatch(/:2$/);
  });

  it('passes to the newest remaining classification when the current one is deleted', async () => {
    const em = harness.orm.em.fork();
    await saveClassifications(em, [result('deleted', 'offline:1', 'positive')], at(0));
    await saveClassifications(em, [result('deleted', 'openai:1', 'negative')], at(10));
    await sql(`delete from comment_classification where comment_id = ? and current`, [commentIds.get('deleted')]);
    expect(await classifications('deleted')).toEqual([{ version: 'offline:1', current: true }]);
  });

  it('is the newest when two transactions reclassify the comment at once', async () => {
    const em = harness.orm.em.fork();
    await saveClassifications(em, [result('raced', 'offline:1', 'positive')], at(0));
    // The first holds its transaction open; the second waits on the comment's lock, then sees the
    // first's row: without the lock both would mark their own and one would fail.
    let commitFirst!: () => void;
    let firstStored!: () => void;
    const stored = new Promise<void>((resolve) => (firstStored = resolve));
    const first = harness.orm.em.fork().transactional(async (tx) => {
      await saveClassifications(tx, [result('raced', 'openai:1', 'negative')], at(20));
      firstStored();
      await new Promise<void>((resolve) => (commitFirst = resolve));
    });
    await stored;
    const second = harness.orm.em.fork().transactional((tx) => saveClassifications(tx, [result('raced', 'openai:2', 'neutral')], at(30)));
    for (let waited = 0; ; waited += 20) {
      const [row] = await sql<{ n: number }>(`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
      if (row!.n > 0) break;
      if (waited > 5_000) throw new Error('the second transaction never waited for the first');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    commitFirst();
    await Promise.all([first, second]);
    expect(await classifications('raced')).toEqual([{ version: 'openai:2', current: true }, { version: 'openai:1', current: false }, { version: 'offline:1', current: false }]);
  });

  it('is exactly one per classified comment', async () => {
    const rows = await sql<{ comment_id: string; marked: number }>(
      `select comment_id, count(*) filter (where current)::int as marked from comment_classification where workspace_id = ? group by comment_id`,
      [harness.workspaceId],
    );
    expect(rows).toHaveLength(6);
    expect(rows.every((row) => row.marked === 1)).toBe(true);
  });
});
