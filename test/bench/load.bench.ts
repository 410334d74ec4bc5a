// Load benchmark (issue 10, "Speed"): the demo brand of the quick start in a fresh database, the
// real API (api/src/api-server.ts, buildApp) in its own process, and beside it a bare Fastify + pg route
// running the same SELECT as `GET /v1/campaigns?limit=20`, the ceiling. Both are driven by
// load-generator.ts (node:http, kept-alive connections):
//   1. `GET /v1/campaigns?limit=20` on the API, then on the bare route: req/s, p50/p95/p99, ratio;
//   2. a mixed load: 8 kinds of report and list reads and 20 % comment batches written, with the
//      API process's RSS at the start, every 30 s and at the end (`--reads lists`: the four lists
//      and the writes alone, what the load can reach when the reports cost nothing).
//
//   node test/bench/load.bench.ts [--seconds 10] [--connections 10] [--batch 10] [--warmup 2] [--each 0] [--mixed-seconds N] [--reads all|lists]
//
// Needs PostgreSQL (DATABASE_URL or 127.0.0.1:5432) and Redis (REDIS_URL or 127.0.0.1:6379): the API
// keeps its rate-limit counters there as a production deployment with Redis does (the limit is set
// far above the load, so it counts but never refuses), and one offline-classifier worker classifies
// the demo comments before the load, as the quick start's workers would; no worker runs during it.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { seedDemoBrand } from '@persona-ops/api/seed';
import { benchDatabase } from './bench-database.ts';
import { percentile, runLoad, type LoadRequest, type LoadResult } from './load-generator.ts';

const { values } = parseArgs({ options: {
  seconds: { type: 'string', default: '10' },
  // The mixed load's length, when it should differ (the memory check runs it for 300 s).
  'mixed-seconds': { type: 'string' },
  connections: { type: 'string', default: '10' },
  batch: { type: 'string', default: '10' },
  warmup: { type: 'string', default: '2' },
  'write-share': { type: 'string', default: '0.2' },
  // Also drive each read alone for this many seconds: which kind holds the mixed load back.
  each: { type: 'string', default: '0' },
  // 'lists': the mixed load without its four reports, what the rest of it can reach on this machine.
  reads: { type: 'string', default: 'all' },
} });
const seconds = Number(values.seconds);
const mixedSeconds = Number(values['mixed-seconds'] ?? values.seconds);
const connections = Number(values.connections);
const batchSize = Number(values.batch);
const warmupSeconds = Number(values.warmup);
// Share of the mixed load's requests that write a comment batch (issue 10: 20 %); 0 isolates the reads.
const writeShare = Number(values['write-share']);
const eachSeconds = Number(values.each);
if (values.reads !== 'all' && values.reads !== 'lists') throw new Error(`--reads is all or lists, not ${values.reads}`);
const onlyLists = values.reads === 'lists';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const repository = path.resolve(import.meta.dirname, '../..');
const namespace = `load-bench-${Date.now()}`;
const children: ChildProcess[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function start(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: repository, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(child);
  return child;
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function until(what: string, ready: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Resident memory of a process in MB, from /proc (Linux). */
function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((entry) => entry.startsWith('VmRSS:'));
  return Math.round(Number(line?.match(/\d+/)?.[0] ?? Number.NaN) / 1024);
}

/** CPU time (user + system) a process has used so far, in seconds, from /proc (Linux). */
const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

/** CPU seconds of every PostgreSQL backend connected to this database now (a backend gone since is not counted). */
async function backendsCpu(client: pg.Client, database: string): Promise<Map<number, number>> {
  const { rows } = await client.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [database]);
  return new Map(rows.flatMap(({ pid }) => {
    try {
      return [[pid, cpuSeconds(pid)] as const];
    } catch {
      return [];
    }
  }));
}
const cpuSince = (before: Map<number, number>, after: Map<number, number>) => [...after].reduce((sum, [pid, seconds]) => sum + seconds - (before.get(pid) ?? 0), 0);

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => `${n.toFixed(1)} ms`;
const perSecond = (result: LoadResult) => result.requests / result.seconds;

const database = await benchDatabase('load');
const sql = new pg.Client({ connectionString: database.url });
const databaseName = new URL(database.url).pathname.slice(1);
try {
  // 1. The quick start's demo brand, then its comments classified by one worker (offline classifier).
  const seedStarted = performance.now();
  const { workspace, key } = await seedDemoBrand(database.orm.em.fork(), new Date());
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  await sql.connect();
  const worker = start(['jobs/src/worker.ts'], { DATABASE_URL: database.url, REDIS_URL: redisUrl, QUEUE_NAMESPACE: namespace, OPENAI_API_KEY: '', LOG_LEVEL: 'warn' });
  await until('classifying the demo comments', async () => (await sql.query<{ n: number }>('select count(*)::int as n from classification_task')).rows[0]!.n === 0, 300_000);
  await stop(worker);
  // A database in use has statistics: autovacuum analyzes a freshly loaded table within a minute
  // (autovacuum_naptime). Without them the planner takes each scope for one row and nests loops over
  // every comment; the load measures the steady state, not the first minute after a bulk load.
  await sql.query('analyze');
  const campaigns = (await sql.query<{ id: string }>('select id from campaign where workspace_id = $1 order by name', [workspace.id])).rows.map((row) => row.id);
  const posts = (await sql.query<{ id: string }>('select id from post where workspace_id = $1 order by published_at', [workspace.id])).rows.map((row) => row.id);
  const { rows: [demo] } = await sql.query<{ comments: number; classified: number }>('select count(*)::int as comments, (select count(*)::int from comment_classification) as classified from comment where workspace_id = $1', [workspace.id]);

  // 2. The API as in production, and the bare route, each in a process of its own.
  const apiPort = await freePort();
  const barePort = await freePort();
  const api = start(['api/src/api-server.ts'], {
    DATABASE_URL: database.url, REDIS_URL: redisUrl, QUEUE_NAMESPACE: namespace, PORT: String(apiPort), LOG_LEVEL: 'warn', RATE_LIMIT_REQUESTS: '1000000000',
  });
  start(['test/bench/bare-campaigns.server.ts'], { DATABASE_URL: database.url, WORKSPACE_ID: workspace.id, PORT: String(barePort) });
  await until('the API answering /ready', async () => (await fetch(`http://127.0.0.1:${apiPort}/ready`)).ok, 120_000);
  await until('the bare route answering', async () => (await fetch(`http://127.0.0.1:${barePort}/v1/campaigns?limit=1`)).ok, 60_000);
  const headers = { authorization: `Bearer ${key}` };

  const list: LoadRequest = { kind: 'campaign list', method: 'GET', path: '/v1/campaigns?limit=20' };
  const reports: LoadRequest[] = [
    { kind: 'campaign report', method: 'GET', path: '' },
    { kind: 'overview report', method: 'GET', path: '/v1/reports/overview' },
    { kind: 'production report', method: 'GET', path: '/v1/reports/production' },
    { kind: 'brand-safety report', method: 'GET', path: '/v1/reports/brand-safety' },
  ];
  const lists: LoadRequest[] = [
    list,
    { kind: 'asset list', method: 'GET', path: '/v1/assets?limit=20' },
    { kind: 'comment list', method: 'GET', path: '/v1/comments?limit=20' },
    { kind: 'post list', method: 'GET', path: '/v1/posts?limit=20' },
  ];
  const reads = onlyLists ? lists : [...reports, ...lists];
  let sent = 0;
  let writesSent = 0;
  let readsSent = 0;
  let written = 0;
  // A share of the requests (20 % by default, spread evenly) writes a batch of new comments; the
  // others take the reads in turn, the campaign report going through every demo campaign.
  const mixed = (): LoadRequest => {
    sent += 1;
    if (writesSent < Math.floor(sent * writeShare)) {
      writesSent += 1;
      const postedAt = new Date(Date.now() - 1000).toISOString();
      const comments = Array.from({ length: batchSize }, () => {
        written += 1;
        return { postId: posts[written % posts.length]!, platformCommentId: `${namespace}-${written}`, authorHandle: `@load${written % 500}`, text: `love this look, where can I buy it? #${written}`, postedAt };
      });
      return { kind: `comment batch write (${batchSize})`, method: 'POST', path: '/v1/comments/bulk', body: JSON.stringify({ comments }) };
    }
    const read = reads[readsSent % reads.length]!;
    readsSent += 1;
    return read.kind === 'campaign report' ? { ...read, path: `/v1/reports/campaign/${campaigns[Math.floor(readsSent / reads.length) % campaigns.length]}` } : read;
  };

  const drive = async (port: number, next: () => LoadRequest, duration: number) => {
    const result = await runLoad({ port, connections, seconds: duration, headers, next });
    if (result.failures > 0) throw new Error(`${result.failures} of ${result.requests} requests failed, e.g.\n${result.failureSamples.join('\n')}`);
    return result;
  };

  const loadBefore = os.loadavg();
  // 3. The list on the API, then its SELECT on the bare route, each after a warm-up not counted.
  await drive(apiPort, () => list, warmupSeconds);
  const listResult = await drive(apiPort, () => list, seconds);
  await drive(barePort, () => list, warmupSeconds);
  const bareResult = await drive(barePort, () => list, seconds);

  // 4. The mixed load, the API's RSS sampled at the start, every 30 s and at the end.
  await drive(apiPort, mixed, warmupSeconds);
  const rss: Array<{ at: number; mb: number }> = [{ at: 0, mb: rssMb(api.pid!) }];
  const mixedStarted = performance.now();
  const cpuBefore = cpuSeconds(api.pid!);
  const sampler = setInterval(() => rss.push({ at: (performance.now() - mixedStarted) / 1000, mb: rssMb(api.pid!) }), 30_000);
  let mixedResult: LoadResult;
  try {
    mixedResult = await drive(apiPort, mixed, mixedSeconds);
  } finally {
    clearInterval(sampler);
  }
  rss.push({ at: mixedResult.seconds, mb: rssMb(api.pid!) });
  const apiCpuShare = (cpuSeconds(api.pid!) - cpuBefore) / mixedResult.seconds;
  const row = (name: string, result: LoadResult) => `| ${name} | ${int(perSecond(result))} | ${ms(percentile(result.latenciesMs, 0.5))} | ${ms(percentile(result.latenciesMs, 0.95))} | ${ms(percentile(result.latenciesMs, 0.99))} |`;
  const alone: string[] = [];
  for (const read of eachSeconds > 0 ? reads : []) {
    const request = read.kind === 'campaign report' ? { ...read, path: `/v1/reports/campaign/${campaigns[0]}` } : read;
    const cpu = cpuSeconds(api.pid!);
    const backends = await backendsCpu(sql, databaseName);
    const result = await drive(apiPort, () => request, eachSeconds);
    const apiCpu = cpuSeconds(api.pid!) - cpu;
    const postgresCpu = cpuSince(backends, await backendsCpu(sql, databaseName));
    const perRequest = (seconds: number) => `${((1000 * seconds) / result.requests).toFixed(1)} ms`;
    alone.push(`${row(read.kind, result)} ${Math.round((100 * apiCpu) / result.seconds)} % | ${perRequest(apiCpu)} | ${perRequest(postgresCpu)} |`);
  }
  const loadAfter = os.loadavg();

  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repository, encoding: 'utf8' }).trim();
  const kindRows = [...mixedResult.byKind].sort(([a], [b]) => a.localeCompare(b)).map(([kind, times]) => {
    const sorted = Float64Array.from(times).sort();
    return `| ${kind} | ${int(sorted.length)} | ${ms(percentile(sorted, 0.5))} | ${ms(percentile(sorted, 0.99))} |`;
  });
  const ratio = perSecond(listResult) / perSecond(bareResult);
  const mixedRate = perSecond(mixedResult);
  const mixedP99 = percentile(mixedResult.latenciesMs, 0.99);
  console.log(`
Reproduce: node test/bench/load.bench.ts --seconds ${seconds}${mixedSeconds === seconds ? '' : ` --mixed-seconds ${mixedSeconds}`} --connections ${connections} --batch ${batchSize} --warmup ${warmupSeconds}${writeShare === 0.2 ? '' : ` --write-share ${writeShare}`}${onlyLists ? ' --reads lists' : ''}
Commit ${commit}; ${os.cpus().length} cores, load average ${loadBefore[0]!.toFixed(1)} before, ${loadAfter[0]!.toFixed(1)} after (1 min).
Demo brand seeded in ${seedSeconds.toFixed(1)} s: ${campaigns.length} campaigns, ${posts.length} posts, ${int(demo!.comments)} comments (${int(demo!.classified)} classified).
${connections} kept-alive connections, ${seconds} s each after ${warmupSeconds} s of warm-up; API: api/src/api-server.ts, LOG_LEVEL=warn, rate-limit counters in Redis.

| ${connections} connections, ${seconds} s | req/s | p50 | p95 | p99 |
|---|---|---|---|---|
${row('`GET /v1/campaigns?limit=20`, API', listResult)}
${row('same SELECT, bare Fastify + pg', bareResult)}

list / bare: ${ratio.toFixed(2)} (target ≥ 0.5: ${ratio >= 0.5 ? 'met' : 'not met'})

Mixed load: ${reads.length} kinds of reads in turn${onlyLists ? ' (the four lists; no report)' : ''}, ${Math.round(writeShare * 100)} % of the requests a batch of ${batchSize} new comments (POST /v1/comments/bulk).

| mixed, ${connections} connections, ${mixedSeconds} s | req/s | p50 | p95 | p99 |
|---|---|---|---|---|
${row('all requests', mixedResult)}

${int(mixedRate)} req/s, p99 ${ms(mixedP99)} (target ≥ 800 req/s with p99 < 250 ms: ${mixedRate >= 800 && mixedP99 < 250 ? 'met' : 'not met'})

| kind | requests | p50 | p99 |
|---|---|---|---|
${kindRows.join('\n')}

API process CPU during the mixed load: ${Math.round(apiCpuShare * 100)} % of one core.
API process RSS: ${rss.map((sample) => `${sample.mb} MB at ${Math.round(sample.at)} s`).join(', ')}.
${alone.length ? `
Each read alone, ${eachSeconds} s (after the mixed load):

| read | req/s | p50 | p95 | p99 | API CPU | API CPU / request | PostgreSQL CPU / request |
|---|---|---|---|---|---|---|---|
${alone.join('\n')}
` : ''}`);
} finally {
  for (const child of children) await stop(child);
  await sql.end().catch(() => undefined);
  await database.drop();
}
