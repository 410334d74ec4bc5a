// Benchmark (issue 10, defect 2): CSV files at the 50 MB upload limit, made of short rows, uploaded
// through the API and imported by a job-worker process (`pnpm jobs`, on Redis), with the worker's
// peak resident memory (VmHWM) for each. Each file gets a fresh worker, so each peak is its own.
//
//   node test/bench/import-memory.bench.ts [--mb 50] [--files comments,post-metrics,junk]
//
//   comments      comment rows on 100 posts; 20,000 distinct comments, every later row a duplicate
//   post-metrics  Instagram rows "post id,views" of 100 known posts: the first of each stored, the
//                 rest rejected as repeats (the file's row keys are checked in PostgreSQL)
//   junk          the probe's file: 4-byte rows ("7,2") under a comments header, all rejected
//
// Needs PostgreSQL (DATABASE_URL or 127.0.0.1:5432) and Redis (REDIS_URL or 127.0.0.1:6379); Linux
// (the peak is read from /proc/<pid>/status).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createWorkspaceWithAdmin } from '@persona-ops/api/workspaces';
import { benchDatabase, rate } from './bench-database.ts';

const { values } = parseArgs({ options: { mb: { type: 'string', default: '50' }, files: { type: 'string', default: 'comments,post-metrics,junk' } } });
const targetBytes = Math.min(Number(values.mb) * 1024 * 1024, 50 * 1024 * 1024 - 1024);
const files = values.files.split(',');
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const repository = path.resolve(import.meta.dirname, '../..');
const posts = 100;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function start(args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, args, { cwd: repository, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return { child, output: () => output };
}

async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 30 * 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Resident and peak resident memory of a process, in MB (Linux). */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** A CSV of `header` and rows from `row(n)` up to `targetBytes`. */
function csvOf(header: string, row: (n: number) => string): { content: Buffer; rows: number } {
  const parts: string[] = [header];
  let bytes = header.length + 1;
  let rows = 0;
  for (;;) {
    const line = row(rows);
    if (bytes + line.length + 1 > targetBytes) break;
    parts.push(line);
    bytes += line.length + 1;
    rows += 1;
  }
  return { content: Buffer.from(parts.join('\n')), rows };
}

const database = await benchDatabase('imports');
const { workspace, key } = await createWorkspaceWithAdmin(database.orm.em.fork(), { name: 'Bench brand', adminEmail: 'bench@b.test', adminName: 'Bench' });
const sql = new pg.Client({ connectionString: database.url });
await sql.connect();
// 100 Instagram posts of one character, inserted directly: the benchmark is about the import.
const source = randomUUID();
const campaign = randomUUID();
const brief = randomUUID();
const asset = randomUUID();
await sql.query(`insert into source (id, created_at, updated_at, workspace_id, kind, name, handles, aliases) values ($1, now(), now(), $2, 'ai_character', 'Léa Nova', '{"instagram":"@lea.nova"}', '["LeaN"]')`, [source, workspace.id]);
await sql.query(`insert into campaign (id, created_at, updated_at, workspace_id, name, goal, starts_on, ends_on, currency, target_action) values ($1, now(), now(), $2, 'c', 'engagement', '2026-01-01', '2026-12-31', 'USD', 'x')`, [campaign, workspace.id]);
await sql.query(`insert into brief (id, created_at, updated_at, workspace_id, campaign_id, source_id, title, opened_at) values ($1, now(), now(), $2, $3, $4, 'b', now())`, [brief, workspace.id, campaign, source]);
await sql.query(`insert into asset (id, created_at, updated_at, workspace_id, brief_id, campaign_id, source_id, title, kind, tool, currency, production_hours, state) values ($1, now(), now(), $2, $3, $4, $5, 'a', 'image', 'mj', 'USD', 1, 'published')`, [asset, workspace.id, brief, campaign, source]);
for (let n = 0; n < posts; n += 1) {
  await sql.query(
    `insert into post (id, created_at, updated_at, workspace_id, asset_id, campaign_id, source_id, channel, url, platform_post_id, published_at, placement, currency, ai_label_applied)
     values ($1, now(), now(), $2, $3, $4, $5, 'instagram', $6, $7, now() - interval '30 days', 'organic', 'USD', true)`,
    [randomUUID(), workspace.id, asset, campaign, source, `https://i.example/p/${n}`, `1791234567${String(n).padStart(3, '0')}`],
  );
}

const postedAt = new Date(Date.now() - 86_400_000).toISOString().slice(0, 16).replace('T', ' ');
const generators: Record<string, { kind: string; query: string; make: () => { content: Buffer; rows: number } }> = {
  comments: { kind: 'comments', query: 'fileName=comments.csv', make: () => csvOf('Post URL,Comment ID,Username,Comment,Timestamp', (n) => `https://i.example/p/${n % posts},c${n % 20_000},@fan${n % 500},nice ${n % 97},${postedAt}`) },
  'post-metrics': { kind: 'post-metrics', query: 'platform=instagram&fileName=metrics.csv', make: () => csvOf('Post ID,Views', (n) => `1791234567${String(n % posts).padStart(3, '0')},${n % 100_000}`) },
  junk: { kind: 'comments', query: 'fileName=junk.csv', make: () => csvOf('Post URL,Comment ID,Username,Comment,Timestamp', (n) => `${n % 10},${n % 7}`) },
};

const port = await freePort();
const api = start(['api/src/api-server.ts'], { DATABASE_URL: database.url, PORT: String(port), LOG_LEVEL: 'warn', REDIS_URL: redisUrl });
await until(() => fetch(`http://127.0.0.1:${port}/ready`).then((r) => r.ok, () => false), 'the API');

const namespace = `bench-imports-${Date.now()}`;
const results: string[] = [];
for (const name of files) {
  const generator = generators[name];
  if (!generator) throw new Error(`unknown file ${name}; use ${Object.keys(generators).join(', ')}`);
  const file = generator.make();
  const worker = start(['jobs/src/worker.ts'], { DATABASE_URL: database.url, REDIS_URL: redisUrl, QUEUE_NAMESPACE: namespace, OPENAI_API_KEY: '' });
  await until(() => /workers up/.test(worker.output()) || worker.child.exitCode !== null, 'the worker');
  if (worker.child.exitCode !== null) throw new Error(`the worker exited: ${worker.output()}`);
  const pid = worker.child.pid!;
  const idle = memoryOf(pid);

  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${port}/v1/imports/${generator.kind}?${generator.query}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv' }, body: file.content });
  if (response.status !== 202) throw new Error(`the upload answered ${response.status}: ${await response.text()}`);
  const { id } = (await response.json()) as { id: string };
  let job: { state: string; totalRows: number | null; processedRows: number; accepted: number; duplicates: number; rejectedCount: number; error: string | null } = { state: 'queued', totalRows: null, processedRows: 0, accepted: 0, duplicates: 0, rejectedCount: 0, error: null };
  let sampledPeak = idle.rss;
  let reported = performance.now();
  await until(async () => {
    if (worker.child.exitCode !== null) throw new Error(`the worker died (exit ${worker.child.exitCode}, ${worker.child.signalCode}): ${worker.output().slice(-2000)}`);
    const memory = memoryOf(pid);
    sampledPeak = Math.max(sampledPeak, memory.rss);
    job = (await (await fetch(`http://127.0.0.1:${port}/v1/imports/${id}`, { headers: { authorization: `Bearer ${key}` } })).json()) as typeof job;
    // A line every 30 s on stderr, so a long run shows its memory as it goes.
    if (performance.now() - reported > 30_000) {
      reported = performance.now();
      console.error(`  … ${name}: ${job.processedRows.toLocaleString('en-US')} of ${file.rows.toLocaleString('en-US')} rows after ${((reported - started) / 1000).toFixed(0)} s, RSS ${memory.rss.toFixed(0)} MB, peak ${memory.peak.toFixed(0)} MB`);
    }
    return job.state === 'done' || job.state === 'failed';
  }, `the ${name} import`, 2 * 60 * 60_000);
  const ms = performance.now() - started;
  const peak = memoryOf(pid).peak;
  worker.child.kill('SIGTERM');
  await new Promise((resolve) => worker.child.once('exit', resolve));
  if (job.state !== 'done') throw new Error(`the ${name} import failed: ${job.error}`);
  results.push(
    `  ${name.padEnd(13)} ${(file.content.length / 1024 / 1024).toFixed(1)} MB  ${file.rows.toLocaleString('en-US').padStart(10)} rows  ${(ms / 1000).toFixed(1).padStart(6)} s  ${rate(file.rows, ms).padStart(9)}  ` +
      `worker RSS idle ${idle.rss.toFixed(0)} MB, peak ${peak.toFixed(0)} MB (sampled ${sampledPeak.toFixed(0)})  ` +
      `[accepted ${job.accepted.toLocaleString('en-US')}, duplicates ${job.duplicates.toLocaleString('en-US')}, rejected ${job.rejectedCount.toLocaleString('en-US')}]`,
  );
  console.log(results.at(-1));
}

api.child.kill('SIGTERM');
await new Promise((resolve) => api.child.once('exit', resolve));
await sql.end();
await database.drop();

console.log(`
Import memory benchmark (one worker process per file, default heap, Redis queues; time from upload to done)
${results.join('\n')}
Reproduce: node test/bench/import-memory.bench.ts --mb ${values.mb} --files ${files.join(',')}
`);
