// The dashboard end to end: the real API on a seeded database, the built web app as its own
// process (node web/serve.ts, adapter-node output), and Debian's Chromium driven by playwright-core.
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, startBrowserHarness, type BrowserHarness } from './browser-harness.ts';

describe.skipIf(browserMissing)('web dashboard in a browser', () => {
  let harness: BrowserHarness | undefined;
  let api: FastifyInstance | undefined;
  let page: Page;
  let key: string;
  let base: string;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    harness = await startBrowserHarness();
    ({ api, page, key, base, pageErrors } = harness);
  }, 300_000);

  afterAll(async () => {
    await harness?.close();
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
    expect(await page.locator('[data-kpi=cost_per_approved_asset] [data-value]').textContent()).toMatch(/^USD\u00a0[\d,]+\.\d\d$/);

    const chart = page.locator('svg[data-chart=velocity]');
    await chart.waitFor();
    expect(await chart.getAttribute('role')).toBe('group');
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

  it('shows each KPI card\'s change against the previous period, or says there is none', async () => {
    // All time has nothing before it: the page says so once, the cards say nothing.
    await page.goto(`${base}/`);
    await expect.poll(() => page.locator('[data-previous-period]').getAttribute('data-previous-period')).toBe('no_start');
    expect(await page.locator('[data-previous-period]').textContent()).toContain('Pick a period with a start date');
    expect(await page.locator('[data-kpi] [data-change]').count()).toBe(0);
    // The last 20 days hold the challenge's briefs (2 approved of 2 decided); the 20 before them,
    // summer's (4 approved, 1 rejected): demo-brand.data.ts.
    const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
    await page.goto(`${base}/?from=${day(19)}&to=${day(0)}`);
    const change = (kpi: string) => page.locator(`[data-kpi=${kpi}] [data-change]`);
    await expect.poll(() => change('approved_assets').textContent()).toMatch(/^▼ down 50 % vs [A-Z][a-z]{2} \d{1,2} – /);
    expect(await change('approved_assets').getAttribute('data-change')).toBe('down');
    expect(await change('approval_rate').textContent()).toMatch(/^▲ up 20 pp vs /);
    // The arrow is for the eye; the words say the same to a screen reader.
    expect((await change('approval_rate').locator('[aria-hidden=true]').textContent())?.trim()).toBe('▲');
    expect(await page.locator('[data-previous-period]').textContent()).toMatch(/compare with the previous period of the same length, [A-Z][a-z]{2} \d{1,2} – /);
  });

  it('goes from a bar of the velocity chart to the assets approved that week', async () => {
    await page.goto(`${base}/`, { waitUntil: 'networkidle' });
    const bars = page.locator('[data-chart=velocity] .mark');
    const counts = await bars.evaluateAll((marks) => marks.map((m) => Number(/: (\d+) assets? approved/.exec(m.getAttribute('aria-label') ?? '')?.[1] ?? 0)));
    const index = counts.findIndex((n) => n > 0);
    expect(index).toBeGreaterThanOrEqual(0);
    const week = (await bars.nth(index).getAttribute('data-week'))!;
    expect(await page.locator('[data-drill=velocity]').count()).toBe(0);
    await bars.nth(index).click();
    const link = page.locator('[data-drill=velocity]');
    expect(await link.textContent()).toContain(`See the ${counts[index]} asset`);
    await link.click();
    await page.waitForURL(new RegExp(`/assets\\?approvedWeek=${week}`));
    expect(await page.locator('[data-approved-week]').getAttribute('data-approved-week')).toBe(week);
    expect(await page.locator('[data-table=assets] tbody tr').count()).toBe(counts[index]);
    // Enter on a focused bar follows the same link.
    await page.goto(`${base}/`, { waitUntil: 'networkidle' });
    await page.locator('[data-chart=velocity] .mark').nth(index).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/assets\\?approvedWeek=${week}`));
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
    // The export holds the filter's assets (all of them, not one page), one CSV row each.
    const href = await page.locator('[data-export=csv]').getAttribute('href');
    expect(href).toBe('/export/assets?state=changes_requested&format=csv');
    const download = await page.request.get(`${base}${href}`);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-disposition']).toBe('attachment; filename="assets.csv"');
    const [header, ...rows] = (await download.text()).trimEnd().split('\r\n');
    expect(header).toMatch(/^id,title,kind,state,/);
    expect(rows).toHaveLength(states.length);
    expect(rows.every((row) => row.includes(',changes_requested,'))).toBe(true);

    await page.goto(`${base}/assets?limit=5`);
    const first = await page.locator('[data-table=assets] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-asset')));
    expect(first).toHaveLength(5);
    await page.click('a:has-text("Next page")');
    await page.waitForURL(/cursor=/);
    const second = await page.locator('[data-table=assets] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-asset')));
    expect(second.length).toBeGreaterThan(0);
    expect(second.some((id) => first.includes(id))).toBe(false);
  });

  it('after login, follows only a same-origin next: the probe\'s /<tab>/127.0.0.1/x goes to / (was a 500)', async () => {
    for (const [next, location] of [['%2F%09%2F127.0.0.1%2Fx', '/'], ['%2F%2Fevil.example', '/'], ['%2F%5Cevil.example', '/'], ['https%3A%2F%2Fevil.example', '/'], ['%2Fassets%3Fstate%3Din_review', '/assets?state=in_review']]) {
      const response = await page.request.get(`${base}/login?next=${next}`, { maxRedirects: 0 });
      expect(response.status(), next).toBe(303);
      expect(response.headers()['location'], next).toBe(location);
    }
  });

  it('serves its pages with a CSP, nosniff, a referrer policy and no framing, and they still run their scripts', async () => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    for (const path of ['/login', '/', '/assets']) {
      const response = await page.request.get(`${base}${path}`);
      expect(response.status(), path).toBe(200);
      const headers = response.headers();
      expect(headers['x-content-type-options'], path).toBe('nosniff');
      expect(headers['referrer-policy'], path).toBe('same-origin');
      expect(headers['x-frame-options'], path).toBe('DENY');
      const csp = headers['content-security-policy'] ?? '';
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toMatch(/script-src 'self' 'nonce-[^']+'/);
    }
    // Rendered and hydrated under the CSP: the velocity chart draws and the client-side filter form works.
    await page.goto(`${base}/`);
    await page.locator('svg[data-chart=velocity]').waitFor();
    expect(violations).toEqual([]);
  });

  it('the API docs (/docs) render under the API\'s CSP', async () => {
    const { port } = api!.server.address() as { port: number };
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    const response = await page.goto(`http://127.0.0.1:${port}/docs`);
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await expect.poll(() => page.locator('.swagger-ui .info .title').textContent(), { timeout: 15_000 }).toContain('Persona Ops API');
    expect(await page.locator('.swagger-ui .opblock').count()).toBeGreaterThan(10);
    expect(violations).toEqual([]);
    await page.goto(`${base}/`);
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
