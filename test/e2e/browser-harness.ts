// What the browser tests share: the real API on a seeded database of the file's own, the built web
// app as its own process (node web/serve.ts, adapter-node output), and Debian's Chromium driven by
// playwright-core.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { buildApp, type BuildSettings } from '@persona-ops/api/build-app';
import { seedDemoBrand } from '@persona-ops/api/seed';
import { createTestDatabase } from '../support/test-database.ts';

const root = path.resolve(import.meta.dirname, '../..');
const web = path.join(root, 'web');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

// Found (or reported missing) once by the global setup; the browser test files skip without it.
export const browserMissing = !inject('chromiumPath');

function chromiumPath(): string {
  const found = inject('chromiumPath');
  if (!found) throw new Error('No Chromium: the global setup should have skipped the browser tests.');
  return found;
}

function newestMtime(target: string): number {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

function webBuildIsFresh(): boolean {
  const built = path.join(web, 'build', 'index.js');
  const sources = Math.max(newestMtime(path.join(web, 'src')), ...['vite.config.ts', 'package.json'].map((f) => newestMtime(path.join(web, f))));
  return existsSync(built) && statSync(built).mtimeMs >= sources;
}

const BUILD_LOCK = path.join(web, '.build.lock');
const BUILD_TIMEOUT_MS = 240_000;

// Builds web/ when build/ is missing or older than the sources it is made from. Browser test
// files run in parallel workers: two concurrent vite builds overwrite each other's output, so one
// process builds (holding a lock directory) while the others wait and then find it fresh.
export function ensureWebBuild() {
  if (webBuildIsFresh()) return;
  const deadline = Date.now() + BUILD_TIMEOUT_MS + 30_000;
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock older than a whole build was left by a process that died mid-build.
      const held = statSync(BUILD_LOCK, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > BUILD_TIMEOUT_MS + 30_000) rmSync(BUILD_LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`another process held ${BUILD_LOCK} for too long`, { cause: error });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    if (!webBuildIsFresh()) execFileSync('pnpm', ['--filter', '@persona-ops/web', 'build'], { cwd: root, stdio: 'pipe', timeout: BUILD_TIMEOUT_MS });
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function startWeb(env: Record<string, string>): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [path.join(web, 'serve.ts')], { cwd: web, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web did not start in 20 s:\n${output}`)), 20_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web exited with ${code}:\n${output}`));
    });
    child.stdout?.on('data', () => {
      if (output.includes('Listening on')) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve({ child, output: () => output });
      }
    });
  });
}

function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export type BrowserHarness = {
  database: Awaited<ReturnType<typeof createTestDatabase>>;
  api: FastifyInstance;
  /** The demo brand's API key. */
  key: string;
  /** The dashboard's address, e.g. http://127.0.0.1:41234 */
  base: string;
  page: Page;
  /** Uncaught errors of the pages' scripts. */
  pageErrors: string[];
  /** Logs the browser in with the demo brand's key (the login page sets the cookie). */
  login(): Promise<void>;
  close(): Promise<void>;
};

/** May answer a cleanup (e.g. stopping a job runner the tests need running), run by close(). */
export type Prepare = (context: Pick<BrowserHarness, 'database' | 'api' | 'key'> & { apiUrl: string; now: Date }) => Promise<void | (() => Promise<void>)>;

/**
 * Seeds the demo brand, starts the API and the built dashboard, and opens a browser page.
 * `prepare` runs once the API listens, before the dashboard starts (e.g. to classify the demo comments);
 * what it answers runs on close, before the API stops.
 */
// `connectors`: the API's connector settings, made from the dashboard's address (their redirect URI).
export async function startBrowserHarness(options: { prepare?: Prepare; alertWebhookAllowPrivate?: boolean; connectors?: (base: string) => BuildSettings['connectors']; media?: BuildSettings['media'] } = {}): Promise<BrowserHarness> {
  const database = await createTestDatabase();
  let api: FastifyInstance | undefined;
  let webServer: { child: ChildProcess } | undefined;
  let browser: Browser | undefined;
  let cleanup: void | (() => Promise<void>);
  const close = async () => {
    await browser?.close();
    await stop(webServer?.child);
    await cleanup?.();
    await api?.close();
    await database.drop();
  };
  try {
    const now = new Date();
    const { key } = await seedDemoBrand(database.orm.em.fork(), now);
    // Chosen before the API starts: the connectors' redirect URI is the dashboard's.
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    // ALERT_WEBHOOK_ALLOW_PRIVATE, for a test whose alert webhook listens on 127.0.0.1.
    api = await buildApp(database.orm, {}, { alertWebhookAllowPrivate: options.alertWebhookAllowPrivate ?? false, ...(options.connectors ? { connectors: options.connectors(base) } : {}), ...(options.media ? { media: options.media } : {}) });
    const apiUrl = await api.listen({ host: '127.0.0.1', port: 0 });
    cleanup = await options.prepare?.({ database, api, key, apiUrl, now });

    ensureWebBuild();
    webServer = await startWeb({ API_URL: apiUrl, PORT: String(port), HOST: '127.0.0.1', ORIGIN: base });

    browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000);
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    return {
      database,
      api,
      key,
      base,
      page,
      pageErrors,
      async login() {
        await page.goto(`${base}/login`);
        await page.fill('#apiKey', key);
        await page.click('button[type=submit]');
        await page.waitForURL(`${base}/`);
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
