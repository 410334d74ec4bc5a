// Every dashboard page in a real browser at a desktop and a phone width: a screenshot of each (under
// test/e2e/screenshots/, gitignored), axe with no serious or critical violation, no page wider than
// the screen, and the JavaScript the page loads under 150 KB gzipped. The figures are printed per page.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { startJobRunner } from '@persona-ops/jobs/runner';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfflineClassifier } from '../../jobs/src/classifiers/offline/offline-classifier.ts';
import { browserMissing, startBrowserHarness, type BrowserHarness } from './browser-harness.ts';

const WIDTHS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const JS_BUDGET_BYTES = 150 * 1024;
// Two rows at most on a desktop (the nav wraps once it outgrows one), one on a phone.
const HEADER_MAX_PX = 80;
const SCREENSHOTS = path.join(import.meta.dirname, 'screenshots');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// The browser's globals that the code run in the page uses: the test package compiles for Node,
// without the DOM library (adding it would retype fetch for every other test).
type DomElement = {
  tagName: string;
  className: unknown;
  textContent: string | null;
  parentElement: DomElement | null;
  contains(other: DomElement): boolean;
  checkVisibility(): boolean;
  getBoundingClientRect(): { right: number };
};
declare const document: { body: DomElement; documentElement: { scrollWidth: number }; querySelectorAll(selector: string): Iterable<DomElement> };
declare const window: { innerWidth: number };
declare function getComputedStyle(element: DomElement): { overflowX: string };

type Violation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };
type Figures = { page: string; width: number; jsGzipKb: number | null; scrollWidth: number; headerPx: number; violations: string[] };

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The gzipped size of every script the page loaded (entry, imports and lazy chunks), fetched again and compressed here. */
async function loadedJsBytes(page: Page): Promise<number> {
  const urls = await page.evaluate(() =>
    [...new Set(performance.getEntriesByType('resource').map((entry) => entry.name).filter((name) => new URL(name).pathname.endsWith('.js')))],
  );
  let total = 0;
  for (const url of urls) {
    const body = await (await page.request.get(url)).body();
    total += gzipSync(body, { level: 9 }).length;
  }
  // The inline bootstrap script of the document counts too.
  const inline = await page.evaluate(() => [...document.querySelectorAll('script:not([src])')].map((script) => script.textContent ?? '').join('\n'));
  return total + gzipSync(Buffer.from(inline), { level: 9 }).length;
}

/** The innermost elements that reach past the window's right edge, to say what makes a page too wide. */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    // Wide content inside a box that scrolls it (a table region) does not widen the page.
    const insideScroller = (element: DomElement) => {
      for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(up).overflowX)) return true;
      return false;
    };
    const past = [...document.querySelectorAll('body *')].filter((element) => element.checkVisibility() && element.getBoundingClientRect().right > window.innerWidth + 0.5 && !insideScroller(element));
    const innermost = past.filter((element) => !past.some((other) => other !== element && element.contains(other)));
    return innermost.slice(0, 6).map((element) => `${element.tagName.toLowerCase()}${element.className && typeof element.className === 'string' ? `.${element.className.trim().split(/\s+/).join('.')}` : ''} (${Math.round(element.getBoundingClientRect().right)} px)`);
  });
}

async function seriousViolations(page: Page): Promise<Violation[]> {
  // Evaluated through the driver, not as a script tag: the dashboard's CSP refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: object) => Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

describe.skipIf(browserMissing)('every page at 1440 and 390 px', () => {
  let harness: BrowserHarness | undefined;
  const pages: string[] = [];
  const figures: Figures[] = [];

  beforeAll(async () => {
    harness = await startBrowserHarness({
      // Brand safety reads classified comments: the real offline classifier classifies the demo's.
      async prepare({ database }) {
        const classifier = createOfflineClassifier();
        const runner = await startJobRunner({
          orm: database.orm,
          connection: { kind: 'postgres', url: database.url, namespace: 'bullmq_e2e_audit' },
          classifier,
          classifierVersions: [classifier.version],
          classifyBatchSize: 500,
        });
        try {
          const pending = async () =>
            (await database.orm.em.fork().getConnection().execute<{ n: number }[]>('select count(*)::int as n from classification_task'))[0]!.n;
          await waitFor(async () => (await pending()) === 0, 90_000, 'the demo comments to be classified');
        } finally {
          await runner.close();
        }
      },
    });
    const { api, key } = harness;
    const get = async <T>(url: string): Promise<T> => (await api.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } })).json<T>();
    const campaign = (await get<{ items: { id: string }[] }>('/v1/campaigns?limit=1')).items[0]!;
    const asset = (await get<{ items: { id: string }[] }>('/v1/assets?limit=1')).items[0]!;
    const inReview = (await get<{ items: { id: string }[] }>('/v1/assets?state=in_review&limit=1')).items[0]!;
    const source = (await get<{ items: { id: string }[] }>('/v1/sources?limit=1')).items[0]!;
    pages.push(
      '/', '/overview', '/campaigns', `/campaigns/${campaign.id}`, '/audience', '/commercial', '/comparison',
      '/brand-safety', '/brand-safety/comments', '/alerts', '/imports', '/imports/unlinked', '/review', `/review/${inReview.id}`,
      '/assets', `/assets/${asset.id}`, '/studio', '/studio/campaigns/new', `/studio/campaigns/${campaign.id}`, '/studio/sources/new',
      `/studio/sources/${source.id}`, '/studio/briefs/new', '/studio/assets/new', `/studio/assets/${asset.id}`, '/settings', '/connections',
    );
    mkdirSync(SCREENSHOTS, { recursive: true });
    await harness.login();
  }, 300_000);

  afterAll(async () => {
    console.table(figures.map((f) => ({ ...f, violations: f.violations.join(', ') || 'none' })));
    await harness?.close();
  });

  for (const { name, width, height } of WIDTHS) {
    it(`each page at ${width} px: no serious axe violation, no horizontal overflow, JS under budget`, async () => {
      const { page, base, pageErrors } = harness!;
      await page.setViewportSize({ width, height });
      const problems: string[] = [];
      for (const pathname of pages) {
        const consoleWarnings: string[] = [];
        const onConsole = (message: { type(): string; text(): string }) => {
          if (/hydration/i.test(message.text())) consoleWarnings.push(message.text());
        };
        page.on('console', onConsole);
        const response = await page.goto(`${base}${pathname}`, { waitUntil: 'networkidle' });
        page.off('console', onConsole);
        if (!response?.ok()) problems.push(`${pathname}: answered ${response?.status()}`);
        const slug = pathname === '/' ? 'production' : pathname.slice(1).replaceAll('/', '_').slice(0, 60);
        await page.screenshot({ path: path.join(SCREENSHOTS, `${slug}-${width}.png`), fullPage: true });
        // The page's words beside its picture, for reading what people see without opening images.
        if (name === 'desktop') writeFileSync(path.join(SCREENSHOTS, `${slug}.txt`), await page.locator('main').innerText());

        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        const innerWidth = await page.evaluate(() => window.innerWidth);
        if (scrollWidth > innerWidth) problems.push(`${pathname}: ${scrollWidth} px wide in a ${innerWidth} px window, past its edge: ${(await overflowing(page)).join('; ')}`);

        // The header was 186 px tall at 1440 px with "Log out" alone on a third row.
        const headerPx = Math.round(await page.locator('body > div > header, header').first().evaluate((header) => header.getBoundingClientRect().height));
        if (headerPx > HEADER_MAX_PX) problems.push(`${pathname}: the header is ${headerPx} px tall`);
        if (pathname === '/') await page.locator('header').first().screenshot({ path: path.join(SCREENSHOTS, `header-${width}.png`) });

        const violations = await seriousViolations(page);
        for (const v of violations) problems.push(`${pathname}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
        for (const warning of consoleWarnings) problems.push(`${pathname}: ${warning}`);

        const js = name === 'desktop' ? await loadedJsBytes(page) : 0;
        if (js > JS_BUDGET_BYTES) problems.push(`${pathname}: ${(js / 1024).toFixed(1)} KB of JS gzipped, over 150 KB`);
        figures.push({ page: pathname, width, jsGzipKb: name === 'desktop' ? Number((js / 1024).toFixed(1)) : null, scrollWidth, headerPx, violations: violations.map((v) => v.id) });
      }
      expect(problems).toEqual([]);
      expect(pageErrors).toEqual([]);
    }, 240_000);
  }

  it('the login page, seen before logging in, passes the same checks at both widths', async () => {
    const { page, base } = harness!;
    const context = await page.context().browser()!.newContext();
    try {
      const visitor = await context.newPage();
      const problems: string[] = [];
      for (const { width, height } of WIDTHS) {
        await visitor.setViewportSize({ width, height });
        await visitor.goto(`${base}/login`, { waitUntil: 'networkidle' });
        await visitor.screenshot({ path: path.join(SCREENSHOTS, `login-${width}.png`), fullPage: true });
        const scrollWidth = await visitor.evaluate(() => document.documentElement.scrollWidth);
        if (scrollWidth > width) problems.push(`/login: ${scrollWidth} px wide at ${width} px`);
        for (const v of await seriousViolations(visitor)) problems.push(`/login at ${width} px: ${v.impact} ${v.id}`);
      }
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('opens the phone menu without JavaScript, and it lists the pages', async () => {
    const { page, base } = harness!;
    const context = await page.context().browser()!.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, storageState: await page.context().storageState() });
    try {
      const phone = await context.newPage();
      await phone.goto(`${base}/audience`);
      const comparison = phone.locator('nav a[href="/comparison"]');
      expect(await comparison.isVisible()).toBe(false);
      await phone.click('header summary');
      expect(await comparison.isVisible()).toBe(true);
      expect(await phone.locator('nav a[aria-current=page]').textContent()).toBe('Audience');
    } finally {
      await context.close();
    }
  });

  it('shows the figures of a chart mark on focus and on a tap or click, and hides them with Escape', async () => {
    const { page, base } = harness!;
    await page.setViewportSize({ width: 1440, height: 900 });
    // The marks answer once the page has hydrated.
    await page.goto(`${base}/`, { waitUntil: 'networkidle' });
    const tooltip = page.locator('.chart-frame:has([data-chart=velocity]) [data-tooltip]');
    const bar = page.locator('[data-chart=velocity] .mark').last();
    await bar.focus();
    await expect.poll(() => tooltip.isVisible()).toBe(true);
    expect(await tooltip.textContent()).toContain(`${(await bar.getAttribute('aria-label'))!.split(':')[0]}`);
    await page.keyboard.press('Escape');
    await expect.poll(() => tooltip.isVisible()).toBe(false);
    await page.locator('[data-chart=velocity] .mark').first().click();
    await expect.poll(() => tooltip.textContent()).toMatch(/Week of .*approved/);

    await page.goto(`${base}/audience`, { waitUntil: 'networkidle' });
    const dot = page.locator('[data-chart=tier-scale] .mark').first();
    await dot.focus();
    await expect.poll(() => page.locator('.chart-frame:has([data-chart=tier-scale]) [data-tooltip]').textContent()).toMatch(/average from .* strong from .* exceptional from/);
    // The threshold ticks carry the cut points in the KPI's unit.
    expect(await page.locator('[data-chart=tier-scale] .tick-label').count()).toBeGreaterThanOrEqual(3);
  });

  it('sorts a table by its column headers, both ways', async () => {
    const { page, base } = harness!;
    await page.goto(`${base}/comparison`, { waitUntil: 'networkidle' });
    const days = () => page.locator('[data-table=comparison-sources] tbody tr td.num').allTextContents();
    await page.click('[data-sort=days]');
    const ascending = (await days()).map((text) => Number(text.replaceAll(',', '')));
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    expect(await page.locator('th:has([data-sort=days])').getAttribute('aria-sort')).toBe('ascending');
    await page.click('[data-sort=days]');
    const descending = (await days()).map((text) => Number(text.replaceAll(',', '')));
    expect(descending).toEqual([...ascending].reverse());
    expect(await page.locator('th:has([data-sort=days])').getAttribute('aria-sort')).toBe('descending');
  });

  it('drills down from a KPI to the rows behind it', async () => {
    const { page, base } = harness!;
    await page.goto(`${base}/`);
    await Promise.all([page.waitForURL(/\/assets\?state=approved/), page.click('[data-drill=approved_assets]')]);
    expect(await page.locator('[data-table=assets] tbody tr').count()).toBeGreaterThan(0);
    await page.goto(`${base}/brand-safety`);
    await Promise.all([page.waitForURL(/\/brand-safety\/comments\?.*sentiment=negative/), page.click('[data-drill=sentiment_negative]')]);
  });

  it('names the period on report pages and exports Production and Brand safety', async () => {
    const { page, base } = harness!;
    await page.goto(`${base}/audience?from=2026-11-01&to=2026-11-30`);
    expect(await page.locator('[data-period]').textContent()).toBe('Nov 1 – Nov 30, 2026 · UTC days');
    await page.goto(`${base}/`);
    expect(await page.locator('[data-period]').textContent()).toBe('All time · UTC days');
    for (const pathname of ['/', '/brand-safety']) {
      await page.goto(`${base}${pathname}`);
      const href = await page.locator('[data-export=csv]').getAttribute('href');
      const response = await page.request.get(`${base}${href}`);
      expect(response.status(), pathname).toBe(200);
      expect(response.headers()['content-type'], pathname).toContain('text/csv');
    }
  });
});
