// Report latencies on a database kept by `node test/bench/audience.bench.ts --keep` (no re-seeding):
// starts the API on it and asks each report 5 times to warm, then 40 times measured, as that
// benchmark does.
//
//   node test/bench/report-latency.bench.ts --url postgres://…/persona_ops_bench_audience_… --key po_… [--calls 40]
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';

const { values } = parseArgs({ options: { url: { type: 'string' }, key: { type: 'string' }, calls: { type: 'string', default: '40' } } });
if (!values.url || !values.key) throw new Error('--url and --key (printed by audience.bench.ts --keep) are required');
const { url, key } = values;
const calls = Number(values.calls);
const repository = path.resolve(import.meta.dirname, '../..');

const sql = new pg.Client({ connectionString: url });
await sql.connect();
const campaign = (await sql.query<{ id: string }>(`select id from campaign where name = 'Campaign 7'`)).rows[0]!.id;
await sql.end();

const port = await new Promise<number>((resolve) => {
  const server = net.createServer().listen(0, '127.0.0.1', () => {
    const { port: p } = server.address() as net.AddressInfo;
    server.close(() => resolve(p));
  });
});
const api = spawn(process.execPath, ['api/src/api-server.ts'], { cwd: repository, env: { ...process.env, DATABASE_URL: url, PORT: String(port), LOG_LEVEL: 'warn' }, stdio: 'inherit' });
for (;;) {
  if (await fetch(`http://127.0.0.1:${port}/ready`).then((r) => r.ok, () => false)) break;
  await new Promise((resolve) => setTimeout(resolve, 200));
}

async function latency(target: string) {
  const call = async () => {
    const response = await fetch(`http://127.0.0.1:${port}${target}`, { headers: { authorization: `Bearer ${key}` } });
    if (!response.ok) throw new Error(`${target} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
    const body = await response.json() as { freshness?: { basis: string } };
    return body.freshness?.basis ?? 'live (no rollup)';
  };
  let basis = '';
  for (let i = 0; i < 5; i += 1) basis = await call();
  const times: number[] = [];
  for (let i = 0; i < calls; i += 1) {
    const t = performance.now();
    await call();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length * 0.5)]!, p95: times[Math.floor(times.length * 0.95)]!, basis };
}
const reports = [
  ['overview', '/v1/reports/overview'],
  ['overview live', '/v1/reports/overview?live=true'],
  ['comparison', '/v1/reports/comparison'],
  ['comparison live', '/v1/reports/comparison?live=true'],
  ['campaign/{id}', `/v1/reports/campaign/${campaign}`],
] as const;
try {
  for (const [name, target] of reports) {
    const { p50, p95, basis } = await latency(target);
    console.log(`  ${name.padEnd(16)} p50 ${p50.toFixed(1)} ms  p95 ${p95.toFixed(1)} ms  (${basis})`);
  }
} finally {
  api.kill('SIGTERM');
}
