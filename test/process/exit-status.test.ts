import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runToEnd } from '../support/processes.ts';

// `pnpm test` must be able to fail: a vitest run whose one spec fails exits non-zero, also on a
// laptop where the global setup falls back to an embedded PostgreSQL (whose package once turned
// every exit status into 0).
const repository = path.resolve(import.meta.dirname, '../..');
const vitest = path.join(repository, 'node_modules/vitest/vitest.mjs');
const config = 'test/fixtures/exit-status/vitest.config.ts';

function runFixture(outcome: 'pass' | 'fail', env: Record<string, string | undefined>) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, FIXTURE_OUTCOME: outcome, ...env };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete childEnv[name];
  return runToEnd(process.execPath, [vitest, 'run', '--config', config], { cwd: repository, env: childEnv, timeoutMs: 150_000 });
}

// Nothing listens on port 9: the laptop path (no PostgreSQL reachable) starts an embedded one.
const noServer = { DATABASE_URL: 'postgres://postgres@127.0.0.1:9/postgres', CI: undefined };

describe('the exit status of a test run', () => {
  it('is non-zero when a test fails, with the embedded PostgreSQL of a laptop', async () => {
    const run = await runFixture('fail', noServer);
    expect(run.output).toMatch(/No PostgreSQL reachable: tests use an embedded one/);
    expect(run.output).toMatch(/Tests: 0 passed, 1 failed/);
    expect(run.code, run.output).toBe(1);
  }, 180_000);

  it('is zero when every test passes, with the same embedded PostgreSQL', async () => {
    const run = await runFixture('pass', noServer);
    expect(run.output).toMatch(/Tests: 1 passed, 0 failed/);
    expect(run.code, run.output).toBe(0);
  }, 180_000);

  it('is non-zero when a test fails on the local PostgreSQL server', async () => {
    const run = await runFixture('fail', {});
    expect(run.output).toMatch(/Tests: 0 passed, 1 failed/);
    expect(run.code, run.output).toBe(1);
  }, 180_000);

  it('is non-zero under CI=true when PostgreSQL does not answer, saying so', async () => {
    const run = await runFixture('pass', { ...noServer, CI: 'true' });
    expect(run.output).toMatch(/PostgreSQL is not reachable at postgres:\/\/postgres@127\.0\.0\.1:9\/postgres; CI needs it/);
    expect(run.code, run.output).not.toBe(0);
  }, 180_000);

  it('is non-zero under CI=true without Chromium, saying how to install it', async () => {
    const run = await runFixture('pass', { CI: 'true', CHROMIUM_PATH: '/nonexistent/chromium' });
    expect(run.output).toContain('The browser tests need Chromium and CI must run them: no Chromium at /nonexistent/chromium (install it with `sudo apt-get install -y chromium`, or set CHROMIUM_PATH).');
    expect(run.code, run.output).not.toBe(0);
  }, 180_000);

  it('skips the browser tests with the reason on a laptop without Chromium', async () => {
    const run = await runFixture('pass', { CI: undefined, CHROMIUM_PATH: '/nonexistent/chromium', FIXTURE_INCLUDE: 'test/e2e/dashboard.test.ts' });
    expect(run.output).toContain('The browser tests are skipped on this machine: no Chromium at /nonexistent/chromium');
    // Every test of the browser file is skipped, none run or failed.
    expect(Number(run.output.match(/Tests: 0 passed, 0 failed, (\d+) skipped/)?.[1])).toBeGreaterThan(0);
    expect(run.code, run.output).toBe(0);
  }, 180_000);
});
