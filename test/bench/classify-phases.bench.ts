// Where a classification batch's time goes, one process, sequentially: claim the tasks, load the comments,
// classify (offline), store the results and close the tasks, find the spike days; per 1000 comments.
//
//   node test/bench/classify-phases.bench.ts [comments, default 40000]
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createWorkspaceWithAdmin } from '@persona-ops/api/workspaces';
import { acceptComments, claimClassificationTasks, loadCommentsForClassification, saveClassifications } from '@persona-ops/domain/store';
import { createOfflineClassifier } from '../../jobs/src/classifiers/offline/offline-classifier.ts';
import { batchUsageShares } from '@persona-ops/domain/core';
import { sourceDays } from '../../jobs/src/handlers/classify-comments.handler.ts';
import { benchDatabase } from './bench-database.ts';

const N = Number(process.argv[2] ?? 40_000);
const BATCH = 1000;
const database = await benchDatabase('phases');
const em = database.orm.em.fork();
const { workspace } = await createWorkspaceWithAdmin(em, { name: 'Bench brand', adminEmail: 'bench@b.test', adminName: 'Bench' });
const sql = new pg.Client({ connectionString: database.url });
await sql.connect();
const [source, campaign, brief, asset] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
await sql.query(`insert into source (id, created_at, updated_at, workspace_id, kind, name, handles, aliases) values ($1, now(), now(), $2, 'ai_character', 'Léa Nova', '{"instagram":"@lea.nova"}', '["LeaN"]')`, [source, workspace.id]);
await sql.query(`insert into campaign (id, created_at, updated_at, workspace_id, name, goal, starts_on, ends_on, currency, target_action) values ($1, now(), now(), $2, 'c', 'engagement', '2026-01-01', '2026-12-31', 'USD', 'x')`, [campaign, workspace.id]);
await sql.query(`insert into brief (id, created_at, updated_at, workspace_id, campaign_id, source_id, title, opened_at) values ($1, now(), now(), $2, $3, $4, 'b', now())`, [brief, workspace.id, campaign, source]);
await sql.query(`insert into asset (id, created_at, updated_at, workspace_id, brief_id, campaign_id, source_id, title, kind, tool, currency, production_hours, state) values ($1, now(), now(), $2, $3, $4, $5, 'a', 'image', 'mj', 'USD', 1, 'published')`, [asset, workspace.id, brief, campaign, source]);
const post = randomUUID();
await sql.query(`insert into post (id, created_at, updated_at, workspace_id, asset_id, campaign_id, source_id, channel, url, published_at, placement, currency, ai_label_applied) values ($1, now(), now(), $2, $3, $4, $5, 'instagram', 'https://i.example/p', now() - interval '30 days', 'organic', 'USD', true)`, [post, workspace.id, asset, campaign, source]);
const texts = ['love this look @lea.nova 😍', 'where can I buy it?', 'this looks so fake', 'crypto giveaway DM me now', 'so pretty 💖 need it', 'not buying from a robot', 'what shade is this?', 'obsessed with this routine ✨'];
const postedAt = new Date(Date.now() - 86_400_000).toISOString();
for (let i = 0; i < N; i += 10_000) {
  await acceptComments(em.fork(), workspace.id, Array.from({ length: 10_000 }, (_, k) => ({ postId: post, platformCommentId: `c${i + k}`, authorHandle: '@fan', text: `${texts[(i + k) % 8]} #${i + k}`, postedAt })), new Date());
}
const classifier = createOfflineClassifier();
const t: Record<string, number> = { claim: 0, load: 0, classify: 0, store: 0, days: 0 };
const time = async <T>(k: string, f: () => Promise<T>) => { const s = performance.now(); const r = await f(); t[k]! += performance.now() - s; return r; };
let done = 0;
const started = performance.now();
for (;;) {
  const claimed = await time('claim', () => database.orm.em.fork().transactional((tx) => claimClassificationTasks(tx, BATCH, new Date(), 600_000)));
  if (claimed.length === 0) break;
  const e = database.orm.em.fork();
  const comments = await time('load', () => loadCommentsForClassification(e, claimed.map((c) => c.commentId)));
  const results = await time('classify', () => classifier.classify(comments.map((c) => ({ id: c.id, text: c.text, characterNames: c.characterNames }))));
  const decided = results.map((r, i) => ({ commentId: r.id, workspaceId: comments[i]!.workspaceId, sentiment: r.sentiment, score: r.score, flags: r.flags, mentionsCharacter: r.mentionsCharacter, classifier: r.classifier, version: r.version }));
  await time('store', () => saveClassifications(e, decided, new Date(), batchUsageShares(decided, undefined)));
  await time('days', async () => sourceDays(comments));
  done += claimed.length;
}
const total = performance.now() - started;
console.log(`${done} comments in ${(total / 1000).toFixed(1)} s, one process, sequential: ${Math.round(done / (total / 1000))}/s`);
for (const [k, v] of Object.entries(t)) console.log(`  ${k.padEnd(9)} ${(v / (done / 1000)).toFixed(1)} ms per 1000`);
await sql.end();
await database.drop();
