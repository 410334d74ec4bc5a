// What a browser test checks on any page it visits: axe's serious and critical violations and
// whether the page is wider than the window, at the widths the dashboard supports.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const AUDIT_WIDTHS = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
] as const;

// What runs in the page is sent as text: this package is typed for Node, without the DOM's names.
const AXE_SERIOUS = `axe.run(document, { resultTypes: ['violations'] }).then((result) => result.violations
  .filter((v) => v.impact === 'serious' || v.impact === 'critical')
  .map((v) => v.impact + ' ' + v.id + ' (' + v.help + ') at ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')))`;

// The innermost visible elements that reach past the window's right edge (outside any box that
// scrolls them), to say what makes a page too wide.
const OVERFLOWING = `(() => {
  const insideScroller = (element) => {
    for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(up).overflowX)) return true;
    return false;
  };
  const past = [...document.querySelectorAll('body *')].filter((element) => element.checkVisibility() && element.getBoundingClientRect().right > window.innerWidth + 0.5 && !insideScroller(element));
  const innermost = past.filter((element) => !past.some((other) => other !== element && element.contains(other)));
  return innermost.slice(0, 6).map((element) => element.tagName.toLowerCase()
    + (typeof element.className === 'string' && element.className ? '.' + element.className.trim().split(/\\s+/).join('.') : '')
    + (element.getAttribute('name') ? '[name=' + element.getAttribute('name') + ']' : '')
    + ' (' + Math.round(element.getBoundingClientRect().right) + ' px)');
})()`;

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/** The page's problems at its current width: each serious or critical axe violation, and a page wider than the window. */
export async function pageProblems(page: Page): Promise<string[]> {
  if (!(await page.evaluate('typeof axe !== "undefined"'))) await page.evaluate(axeSource);
  const problems = strings(await page.evaluate(AXE_SERIOUS));
  const [scrollWidth, innerWidth] = await page.evaluate<[number, number]>('[document.documentElement.scrollWidth, window.innerWidth]');
  if (scrollWidth > innerWidth) problems.push(`${scrollWidth} px wide in a ${innerWidth} px window, past its edge: ${strings(await page.evaluate(OVERFLOWING)).join('; ')}`);
  return problems;
}

/** The ceiling on the JavaScript one page loads, gzipped. */
export const JS_BUDGET_BYTES = 150 * 1024;

/** The gzipped size of every script the page loaded (fetched again and compressed here) and of its inline bootstrap. */
export async function loadedJsBytes(page: Page): Promise<number> {
  const urls = strings(await page.evaluate(`[...new Set(performance.getEntriesByType('resource').map((entry) => entry.name).filter((name) => new URL(name).pathname.endsWith('.js')))]`));
  let total = 0;
  for (const url of urls) total += gzipSync(await (await page.request.get(url)).body(), { level: 9 }).length;
  const inline = String(await page.evaluate(`[...document.querySelectorAll('script:not([src])')].map((script) => script.textContent ?? '').join('\\n')`));
  return total + gzipSync(Buffer.from(inline), { level: 9 }).length;
}

/**
 * Opens each path at every audited width and gathers its problems, named by path and width (and, at
 * the first width, a page whose JavaScript is over budget). `figures` receives each page's KB.
 */
export async function auditPages(page: Page, base: string, paths: string[], figures: Record<string, number> = {}): Promise<string[]> {
  const problems: string[] = [];
  const viewport = page.viewportSize();
  try {
    for (const size of AUDIT_WIDTHS) {
      await page.setViewportSize(size);
      for (const path of paths) {
        await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
        for (const problem of await pageProblems(page)) problems.push(`${path} at ${size.width} px: ${problem}`);
        if (size === AUDIT_WIDTHS[0]) {
          const js = await loadedJsBytes(page);
          figures[path] = Number((js / 1024).toFixed(1));
          if (js > JS_BUDGET_BYTES) problems.push(`${path}: ${figures[path]} KB of JS gzipped, over ${JS_BUDGET_BYTES / 1024} KB`);
        }
      }
    }
  } finally {
    if (viewport) await page.setViewportSize(viewport);
  }
  return problems;
}
