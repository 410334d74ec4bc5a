// The executive's answer ("is the AI character worth it?") end to end on the demo brand: the real
// API, the built dashboard and Debian's Chromium. The Comparison and Three layers pages show it
// first; every headline, badge and sentence the test expects is read from the API, never written here.
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, startBrowserHarness, type BrowserHarness } from './browser-harness.ts';

type KindAnswer = { kind: string; answer: 'ai_better' | 'other_better' | 'even' | 'open'; sentence: string; open: string[] };
type Answer = { goal: string; headline: string; kinds: KindAnswer[] };

// A badge says its answer in words, not in colour alone.
const badgeWords: Record<KindAnswer['answer'], RegExp> = { ai_better: /AI character better/, other_better: /better/, even: /Even/, open: /Open/ };

describe.skipIf(browserMissing)('the executive answer first, in a browser', () => {
  let harness: BrowserHarness | undefined;
  let api: FastifyInstance;
  let page: Page;
  let key: string;
  let base: string;
  let pageErrors: string[] = [];

  const inject = (method: 'GET' | 'POST', url: string, payload?: object) =>
    api.inject({ method, url, headers: { authorization: `Bearer ${key}` }, ...(payload ? { payload } : {}) });
  const fromApi = async (url: string) => {
    const response = await inject('GET', url);
    expect(response.statusCode, url).toBe(200);
    return response.json();
  };

  /** The answer on the page equals the API's: headline, then each kind's badge, sentence and open list. */
  async function expectAnswer(answer: Answer) {
    const section = page.locator('[data-executive-answer]');
    expect(await section.getAttribute('data-goal')).toBe(answer.goal);
    expect(await page.locator('#answer-goal').inputValue()).toBe(answer.goal);
    expect(await section.locator('[data-answer-headline]').textContent()).toBe(answer.headline);
    expect(await section.locator('[data-answer-kind]').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-answer-kind')))).toEqual(answer.kinds.map((k) => k.kind));
    for (const k of answer.kinds) {
      const card = section.locator(`[data-answer-kind=${k.kind}]`);
      const badge = card.locator('[data-answer-badge]');
      expect(await badge.getAttribute('data-answer-badge'), k.kind).toBe(k.answer);
      expect(await badge.textContent(), k.kind).toMatch(badgeWords[k.answer]);
      expect(await card.locator('[data-answer-sentence]').textContent(), k.kind).toBe(k.sentence);
      const open = await card.locator('[data-answer-open] li').allTextContents();
      expect(open, k.kind).toEqual(k.open);
      // The deciding KPIs are a captioned table, one row per KPI the API weighed.
      expect(await card.locator('[data-answer-table=deciding] caption').count(), k.kind).toBe(1);
    }
  }

  /** The page's parts in document order, by their marks. */
  const order = (selector: string) =>
    page.locator(selector).evaluateAll((nodes) =>
      nodes.map((n) => (n.hasAttribute('data-executive-answer') ? 'answer' : n.tagName === 'H1' ? 'title' : n.tagName === 'FORM' ? 'filters' : 'panel')),
    );

  beforeAll(async () => {
    harness = await startBrowserHarness();
    ({ api, page, key, base, pageErrors } = harness);
    await harness.login();
  }, 300_000);

  afterAll(async () => {
    await harness?.close();
  });

  it('answers first on the Comparison page, for sales when the page names no goal, above the sources and every ranking', async () => {
    await page.click('nav >> text=Comparison');
    await page.waitForURL(`${base}/comparison`);
    const answer: Answer = await fromApi('/v1/reports/executive-answer?goal=sales');
    expect(answer.kinds.map((k) => k.kind)).toEqual(['human_creator', 'studio', 'product_ad']);
    await expectAnswer(answer);

    const parts = await order('[data-executive-answer], h1, form.filters, [data-table=comparison-sources], [data-ranking]');
    expect(parts[0]).toBe('answer');
    expect(parts.filter((p) => p === 'panel').length).toBeGreaterThan(1);
    expect(parts.lastIndexOf('answer')).toBe(0);
  });

  it('answers for the goal picked above it, and the comparison below follows that goal', async () => {
    await page.selectOption('#answer-goal', 'awareness');
    await Promise.all([page.waitForURL(/\/comparison\?.*goal=awareness/), page.click('[data-answer-goal-form] button[type=submit]')]);
    await expectAnswer(await fromApi('/v1/reports/executive-answer?goal=awareness'));
    const comparison = await fromApi('/v1/reports/comparison?goal=awareness');
    expect(await page.locator('[data-ranking]').evaluateAll((figures) => figures.map((f) => f.getAttribute('data-ranking')))).toEqual(
      comparison.rankings.map((r: { kpiId: string }) => r.kpiId),
    );
  });

  it('answers first on the Three layers page, above the filters and the layers table', async () => {
    await page.click('nav >> text=Three layers');
    await page.waitForURL(`${base}/overview`);
    await expectAnswer(await fromApi('/v1/reports/executive-answer?goal=sales'));
    const parts = await order('[data-executive-answer], h1, form.filters, [data-table=overview]');
    expect(parts).toEqual(['answer', 'title', 'filters', 'panel']);

    await page.selectOption('#answer-goal', 'engagement');
    await Promise.all([page.waitForURL(/\/overview\?.*goal=engagement/), page.click('[data-answer-goal-form] button[type=submit]')]);
    await expectAnswer(await fromApi('/v1/reports/executive-answer?goal=engagement'));
    expect(await page.locator('[data-table=overview]').count()).toBe(1);
  });

  it('judges a campaign on its own goal when the page is narrowed to it', async () => {
    const campaigns = await fromApi('/v1/campaigns?limit=200');
    const campaign = campaigns.items.find((c: { name: string }) => c.name === 'Glow Serum launch');
    await page.goto(`${base}/overview?campaignId=${campaign.id}`);
    await expectAnswer(await fromApi(`/v1/reports/executive-answer?goal=${campaign.goal}&campaignId=${campaign.id}`));
    expect(await page.locator('[data-answer-scope]').textContent()).toContain('the campaign’s goal');
  });

  it('shows the API’s problem in place of the answer, and the page still works', async () => {
    const response = await inject('GET', '/v1/reports/executive-answer?goal=sales&campaignId=not-a-campaign');
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    const page$ = await page.goto(`${base}/overview?campaignId=not-a-campaign`);
    expect(page$?.status()).toBe(200);
    const problem = page.locator('[data-executive-answer] [data-answer-problem]');
    expect(await problem.textContent()).toContain(response.json().detail);
    expect(await page.locator('[data-answer-headline]').count()).toBe(0);
    expect(await page.locator('#answer-goal').count()).toBe(1);
  });

  it('says "cost not recorded" with what to record on the Commerce page, never "—" or 0', async () => {
    // A campaign with neither sources nor cost lines: the workspace's cost is not recorded in full.
    const now = Date.now();
    const day = (offset: number) => new Date(now + offset * 86_400_000).toISOString().slice(0, 10);
    const created = await inject('POST', '/v1/campaigns', { name: 'Planned, no cost yet', goal: 'sales', startsOn: day(-30), endsOn: day(30), currency: 'USD', targetAction: 'purchase' });
    expect(created.statusCode).toBe(201);
    const commercial = await fromApi('/v1/reports/commercial');
    expect(commercial.kpis.cost.total).toBeNull();
    const prompts: string[] = commercial.kpis.cost.missing.map((m: { prompt: string }) => m.prompt);
    expect(prompts.length).toBeGreaterThan(0);

    await page.goto(`${base}/commercial`);
    expect(await page.locator('[data-kpi=cost] [data-value]').textContent()).toBe('Cost not recorded');
    for (const prompt of prompts) expect(await page.locator('[data-kpi=cost]').textContent()).toContain(prompt);
    expect(await page.locator('[data-cost-unknown] li').allTextContents()).toEqual(prompts);
    expect(await page.locator('[data-fx]').count()).toBe(commercial.fx.converted ? 1 : 0);
    expect(pageErrors).toEqual([]);
  });
});
