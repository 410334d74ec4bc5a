// The dashboard end to end: the real API on a seeded database, the built web app as its own
// process (node web/serve.ts, adapter-node output), and Debian's Chromium driven by playwright-core.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '@persona-ops/api/build-app';
import { seedDemoBrand } from '@persona-ops/api/seed';
import { createTestDatabase } from '../support/test-database.ts';

const root = path.resolve(import.meta.dirname, '../..');
const web = path.join(root, 'web');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

function newestMtime(target: string): number {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

// Builds web/ when build/ is missing or older than the sources it is made from.
function ensureWebBuild() {
  const built = path.join(web, 'build', 'index.js');
  const sources = Math.max(newestMtime(path.join(web, 'src')), ...['vite.config.ts', 'package.json'].map((f) => newestMtime(path.join(web, f))));
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  execFileSync('pnpm', ['--filter', '@persona-ops/web', 'build'], { cwd: root, stdio: 'pipe', timeout: 240_000 });
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

describe('web dashboard in a browser', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  let api: FastifyInstance | undefined;
  let webServer: { child: ChildProcess; output: () => string } | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let key: string;
  let base: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    ({ key } = await seedDemoBrand(database.orm.em.fork(), new Date()));
    api = await buildApp(database.orm);
    const apiUrl = await api.listen({ host: '127.0.0.1', port: 0 });

    ensureWebBuild();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    webServer = await startWeb({ API_URL: apiUrl, PORT: String(port), HOST: '127.0.0.1', ORIGIN: base });

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await stop(webServer?.child);
    await api?.close();
    await database?.drop();
  });

  it('sends a visitor to the login page and shows the API problem for a wrong key', async () => {
    await page.goto(`${base}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.fill('#apiKey', 'po_not-a-real-key');
    await page.click('button[type=submit]');
    await expect.poll(() => page.locator('[data-problem]').textContent()).toContain('unknown or revoked');
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('logs in with the key and shows the production KPIs, chart and AI-label warning', async () => {
    await page.fill('#apiKey', key);
    await page.click('button[type=submit]');
    await page.waitForURL(`${base}/`);

    const approved = page.locator('[data-kpi=approved_assets] [data-value]');
    await expect.poll(() => approved.textContent()).toBe('12');
    for (const kpi of ['approval_rate', 'first_pass_approval_rate', 'revisions_per_approved', 'brief_to_approval_hours', 'time_in_review_hours', 'brief_to_post_hours', 'content_velocity', 'production_cost', 'cost_per_approved_asset', 'channel_reuse', 'paid_reuse_rate', 'review_queue']) {
      const text = (await page.locator(`[data-kpi=${kpi}] [data-value]`).textContent()) ?? '';
      expect(text, kpi).not.toMatch(/NaN|undefined|null/);
      expect(text.trim(), kpi).not.toBe('');
    }
    expect(await page.locator('[data-kpi=brief_to_approval_hours] [data-value]').textContent()).toMatch(/ h$/);
    expect(await page.locator('[data-kpi=approval_rate] [data-value]').textContent()).toMatch(/ %$/);
    expect(await page.locator('[data-kpi=cost_per_approved_asset] [data-value]').textContent()).toMatch(/^\$[\d,]+\.\d\d$/);

    const chart = page.locator('svg[data-chart=velocity]');
    await chart.waitFor();
    expect(await chart.getAttribute('role')).toBe('img');
    expect(await chart.locator('title').first().textContent()).toContain('Content velocity');
    expect(await chart.locator('desc').textContent()).toMatch(/\d{4}-W\d{2} \d+/);
    expect(await chart.locator('g.bars rect').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-cost=people]').count()).toBe(1);

    expect(await page.locator('[data-banner=ai-disclosure]').textContent()).toContain('without the platform');

    await page.screenshot({ path: '/tmp/dashboard.png', fullPage: true });
  });

  it('filters the report with the GET form', async () => {
    await page.selectOption('#sourceKind', 'human_creator');
    await page.click('form[aria-label=Filters] button[type=submit]');
    await page.waitForURL(/sourceKind=human_creator/);
    const approved = Number(await page.locator('[data-kpi=approved_assets] [data-value]').textContent());
    expect(approved).toBeGreaterThanOrEqual(0);
    expect(approved).toBeLessThan(12);
    await page.goto(`${base}/?from=not-a-date`);
    expect(await page.locator('#from-error').textContent()).toContain('must be a date');
  });

  it('requests changes on the asset in review: a reason is required, then it leaves the queue', async () => {
    await page.goto(`${base}/`);
    await page.click('nav >> text=Review queue');
    await page.waitForURL(`${base}/review`);
    const rows = page.locator('[data-table=review-queue] tbody tr');
    expect(await rows.count()).toBe(1);
    const title = (await rows.first().locator('a').textContent())!.trim();
    expect(await rows.first().locator('td.num').first().textContent()).toMatch(/\d+ (min|h|d)/);

    await rows.first().locator('a').click();
    await page.waitForURL(/\/review\/[0-9a-f-]{36}$/);
    const assetId = page.url().split('/').at(-1)!;
    expect(await page.locator('.history li').count()).toBeGreaterThanOrEqual(2);

    await page.click('button:has-text("Request changes")');
    const reasonError = page.locator('[data-field-error=reason]');
    await reasonError.waitFor();
    expect(await reasonError.textContent()).toContain('A reason is required');
    expect(await page.locator('#reason').getAttribute('aria-invalid')).toBe('true');
    expect(new URL(page.url()).pathname).toBe(`/review/${assetId}`);

    await page.fill('#reason', 'Brighter lighting, and show the serum bottle label.');
    await page.click('button:has-text("Request changes")');
    await page.waitForURL(/\/review\?/);
    expect(await page.locator('[data-notice]').textContent()).toContain(title);
    await page.locator('[data-empty=review-queue]').waitFor();
    expect(await page.locator('[data-table=review-queue]').count()).toBe(0);

    const response = await api!.inject({ url: `/v1/assets/${assetId}`, headers: { authorization: `Bearer ${key}` } });
    const asset = response.json();
    expect(asset.state).toBe('changes_requested');
    expect(asset.transitions.at(-1).reason).toBe('Brighter lighting, and show the serum bottle label.');
  });

  it('lists assets by state with a cursor "next page"', async () => {
    await page.goto(`${base}/assets?state=changes_requested`);
    const states = await page.locator('[data-table=assets] tbody .badge').allTextContents();
    expect(states.length).toBeGreaterThan(0);
    expect(new Set(states)).toEqual(new Set(['Changes requested']));

    await page.goto(`${base}/assets?limit=5`);
    const first = await page.locator('[data-table=assets] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-asset')));
    expect(first).toHaveLength(5);
    await page.click('a:has-text("Next page")');
    await page.waitForURL(/cursor=/);
    const second = await page.locator('[data-table=assets] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-asset')));
    expect(second.length).toBeGreaterThan(0);
    expect(second.some((id) => first.includes(id))).toBe(false);
  });

  it('logs out: the cookie is gone and pages need the key again', async () => {
    await page.click('button:has-text("Log out")');
    await page.waitForURL(`${base}/login`);
    expect((await page.context().cookies()).some((c) => c.name === 'persona_ops_key')).toBe(false);
    await page.goto(`${base}/assets`);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(pageErrors).toEqual([]);
  });
});
