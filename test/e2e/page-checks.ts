// What a browser test checks on any page it visits: axe's serious and critical violations and
// whether the page is wider than the window, at the widths the dashboard supports.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const AUDIT_WIDTHS = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
] as const;

type Violation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/** The page's problems at its current width: each serious or critical axe violation, and a page wider than the window. */
export async function pageProblems(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  const problems = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id} (${v.help}) at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
  const [scrollWidth, innerWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  if (scrollWidth! > innerWidth!) problems.push(`${scrollWidth} px wide in a ${innerWidth} px window, past its edge: ${(await overflowing(page)).join('; ')}`);
  return problems;
}

/** The innermost elements that reach past the window's right edge (outside any box that scrolls them), to say what makes a page too wide. */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const insideScroller = (element: Element) => {
      for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(up).overflowX)) return true;
      return false;
    };
    const past = [...document.querySelectorAll('body *')].filter((element) => element.checkVisibility() && element.getBoundingClientRect().right > window.innerWidth + 0.5 && !insideScroller(element));
    const innermost = past.filter((element) => !past.some((other) => other !== element && element.contains(other)));
    return innermost.slice(0, 6).map((element) => `${element.tagName.toLowerCase()}${typeof element.className === 'string' && element.className ? `.${element.className.trim().split(/\s+/).join('.')}` : ''}${element.getAttribute('name') ? `[name=${element.getAttribute('name')}]` : ''} (${Math.round(element.getBoundingClientRect().right)} px)`);
  });
}

/** Opens each path at every audited width and gathers its problems, named by path and width. */
export async function auditPages(page: Page, base: string, paths: string[]): Promise<string[]> {
  const problems: string[] = [];
  const viewport = page.viewportSize();
  try {
    for (const size of AUDIT_WIDTHS) {
      await page.setViewportSize(size);
      for (const path of paths) {
        await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
        for (const problem of await pageProblems(page)) problems.push(`${path} at ${size.width} px: ${problem}`);
      }
    }
  } finally {
    if (viewport) await page.setViewportSize(viewport);
  }
  return problems;
}
