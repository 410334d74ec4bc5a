// Fields filled while the dashboard's scripts are still loading keep what was typed when the page
// hydrates, and the form sends it: a form action's form (settings, studio) and a filter form (GET).
// The scripts are held back at the network until the typing is done, as a slow connection would.
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, startBrowserHarness, type BrowserHarness } from './browser-harness.ts';
import { holdAppScripts } from './held-scripts.ts';

describe.skipIf(browserMissing)('what is typed before the page hydrates', () => {
  let harness: BrowserHarness | undefined;
  let api: FastifyInstance;
  let page: Page;
  let base: string;
  let key: string;

  const get = async (url: string) => (await api.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } })).json();

  /** Opens `path` with its scripts held, lets `fill` type into the server's HTML, then lets the page hydrate. */
  async function fillBeforeHydration(path: string, fill: () => Promise<void>) {
    const scripts = await holdAppScripts(page);
    await page.goto(`${base}${path}`, { waitUntil: 'domcontentloaded' });
    await fill();
    // The page's scripts were still waiting at the gate while it was filled.
    expect(scripts.held()).toBeGreaterThan(0);
    await scripts.hydrate();
    expect(harness!.pageErrors).toEqual([]);
  }

  beforeAll(async () => {
    harness = await startBrowserHarness();
    ({ api, page, base, key } = harness);
    await harness.login();
  }, 300_000);

  afterAll(async () => {
    await harness?.close();
  });

  it('keeps a scheduled report typed into the settings page, and schedules it', async () => {
    const form = page.locator('form[action="?/schedule"]');
    await fillBeforeHydration('/settings', async () => {
      await form.locator('[name=name]').fill('Friday digest');
      await form.locator('[name=kind]').selectOption('overview');
      await form.locator('[name=weekday]').selectOption('5');
      await form.locator('[name=hourUtc]').fill('6');
      await form.locator('[name=emailRecipients]').fill('cmo@brand.test\nceo@brand.test');
    });
    expect(await form.locator('[name=name]').inputValue()).toBe('Friday digest');
    expect(await form.locator('[name=kind]').inputValue()).toBe('overview');
    expect(await form.locator('[name=weekday]').inputValue()).toBe('5');
    expect(await form.locator('[name=hourUtc]').inputValue()).toBe('6');
    expect(await form.locator('[name=emailRecipients]').inputValue()).toBe('cmo@brand.test\nceo@brand.test');

    await form.locator('button[type=submit]').click();
    await page.locator('tr[data-schedule="Friday digest"]').waitFor();
    expect((await get('/v1/report-schedules')).items).toMatchObject([
      { name: 'Friday digest', kind: 'overview', campaignId: null, cadence: 'weekly', weekday: 5, hourUtc: 6, emailRecipients: ['cmo@brand.test', 'ceo@brand.test'] },
    ]);
  });

  it('keeps a campaign typed into the studio, and creates it', async () => {
    await fillBeforeHydration('/studio/campaigns/new', async () => {
      await page.fill('#name', 'Winter balm');
      await page.selectOption('#goal', 'sales');
      await page.fill('#targetAction', 'purchase');
      await page.fill('#startsOn', '2026-11-01');
      await page.fill('#endsOn', '2026-12-31');
      await page.fill('#attributionWindowDays', '14');
      await page.fill('#budgetMinor', '1200');
      await page.fill('#trackingKeywords', '#winterbalm\n@balmco');
    });
    expect(await page.inputValue('#name')).toBe('Winter balm');
    expect(await page.inputValue('#goal')).toBe('sales');
    expect(await page.inputValue('#attributionWindowDays')).toBe('14');
    expect(await page.inputValue('#trackingKeywords')).toBe('#winterbalm\n@balmco');

    await Promise.all([page.waitForURL(/\/studio\/campaigns\/[0-9a-f-]{36}\?saved=created$/), page.click('button:has-text("Create campaign")')]);
    const id = new URL(page.url()).pathname.split('/').at(-1)!;
    expect(await get(`/v1/campaigns/${id}`)).toMatchObject({
      name: 'Winter balm', goal: 'sales', targetAction: 'purchase', startsOn: '2026-11-01', endsOn: '2026-12-31',
      attributionWindowDays: 14, budgetMinor: 120_000, trackingKeywords: ['#winterbalm', '@balmco'],
    });
  });

  it('keeps filters chosen before the production overview hydrates, and applies them', async () => {
    const campaign = (await get('/v1/campaigns?limit=1')).items[0] as { id: string };
    await fillBeforeHydration('/', async () => {
      await page.selectOption('#campaignId', campaign.id);
      await page.fill('#from', '2026-10-01');
      await page.fill('#to', '2026-10-31');
    });
    expect(await page.inputValue('#campaignId')).toBe(campaign.id);
    expect(await page.inputValue('#from')).toBe('2026-10-01');
    expect(await page.inputValue('#to')).toBe('2026-10-31');

    await Promise.all([page.waitForURL(/from=2026-10-01/), page.click('form.filters button[type=submit]')]);
    const query = new URL(page.url()).searchParams;
    expect([query.get('campaignId'), query.get('from'), query.get('to')]).toEqual([campaign.id, '2026-10-01', '2026-10-31']);
  });
});
