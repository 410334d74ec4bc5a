import { execFileSync } from 'node:child_process';
import { chmod, cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, run, runToEnd } from './support/processes.ts';
import type { ApiBody } from './support/api-harness.ts';
import { isReachable } from './support/services.ts';

// README's quick start, as a newcomer runs it: a fresh copy of the repository, `pnpm install`,
// then `pnpm start` with no DATABASE_URL (embedded PostgreSQL) and no Redis.
const repository = path.resolve(import.meta.dirname, '..');
let clone: string;
const env = { ...process.env };
delete env.DATABASE_URL;
delete env.REDIS_URL;
delete env.OPERATOR_PASSWORD;

beforeAll(async () => {
  clone = await mkdtemp(path.join(os.tmpdir(), 'persona-ops-quickstart-'));
  // As root the embedded server runs as the postgres user, which must be able to enter the folder.
  await chmod(clone, 0o755);
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: repository, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
  for (const file of files) await cp(path.join(repository, file), path.join(clone, file), { recursive: true }).catch(() => undefined);
  const install = await runToEnd('pnpm', ['install', '--frozen-lockfile', '--prefer-offline'], { cwd: clone, env, timeoutMs: 240_000 });
  expect(install.code, install.output).toBe(0);
}, 300_000);

afterAll(async () => {
  if (clone) await rm(clone, { recursive: true, force: true });
});

// The bodies are checked field by field below; their shape is the API's, not this test's.
const json = (response: Response): Promise<ApiBody> => response.json();

async function startOnce() {
  const port = await freePort();
  const databasePort = await freePort();
  const webPort = await freePort();
  const started = run('pnpm', ['start'], { cwd: clone, env: { ...env, PORT: String(port), WEB_PORT: String(webPort), EMBEDDED_POSTGRES_PORT: String(databasePort) } });
  const [, operatorPassword] = await started.waitFor(/Operator password\s+(\S+) \(kept in/, 120_000);
  const [, key] = await started.waitFor(/Demo admin API key\s+(\S+)/, 120_000);
  await started.waitFor(/\[web\] Listening/, 30_000);
  return { started, base: `http://127.0.0.1:${port}`, dashboard: `http://127.0.0.1:${webPort}`, key: key!, operatorPassword: operatorPassword!, databasePort };
}

describe('the quick start', () => {
  it('serves a ready API with the demo brand on an embedded PostgreSQL, and restarts on its data', async () => {
    const first = await startOnce();
    try {
      const ready = await fetch(`${first.base}/ready`);
      expect(ready.status).toBe(200);
      expect(await json(ready)).toEqual({ status: 'ready', database: 'up', pendingMigrations: [] });
      const document = await json(await fetch(`${first.base}/openapi.json`));
      expect(document.openapi).toBe('3.1.0');
      expect(Object.keys(document.paths)).toContain('/v1/reports/production');
      const report = await fetch(`${first.base}/v1/reports/production`, { headers: { authorization: `Bearer ${first.key}` } });
      expect(report.status).toBe(200);
      expect((await json(report)).kpis.approved_assets).toBe(12);
      expect((await fetch(`${first.base}/docs`)).status).toBe(200);

      // The dashboard answers (the login page, for a visitor without a key).
      const dashboard = await fetch(first.dashboard, { redirect: 'manual' });
      expect(dashboard.status).toBe(303);
      expect((await fetch(`${first.dashboard}/login`)).status).toBe(200);

      // The job workers run on the embedded PostgreSQL: the demo's comments get classified.
      const auth = { headers: { authorization: `Bearer ${first.key}` } };
      let safety: ApiBody;
      for (let tries = 0; tries < 120; tries += 1) {
        safety = await json(await fetch(`${first.base}/v1/reports/brand-safety`, auth));
        if (safety.totals.waiting === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(safety.totals.waiting).toBe(0);
      expect(safety.totals.classified).toBe(safety.totals.comments);
      expect(safety.totals.comments).toBeGreaterThan(0);

      // The queue board opens with the operator password the start printed (generated into .data), not with an admin key.
      const basic = (password: string) => ({ headers: { authorization: `Basic ${Buffer.from(`operator:${password}`).toString('base64')}` } });
      expect((await readFile(path.join(clone, '.data/operator-password'), 'utf8')).trim()).toBe(first.operatorPassword);
      expect((await fetch(`${first.base}/admin/queues`, basic(first.operatorPassword))).status).toBe(200);
      expect((await fetch(`${first.base}/admin/queues`, basic(first.key))).status).toBe(401);
    } finally {
      await first.started.stop();
    }
    // Stopping the product stops its embedded PostgreSQL too.
    expect(await isReachable(`postgres://postgres:postgres@127.0.0.1:${first.databasePort}/postgres`, 500)).toBe(false);

    // The second start finds the data: no second demo brand, the same key still works.
    const second = await startOnce();
    try {
      expect(second.key).toBe(first.key);
      expect(second.operatorPassword).toBe(first.operatorPassword);
      const sources = await json(await fetch(`${second.base}/v1/sources`, { headers: { authorization: `Bearer ${second.key}` } }));
      expect(sources.items).toHaveLength(5);

      // A job worker that dies is started again, and the restart is in the log.
      // The workers log JSON lines (pino): their pid is a field of the start-up line.
      const [, workerPid] = await second.started.waitFor(/\[jobs\] \{"level":30,[^\n]*"pid":(\d+),[^\n]*"msg":"workers up/, 60_000);
      process.kill(Number(workerPid), 'SIGKILL');
      await second.started.waitFor(/\[supervisor\] jobs died \(signal SIGKILL\); restarting it in 1\.0 s/, 10_000);
      await second.started.waitFor(/\[supervisor\] jobs restarted \(restart 1\)/, 10_000);
      const restarted = await second.started.waitFor(new RegExp(`\\[jobs\\] \\{"level":30,[^\\n]*"pid":(?!${workerPid},)(\\d+),[^\\n]*"msg":"workers up`), 60_000);
      expect(restarted[1]).not.toBe(workerPid);
    } finally {
      await second.started.stop();
    }
  }, 240_000);
});
