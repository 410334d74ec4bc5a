// Benchmark (issue 4): 1,000,000 comments ingested through the API and classified offline by two
// job-worker processes on Redis, and the ingestion rate compared with a raw COPY of the same rows.
// End to end (issue 14): the comments over the time of both steps, ingestion then classification
// (workers started after ingestion, their start-up counted); the classification rate once both
// workers are up is printed apart.
//
//   node test/bench/comments.bench.ts [--comments 1000000] [--batch 10000] [--concurrency 2] [--classify-batch 1000]
//
// Needs PostgreSQL (DATABASE_URL or 127.0.0.1:5432) and Redis (REDIS_URL or 127.0.0.1:6379).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createWorkspaceWithAdmin } from '@persona-ops/api/workspaces';
import { benchDatabase, rate } from './bench-database.ts';

const { values } = parseArgs({ options: { comments: { type: 'string', default: '1000000' }, batch: { type: 'string', default: '10000' }, concurrency: { type: 'string', default: '2' }, 'classify-batch': { type: 'string', default: '1000' } } });
const total = Number(values.comments);
const batchSize = Number(values.batch);
const concurrency = Number(values.concurrency);
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const repository = path.resolve(import.meta.dirname, '../..');

const texts = ['love this look @lea.nova 😍', 'where can I buy it?', 'this looks so fake', 'crypto giveaway DM me now', 'so pretty 💖 need it', 'not buying from a robot', 'what shade is this?', 'obsessed with this routine ✨'];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

// CPU time (ms) used so far by processes, from /proc (Linux): on a shared machine the wall-clock
// rates follow the other work; the CPU a step took per 1,000 comments does much less.
function cpuMs(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone already: its time is lost, which the figure then underestimates
    }
  }
  return ticks * 10;
}

function start(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: repository, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return child;
}

function waitForOutput(child: ChildProcess, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      if (pattern.test(output)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`exited ${code} before ${pattern}: ${output}`)));
  });
}

const loadBefore = os.loadavg();
const database = await benchDatabase('comments');
const em = database.orm.em.fork();
const { workspace, key } = await createWorkspaceWithAdmin(em, { name: 'Bench brand', adminEmail: 'bench@b.test', adminName: 'Bench' });
const sql = new pg.Client({ connectionString: database.url });
await sql.connect();
// The benchmark's own connections, left out of the CPU counts: the rest are the API's or the workers'.
const backends = async () => (await sql.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database()')).rows.map((row) => row.pid).filter((pid) => !ownBackends.has(pid));
const ownBackends = new Set<number>();
for (const pid of await backends()) ownBackends.add(pid);
// 100 posts of one character, inserted directly: the benchmark is about comments.
const source = randomUUID();
const campaign = randomUUID();
const brief = randomUUID();
const asset = randomUUID();
await sql.query(`insert into source (id, created_at, updated_at, workspace_id, kind, name, handles, aliases) values ($1, now(), now(), $2, 'ai_character', 'Léa Nova', '{"instagram":"@lea.nova"}', '["LeaN"]')`, [source, workspace.id]);
await sql.query(`insert into campaign (id, created_at, updated_at, workspace_id, name, goal, starts_on, ends_on, currency, target_action) values ($1, now(), now(), $2, 'c', 'engagement', '2026-01-01', '2026-12-31', 'USD', 'x')`, [campaign, workspace.id]);
await sql.query(`insert into brief (id, created_at, updated_at, workspace_id, campaign_id, source_id, title, opened_at) values ($1, now(), now(), $2, $3, $4, 'b', now())`, [brief, workspace.id, campaign, source]);
await sql.query(`insert into asset (id, created_at, updated_at, workspace_id, brief_id, campaign_id, source_id, title, kind, tool, currency, production_hours, state) values ($1, now(), now(), $2, $3, $4, $5, 'a', 'image', 'mj', 'USD', 1, 'published')`, [asset, workspace.id, brief, campaign, source]);
const posts: string[] = [];
for (let n = 0; n < 100; n += 1) {
  const id = randomUUID();
  posts.push(id);
  await sql.query(`insert into post (id, created_at, updated_at, workspace_id, asset_id, campaign_id, source_id, channel, url, published_at, placement, currency, ai_label_applied) values ($1, now(), now(), $2, $3, $4, $5, 'instagram', 'https://i.example/p', now() - interval '30 days', 'organic', 'USD', true)`, [id, workspace.id, asset, campaign, source]);
}
const postedAt = new Date(Date.now() - 86_400_000).toISOString();
const comment = (n: number) => ({ postId: posts[n % posts.length]!, platformCommentId: `c${n}`, authorHandle: `@fan${n % 5000}`, text: `${texts[n % texts.length]} #${n}`, postedAt });

// 1. Ingestion through the API (a separate process, as in production), no workers running.
const port = await freePort();
const api = start(['api/src/api-server.ts'], { DATABASE_URL: database.url, PORT: String(port), LOG_LEVEL: 'warn', REDIS_URL: redisUrl });
await new Promise((resolve) => setTimeout(resolve, 200));
for (;;) {
  const ready = await fetch(`http://127.0.0.1:${port}/ready`).then((r) => r.ok, () => false);
  if (ready) break;
  await new Promise((resolve) => setTimeout(resolve, 200));
}
let next = 0;
const ingestBackends = await backends();
const ingestCpuStart = cpuMs([api.pid!, ...ingestBackends]);
const ingestStart = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    for (;;) {
      const from = next;
      next += batchSize;
      if (from >= total) return;
      const comments = Array.from({ length: Math.min(batchSize, total - from) }, (_, i) => comment(from + i));
      const response = await fetch(`http://127.0.0.1:${port}/v1/comments/bulk`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ comments }) });
      if (response.status !== 202) throw new Error(`ingestion answered ${response.status}: ${await response.text()}`);
    }
  }),
);
const ingestMs = performance.now() - ingestStart;
const ingestCpu = cpuMs([api.pid!, ...(await backends())]) - ingestCpuStart;
api.kill('SIGTERM');

// 2. The same rows through a raw COPY into a copy of the table, in the same run.
await sql.query(`create table comment_copy (like comment including defaults)`);
const copyStart = performance.now();
const rows = Readable.from((function* () {
  for (let n = 0; n < total; n += 1) {
    const c = comment(n);
    yield `${randomUUID()}\t${postedAt}\t${postedAt}\t${workspace.id}\t${c.postId}\t${c.platformCommentId}\t${c.authorHandle}\t${c.text}\t${c.postedAt}\n`;
  }
})());
await pipeline(rows, sql.query(copyFrom(`copy comment_copy (id, created_at, updated_at, workspace_id, post_id, platform_comment_id, author_handle, text, posted_at) from stdin`)));
const copyMs = performance.now() - copyStart;

// 3. Classification by two worker processes (offline classifier) on Redis.
const namespace = `bench-${Date.now()}`;
const classifyStart = performance.now();
const workers = [0, 1].map(() => start(['jobs/src/worker.ts'], { DATABASE_URL: database.url, REDIS_URL: redisUrl, QUEUE_NAMESPACE: namespace, OPENAI_API_KEY: '', CLASSIFY_BATCH_SIZE: values['classify-batch'], WORKER_CONCURRENCY: '2' }));
await Promise.all(workers.map((worker) => waitForOutput(worker, /workers up/)));
const workersUpMs = performance.now() - classifyStart;
const workersStartUpCpu = cpuMs(workers.map((worker) => worker.pid!));
const { rows: [waiting] } = await sql.query('select count(*)::int as n from classification_task');
for (;;) {
  const { rows: [row] } = await sql.query('select count(*)::int as n from classification_task');
  if (row.n === 0) break;
  await new Promise((resolve) => setTimeout(resolve, 250));
}
const classifyMs = performance.now() - classifyStart;
const classifyCpu = { workers: cpuMs(workers.map((worker) => worker.pid!)), database: cpuMs(await backends()) };
const loadAfter = os.loadavg();
const { rows: [check] } = await sql.query('select count(*)::int as comments, (select count(*)::int from comment_classification) as results from comment');
for (const worker of workers) worker.kill('SIGTERM');
await Promise.all(workers.map((worker) => new Promise((resolve) => worker.once('exit', resolve))));
await sql.end();
await database.drop();

function perThousand(ms: number): string {
  return (ms / (total / 1000)).toFixed(1);
}

console.log(`
Comments benchmark (${total.toLocaleString('en-US')} comments, batches of ${batchSize.toLocaleString('en-US')}, ${concurrency} concurrent requests; classification batches of ${values['classify-batch']})
  ingestion through the API   ${(ingestMs / 1000).toFixed(1)} s  ${rate(total, ingestMs)}  (CPU ${perThousand(ingestCpu)} ms per 1,000 comments, API and its PostgreSQL backends)
  raw COPY, same rows         ${(copyMs / 1000).toFixed(1)} s  ${rate(total, copyMs)}
  ingestion / COPY            ${(copyMs / ingestMs).toFixed(2)}
  classification, 2 workers   ${(classifyMs / 1000).toFixed(1)} s  ${rate(total, classifyMs)}  (offline classifier, Redis, incl. worker start-up)
    CPU per 1,000 comments    ${perThousand(classifyCpu.workers - workersStartUpCpu + classifyCpu.database)} ms: workers ${perThousand(classifyCpu.workers - workersStartUpCpu)} (after start-up, which took ${(workersStartUpCpu / 1000).toFixed(1)} s of CPU), their PostgreSQL backends ${perThousand(classifyCpu.database)}
    once both workers are up  ${((classifyMs - workersUpMs) / 1000).toFixed(1)} s  ${rate(waiting.n, classifyMs - workersUpMs)}  (start-up ${(workersUpMs / 1000).toFixed(1)} s, ${waiting.n.toLocaleString('en-US')} tasks left then)
  end to end                  ${((ingestMs + classifyMs) / 1000).toFixed(1)} s  ${rate(total, ingestMs + classifyMs)}  (ingestion + classification)
  load average                ${loadBefore.map((n) => n.toFixed(2)).join(' ')} before, ${loadAfter.map((n) => n.toFixed(2)).join(' ')} after classification
  check                       ${check.comments.toLocaleString('en-US')} comments, ${check.results.toLocaleString('en-US')} results
Reproduce: node test/bench/comments.bench.ts --comments ${total}${values['classify-batch'] === '1000' ? '' : ` --classify-batch ${values['classify-batch']}`}
`);
