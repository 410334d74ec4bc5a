// Benchmark (issue 3): a workspace of 200 sources, 2,000 campaigns, 200,000 posts and 2,000,000
// metric snapshots (seeded with COPY), then:
// - the refresh-rollups job: a full rebuild, a catch-up after the ingestion below, and an
//   incremental refresh after 10,000 new snapshots of the latest posts;
// - snapshot ingestion through the API (new rows) compared with a raw COPY of as many rows into the
//   same table (metric_snapshot itself: its indexes, foreign keys and rollup triggers), same run;
// - the latency of the reports with warm caches (overview and comparison from the rollups).
//
//   node test/bench/audience.bench.ts [--posts 200000] [--snapshots 2000000] [--ingest 200000] [--keep]
//
// Needs PostgreSQL (DATABASE_URL or 127.0.0.1:5432).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createWorkspaceWithAdmin } from '@persona-ops/api/workspaces';
import { refreshRollups } from '@persona-ops/domain/store';
import { benchDatabase, rate } from './bench-database.ts';

const { values } = parseArgs({ options: { sources: { type: 'string', default: '200' }, campaigns: { type: 'string', default: '2000' }, posts: { type: 'string', default: '200000' }, snapshots: { type: 'string', default: '2000000' }, ingest: { type: 'string', default: '200000' }, batch: { type: 'string', default: '10000' }, keep: { type: 'boolean', default: false } } });
const counts = { sources: Number(values.sources), campaigns: Number(values.campaigns), posts: Number(values.posts), snapshots: Number(values.snapshots), ingest: Number(values.ingest), batch: Number(values.batch) };
const repository = path.resolve(import.meta.dirname, '../..');
const kinds = ['ai_character', 'human_creator', 'studio', 'product_ad'];
const goals = ['awareness', 'traffic', 'engagement', 'lead_generation', 'sales'];
const DAY = 86_400_000;
const start = Date.parse('2025-01-01T00:00:00Z');

async function copy(sql: pg.Client, statement: string, rows: Iterable<string>) {
  await pipeline(Readable.from(rows), sql.query(copyFrom(statement)));
}

const database = await benchDatabase('audience');
const { workspace, key } = await createWorkspaceWithAdmin(database.orm.em.fork(), { name: 'Bench brand', adminEmail: 'bench@b.test', adminName: 'Bench' });
const sql = new pg.Client({ connectionString: database.url });
await sql.connect();
const ws = workspace.id;
const now = new Date().toISOString();
const sourceIds = Array.from({ length: counts.sources }, () => randomUUID());
const campaignIds = Array.from({ length: counts.campaigns }, () => randomUUID());
const postIds = Array.from({ length: counts.posts }, () => randomUUID());
const postTime = (n: number) => start + (n % 600) * DAY + (n % 24) * 3_600_000;

const seedStart = performance.now();
await copy(sql, 'copy source (id, created_at, updated_at, workspace_id, kind, name, handles, aliases, launched_on) from stdin', (function* () {
  for (const [n, id] of sourceIds.entries()) yield `${id}\t${now}\t${now}\t${ws}\t${kinds[n % 4]}\tSource ${n}\t{}\t[]\t${new Date(start - (n % 700) * DAY).toISOString().slice(0, 10)}\n`;
})());
await copy(sql, 'copy campaign (id, created_at, updated_at, workspace_id, name, goal, starts_on, ends_on, currency, target_action, budget_minor) from stdin', (function* () {
  for (const [n, id] of campaignIds.entries()) {
    const from = start + (n % 600) * DAY;
    yield `${id}\t${now}\t${now}\t${ws}\tCampaign ${n}\t${goals[n % 5]}\t${new Date(from).toISOString().slice(0, 10)}\t${new Date(from + 30 * DAY).toISOString().slice(0, 10)}\tUSD\tpurchase\t1000000\n`;
  }
})());
// One brief and one asset per campaign (posts hang off assets); the asset's source is the campaign's.
const briefIds = campaignIds.map(() => randomUUID());
const assetIds = campaignIds.map(() => randomUUID());
await copy(sql, 'copy brief (id, created_at, updated_at, workspace_id, campaign_id, source_id, title, opened_at) from stdin', (function* () {
  for (const [n, id] of briefIds.entries()) yield `${id}\t${now}\t${now}\t${ws}\t${campaignIds[n]}\t${sourceIds[n % counts.sources]}\tBrief ${n}\t${new Date(start + (n % 600) * DAY).toISOString()}\n`;
})());
await copy(sql, 'copy asset (id, created_at, updated_at, workspace_id, brief_id, campaign_id, source_id, title, kind, tool, currency, generation_cost_minor, production_hours, state) from stdin', (function* () {
  for (const [n, id] of assetIds.entries()) yield `${id}\t${now}\t${now}\t${ws}\t${briefIds[n]}\t${campaignIds[n]}\t${sourceIds[n % counts.sources]}\tAsset ${n}\timage\tmj\tUSD\t1500\t2\tpublished\n`;
})());
await copy(sql, 'copy post (id, created_at, updated_at, workspace_id, asset_id, campaign_id, source_id, channel, url, published_at, placement, spend_minor, currency, ai_label_applied) from stdin', (function* () {
  for (const [n, id] of postIds.entries()) {
    const c = n % counts.campaigns;
    yield `${id}\t${now}\t${now}\t${ws}\t${assetIds[c]}\t${campaignIds[c]}\t${sourceIds[c % counts.sources]}\tinstagram\thttps://i.example/p/${n}\t${new Date(postTime(n)).toISOString()}\t${n % 10 === 0 ? 'paid' : 'organic'}\t${n % 10 === 0 ? 5000 : 0}\tUSD\ttrue\n`;
  }
})());
const perPost = Math.max(1, Math.floor(counts.snapshots / counts.posts));
const snapshotRow = (n: number, k: number, offsetDays: number) => {
  const views = 1000 + ((n * 37 + k * 11) % 50_000);
  return `${randomUUID()}\t${now}\t${now}\t${ws}\t${postIds[n]}\t${new Date(postTime(n) + (k + offsetDays) * DAY).toISOString()}\t${views}\t${Math.round(views * 0.8)}\t${views * 2}\t${Math.round(views * 0.05)}\t${Math.round(views * 0.004)}\t${Math.round(views * 0.002)}\t${Math.round(views * 0.003)}\t${Math.round(views * 0.001)}\t${Math.round(views * 0.002)}\t${Math.round(views * 0.0005)}\n`;
};
const snapshotColumns = '(id, created_at, updated_at, workspace_id, post_id, captured_at, views, reach, impressions, likes, comments, shares, saves, profile_visits, link_clicks, follows)';
await copy(sql, `copy metric_snapshot ${snapshotColumns} from stdin`, (function* () {
  for (let n = 0; n < counts.posts; n += 1) for (let k = 0; k < perPost; k += 1) yield snapshotRow(n, k, 0);
})());
await copy(sql, 'copy follower_snapshot (id, created_at, updated_at, workspace_id, source_id, date, followers) from stdin', (function* () {
  for (const [n, id] of sourceIds.entries()) for (let d = 0; d < 600; d += 7) yield `${randomUUID()}\t${now}\t${now}\t${ws}\t${id}\t${new Date(start + d * DAY).toISOString().slice(0, 10)}\t${10_000 + n * 100 + d * 10}\n`;
})());
await sql.query('analyze');
const seedMs = performance.now() - seedStart;

// The refresh-rollups job's work (its handler is this call), timed in this process.
async function refresh() {
  const t = performance.now();
  const result = await refreshRollups(database.orm.em.fork(), ws, new Date());
  const ms = performance.now() - t;
  // Fresh statistics for the reports' plans, as autovacuum would gather them (not timed).
  await sql.query('analyze post_rollup; analyze snapshot_rollup; analyze snapshot_latest_rollup');
  return { ...result, ms };
}
const rebuild = await refresh();

// Snapshot ingestion through the API (a separate process, as in production) vs a raw COPY of the
// same rows, in the same run. New snapshots a day later than the seeded ones.
const port = await new Promise<number>((resolve) => {
  const server = net.createServer().listen(0, '127.0.0.1', () => {
    const { port: p } = server.address() as net.AddressInfo;
    server.close(() => resolve(p));
  });
});
const api = spawn(process.execPath, ['api/src/api-server.ts'], { cwd: repository, env: { ...process.env, DATABASE_URL: database.url, PORT: String(port), LOG_LEVEL: 'warn' }, stdio: 'inherit' });
for (;;) {
  if (await fetch(`http://127.0.0.1:${port}/ready`).then((r) => r.ok, () => false)) break;
  await new Promise((resolve) => setTimeout(resolve, 200));
}
const ingestRows = Math.min(counts.ingest, counts.posts);
const snapshot = (n: number) => {
  const views = 2000 + ((n * 41) % 50_000);
  return { postId: postIds[n]!, capturedAt: new Date(postTime(n) + (perPost + 1) * DAY).toISOString(), views, reach: Math.round(views * 0.8), impressions: views * 2, likes: Math.round(views * 0.05), comments: Math.round(views * 0.004), shares: Math.round(views * 0.002), saves: Math.round(views * 0.003) };
};
let next = 0;
const ingestStart = performance.now();
await Promise.all(Array.from({ length: 2 }, async () => {
  for (;;) {
    const from = next;
    next += counts.batch;
    if (from >= ingestRows) return;
    const snapshots = Array.from({ length: Math.min(counts.batch, ingestRows - from) }, (_, i) => snapshot(from + i));
    const response = await fetch(`http://127.0.0.1:${port}/v1/metric-snapshots/bulk`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ snapshots }) });
    if (!response.ok) throw new Error(`ingestion answered ${response.status}: ${(await response.text()).slice(0, 500)}`);
  }
}));
const ingestMs = performance.now() - ingestStart;
// The same number of rows, COPYed into the table the API writes (indexes, foreign keys, triggers
// and all): one more capture day of the same posts, so these are inserts like the API's.
const copyStart = performance.now();
await copy(sql, `copy metric_snapshot ${snapshotColumns} from stdin`, (function* () {
  for (let n = 0; n < ingestRows; n += 1) yield snapshotRow(n, perPost + 2, 0);
})());
const copyMs = performance.now() - copyStart;
const catchUp = await refresh();

// 10,000 new snapshots of the latest posts (the last days' publications), as a day of tracking
// brings, then the incremental refresh that takes them in.
const latest = postIds.flatMap((_, n) => ((n % 600) >= 590 ? [n] : [])).slice(0, 10_000);
const perLatest = Math.ceil(10_000 / Math.max(1, latest.length));
const fresh = latest.flatMap((n) => Array.from({ length: perLatest }, (_, k) => ({ ...snapshot(n), capturedAt: new Date(postTime(n) + (perPost + 3 + k) * DAY).toISOString() }))).slice(0, 10_000);
for (let from = 0; from < fresh.length; from += counts.batch) {
  const response = await fetch(`http://127.0.0.1:${port}/v1/metric-snapshots/bulk`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ snapshots: fresh.slice(from, from + counts.batch) }) });
  if (!response.ok) throw new Error(`ingestion answered ${response.status}: ${(await response.text()).slice(0, 500)}`);
}
const incremental = await refresh();

// Report latencies with warm caches: each report asked 5 times to warm, then 40 times measured.
async function latency(url: string) {
  const call = async () => {
    const response = await fetch(`http://127.0.0.1:${port}${url}`, { headers: { authorization: `Bearer ${key}` } });
    if (!response.ok) throw new Error(`${url} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
    const body = await response.json() as { freshness?: { basis: string } };
    return body.freshness?.basis ?? 'live (no rollup)';
  };
  let basis = '';
  for (let i = 0; i < 5; i += 1) basis = await call();
  const times: number[] = [];
  for (let i = 0; i < 40; i += 1) {
    const t = performance.now();
    await call();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length * 0.5)]!, p95: times[Math.floor(times.length * 0.95)]!, basis };
}
const campaign = campaignIds[7]!;
const document = await (await fetch(`http://127.0.0.1:${port}/openapi.json`)).json() as { paths: Record<string, unknown> };
const reports = [
  ['audience (one campaign)', `/v1/reports/audience?campaignId=${campaign}`],
  ['commercial (one campaign)', `/v1/reports/commercial?campaignId=${campaign}`],
  ['overview', '/v1/reports/overview'],
  ['comparison', '/v1/reports/comparison'],
  [`campaign/{id}`, `/v1/reports/campaign/${campaign}`],
] as const;
const latencies: string[] = [];
for (const [name, url] of reports) {
  const template = url.split('?')[0]!.replace(campaign, '{id}');
  if (!(template in document.paths)) {
    latencies.push(`  ${name.padEnd(28)} not built yet`);
    continue;
  }
  const { p50, p95, basis } = await latency(url);
  latencies.push(`  ${name.padEnd(28)} p50 ${p50.toFixed(1)} ms  p95 ${p95.toFixed(1)} ms  (${basis})`);
}
api.kill('SIGTERM');
await sql.end();
// --keep leaves the database for a closer look (EXPLAIN, profiling); drop it yourself afterwards.
if (values.keep) {
  await database.orm.close();
  console.log(`kept ${database.url} (workspace ${ws}, key ${key})`);
} else await database.drop();

console.log(`
Audience benchmark: ${counts.sources} sources, ${counts.campaigns} campaigns, ${counts.posts.toLocaleString('en-US')} posts, ${(counts.posts * perPost).toLocaleString('en-US')} metric snapshots (seeded with COPY in ${(seedMs / 1000).toFixed(1)} s)
  snapshot ingestion through the API   ${ingestRows.toLocaleString('en-US')} rows in ${(ingestMs / 1000).toFixed(1)} s  ${rate(ingestRows, ingestMs)}
  raw COPY of as many rows             ${(copyMs / 1000).toFixed(1)} s  ${rate(ingestRows, copyMs)}  (into metric_snapshot itself: same indexes, foreign keys, triggers)
  ingestion / COPY                     ${(copyMs / ingestMs).toFixed(2)}
  refresh-rollups job:
    full rebuild                       ${(rebuild.ms / 1000).toFixed(1)} s  (${rebuild.snapshotRows.toLocaleString('en-US')} snapshot rows, ${rebuild.postRows.toLocaleString('en-US')} post rows)
    catch-up after the two ingestions  ${(catchUp.ms / 1000).toFixed(1)} s  (${catchUp.groups} source-day groups)
    incremental, 10,000 new snapshots  ${(incremental.ms / 1000).toFixed(2)} s  (${incremental.groups} source-day groups)
  report latency (warm, 40 calls):
${latencies.join('\n')}
Reproduce: node test/bench/audience.bench.ts --posts ${counts.posts} --snapshots ${counts.snapshots}
`);
