// The audience and commerce pages end to end on the demo brand: the real API, the built dashboard
// and Debian's Chromium. Every figure the test expects is read from the API, never written here.
import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, startBrowserHarness, type BrowserHarness } from './browser-harness.ts';

// The dashboard shows a percent with at most one decimal, e.g. 12.376… → "12.4 %".
const percent = (value: number) => `${new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(value)} %`;

describe.skipIf(browserMissing)('audience and commerce in a browser', () => {
  let harness: BrowserHarness | undefined;
  let api: FastifyInstance;
  let page: Page;
  let key: string;
  let base: string;
  let pageErrors: string[] = [];
  let shareUrl = '';

  const fromApi = async (url: string) => {
    const response = await api.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });
    expect(response.statusCode, url).toBe(200);
    return response.json();
  };

  beforeAll(async () => {
    harness = await startBrowserHarness();
    ({ api, page, key, base, pageErrors } = harness);
    await harness.login();
  }, 300_000);

  afterAll(async () => {
    await harness?.close();
  });

  it('shows the three layers side by side per source kind, with the tiers the API gives', async () => {
    await page.click('nav >> text=Three layers');
    await page.waitForURL(`${base}/overview`);
    const headers = await page.locator('[data-table=overview] thead th').allTextContents();
    expect(headers.map((h) => h.trim())).toEqual(['KPI', 'AI character', 'Human creator', 'Studio', 'Product ad']);

    const overview = await fromApi('/v1/reports/overview');
    for (const kind of overview.kinds) {
      const cell = page.locator(`[data-kpi-row=engagement_rate] td[data-kind=${kind.sourceKind}]`);
      const rate = kind.audience.engagement_rate;
      // A value without a tier says why ("none"); no value, no badge.
      const badge = rate.value === null ? null : (rate.tier ?? (rate.tierUnavailable ? 'none' : null));
      if (badge) expect(await cell.locator('[data-tier]').getAttribute('data-tier'), kind.sourceKind).toBe(badge);
      else expect(await cell.locator('[data-tier]').count(), kind.sourceKind).toBe(0);
      const unavailable = page.locator(`[data-layer=commerce] tr.layer td[data-kind=${kind.sourceKind}] [data-unavailable]`);
      if (kind.commerceUnavailable) expect(await unavailable.textContent()).toContain(kind.commerceUnavailable);
      else expect(await unavailable.count()).toBe(0);
    }
  });

  it('opens a campaign from the list: verdict, funnel rates, the biggest drop and the insights as the API computes them', async () => {
    await page.click('nav >> text=Campaigns');
    await page.waitForURL(`${base}/campaigns`);
    await page.click('[data-table=campaigns] >> text=Glow Serum launch');
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
    const id = new URL(page.url()).pathname.split('/').at(-1)!;
    const report = await fromApi(`/v1/reports/campaign/${id}`);

    expect(await page.locator('[data-campaign-name]').textContent()).toBe('Glow Serum launch');
    expect(await page.locator('section[data-verdict]').getAttribute('data-verdict')).toBe(report.verdict.verdict);
    expect(await page.locator('[data-verdict-reason]').textContent()).toBe(report.verdict.reason);
    expect((await page.locator('[data-verdict-label]').textContent())?.trim()).not.toBe('');

    const withRate = report.funnel.steps.filter((s: { rate: number | null }) => s.rate !== null);
    expect(withRate.length).toBeGreaterThan(0);
    for (const step of withRate) {
      expect(await page.locator(`svg[data-chart=funnel] [data-step=${step.step}] [data-rate]`).textContent(), step.step).toBe(percent(step.rate));
    }
    // The demo's registrations and target actions differ: a real funnel, not one count repeated.
    const count = (name: string) => report.funnel.steps.find((s: { step: string }) => s.step === name).count;
    expect(count('registrations')).toBeGreaterThan(count('target_actions'));
    expect(await page.locator('svg[data-chart=funnel] g.drop').getAttribute('data-step')).toBe(report.funnel.biggestDrop.to);

    expect(report.insights.length).toBeGreaterThan(0);
    for (const insight of report.insights) {
      expect(await page.locator(`[data-insight=${insight.kpiId}] .text`).textContent(), insight.kpiId).toBe(insight.text);
    }
    for (const kpi of report.tieredKpis.filter((k: { tier: string | null }) => k.tier !== null)) {
      if (await page.locator(`[data-kpi=${kpi.kpiId}]`).count()) {
        expect(await page.locator(`[data-kpi=${kpi.kpiId}] [data-tier]`).getAttribute('data-tier'), kpi.kpiId).toBe(kpi.tier);
      }
    }
    expect(await page.locator('[data-chart=audience-country]').count()).toBe(report.audienceQuality?.country ? 1 : 0);
    expect(await page.locator('[data-cost-total]').textContent()).toMatch(/^USD\u00a0[\d,]+\.\d\d$/);
    // The API key stays on the server: nothing the browser received holds it.
    expect(await page.content()).not.toContain(key);
  });

  it('downloads the campaign report as CSV through the dashboard', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-export=csv]')]);
    expect(download.suggestedFilename()).toMatch(/^campaign-report-[0-9a-f-]{36}\.csv$/);
    const csv = await readFile(await download.path(), 'utf8');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('section,metric,value,tier,currency');
    // The same file the API gives the key's owner, but for the moment it was generated.
    const id = new URL(page.url()).pathname.split('/').at(-1)!;
    const direct = await api.inject({ method: 'GET', url: `/v1/reports/campaign/${id}?format=csv`, headers: { authorization: `Bearer ${key}` } });
    const timeless = (rows: string[]) => rows.filter((row) => !row.startsWith('generatedAt,'));
    expect(timeless(lines)).toEqual(timeless(direct.body.split('\r\n')));
    expect(lines.some((row) => row.startsWith('verdict,'))).toBe(true);
  });

  it('creates a share link, shows it once, opens it without a login, and revokes it', async () => {
    const campaignUrl = page.url();
    await page.click('[data-action=share]');
    const url = page.locator('[data-share-url]');
    await url.waitFor();
    shareUrl = (await url.inputValue()).trim();
    expect(shareUrl).toMatch(new RegExp(`^${base}/shared/`));
    expect(await page.locator('[data-share-link=active]').count()).toBe(1);

    const stranger = await page.context().browser()!.newContext();
    try {
      const shared = await stranger.newPage();
      await shared.goto(shareUrl);
      expect(new URL(shared.url()).pathname).toMatch(/^\/shared\//);
      await shared.locator('[data-shared]').waitFor();
      expect(await shared.locator('[data-campaign-name]').textContent()).toBe('Glow Serum launch');
      const verdict = await page.locator('section[data-verdict]').getAttribute('data-verdict');
      expect(await shared.locator('section[data-verdict]').getAttribute('data-verdict')).toBe(verdict);
      expect(await shared.locator('[data-export]').count()).toBe(0);

      await page.goto(campaignUrl);
      await page.click('[data-share-link=active] button[type=submit]');
      await page.locator('[data-share-link=revoked]').waitFor();
      const gone = await shared.goto(shareUrl);
      expect(gone?.status()).toBe(404);
      expect(await shared.textContent('body')).toContain('unknown, expired or revoked');
    } finally {
      await stranger.close();
    }
  });

  it('compares the sources at equal account age and says which are too new to compare', async () => {
    await page.click('nav >> text=Comparison');
    await page.waitForURL(`${base}/comparison`);
    const report = await fromApi('/v1/reports/comparison');
    const tooNew = report.sources.filter((s: { status: string }) => s.status === 'too_new_to_compare');
    const kinds = new Set(report.sources.filter((s: { status: string }) => s.status === 'aligned').map((s: { kind: string }) => s.kind));
    expect(tooNew.length).toBeGreaterThan(0);
    expect([...kinds]).toEqual(expect.arrayContaining(['ai_character', 'human_creator', 'studio']));

    for (const source of tooNew) {
      expect(await page.locator(`tr[data-source="${source.name}"] [data-status-label]`).textContent()).toBe('Too new to compare');
    }
    expect(await page.locator('[data-ranking]').count()).toBe(report.rankings.length);
    const reach = report.rankings.find((r: { kpiId: string }) => r.kpiId === 'reach');
    const best = reach.entries[0];
    expect(best.rank).toBe(1);
    expect(await page.locator(`[data-ranking=reach] [data-entry="${best.name}"] .name`).textContent()).toBe(`#1 ${best.name}`);
    for (const source of tooNew) {
      expect(await page.locator(`[data-ranking=reach] [data-entry="${source.name}"]`).getAttribute('data-status')).toBe('too_new_to_compare');
    }
  });

  it('shows audience and commerce KPIs with tiers and sample sizes, and a follower-growth chart', async () => {
    await page.click('nav >> text=Audience');
    await page.waitForURL(`${base}/audience`);
    const audience = await fromApi('/v1/reports/audience');
    expect(await page.locator('[data-sample]').textContent()).toContain(`${audience.sample.posts} posts`);
    const engagement = audience.kpis.engagement_rate;
    expect(await page.locator('[data-kpi=engagement_rate] [data-value]').textContent()).toBe(percent(engagement.value));
    expect(await page.locator('[data-kpi=engagement_rate] [data-tier]').getAttribute('data-tier')).toBe(engagement.tier);
    expect(await page.locator('svg[data-chart=followers] polyline').count()).toBeGreaterThan(1);

    await page.click('nav >> text=Commerce');
    await page.waitForURL(`${base}/commercial`);
    const commercial = await fromApi('/v1/reports/commercial');
    expect(await page.locator('[data-kpi=ctr] [data-value]').textContent()).toBe(percent(commercial.kpis.ctr.value));
    expect(await page.locator('[data-kpi=ctr] [data-tier]').getAttribute('data-tier')).toBe(commercial.kpis.ctr.tier);
    expect(await page.locator('svg[data-chart=funnel]').count()).toBe(1);
    expect(pageErrors).toEqual([]);
  });
});
