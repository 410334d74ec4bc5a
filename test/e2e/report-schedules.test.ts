// Scheduled reports on the settings page, in a browser against the real API on the demo brand: the
// API's refusal next to the field, the new schedule in the list, a delivery's outcome and reason
// in the log, and the schedule deleted.
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordDeliveryAttempt, recordRunDeliveries } from '@persona-ops/domain/store';
import { browserMissing, startBrowserHarness, type BrowserHarness } from './browser-harness.ts';

describe.skipIf(browserMissing)('scheduled reports on the settings page', () => {
  let harness: BrowserHarness | undefined;
  let api: FastifyInstance;
  let page: Page;
  let base: string;
  let key: string;
  let campaign: { id: string; name: string };

  const get = async (url: string) => (await api.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } })).json();

  beforeAll(async () => {
    harness = await startBrowserHarness();
    ({ api, page, base, key } = harness);
    await harness.login();
    const campaigns = await get('/v1/campaigns?limit=1');
    campaign = campaigns.items[0];
  }, 300_000);

  afterAll(async () => {
    await harness?.close();
  });

  it('schedules a campaign report, after the API asked for its campaign next to the field', async () => {
    await page.goto(`${base}/settings`);
    const form = page.locator('form[action="?/schedule"]');
    await form.locator('[name=name]').fill('Monday digest');
    await form.locator('[name=emailRecipients]').fill('cmo@brand.test\nceo@brand.test');
    await form.locator('[name=hourUtc]').fill('9');
    await form.locator('button[type=submit]').click();
    await expect.poll(() => page.locator('#schedule-campaign-error').textContent()).toContain('is required for the campaign report');
    // What was typed comes back with the refusal.
    expect(await page.locator('form[action="?/schedule"] [name=name]').inputValue()).toBe('Monday digest');

    await page.locator('form[action="?/schedule"] [name=campaignId]').selectOption(campaign.id);
    await page.locator('form[action="?/schedule"] [name=weekday]').selectOption('3');
    await page.locator('form[action="?/schedule"] button[type=submit]').click();
    await page.locator('.banner.success').waitFor();
    const row = page.locator('tr[data-schedule="Monday digest"]');
    await row.waitFor();
    const text = await row.textContent();
    expect(text).toContain(campaign.name);
    expect(text).toContain('every Wednesday at 09:00 UTC');
    expect(text).toContain('cmo@brand.test, ceo@brand.test');

    const [schedule] = (await get('/v1/report-schedules')).items;
    expect(schedule).toMatchObject({ name: 'Monday digest', kind: 'campaign', campaignId: campaign.id, cadence: 'weekly', weekday: 3, hourUtc: 9, emailRecipients: ['cmo@brand.test', 'ceo@brand.test'] });
  });

  it('shows each delivery with its outcome and reason, then deletes the schedule', async () => {
    const [schedule] = (await get('/v1/report-schedules')).items;
    // A run the workers recorded: one e-mail sent, one refused for good.
    const em = harness!.database.orm.em.fork();
    const message = { subject: 'Monday digest', text: 'figures' };
    await recordRunDeliveries(em, { workspaceId: (await get('/v1/workspace')).id, scheduleId: schedule.id, runKey: 'scheduled-2026-12-02T09:00:00.000Z' }, [
      { channel: 'email', recipient: 'cmo@brand.test', ...message },
      { channel: 'email', recipient: 'ceo@brand.test', ...message },
    ]);
    const idOf = Object.fromEntries(((await get('/v1/report-deliveries')).items as Array<{ id: string; recipient: string }>).map((d) => [d.recipient, d.id]));
    await recordDeliveryAttempt(em, idOf['cmo@brand.test']!, { sentAt: new Date('2026-12-02T09:00:05Z') });
    await recordDeliveryAttempt(em, idOf['ceo@brand.test']!, { error: "Can't send mail - all recipients were rejected: 550 Mailbox ceo@brand.test unavailable", final: true });

    await page.goto(`${base}/settings`);
    const failed = page.locator('tr[data-delivery="ceo@brand.test"]');
    await failed.waitFor();
    expect(await failed.textContent()).toContain('Failed');
    expect(await failed.textContent()).toContain('550 Mailbox ceo@brand.test unavailable');
    expect(await failed.textContent()).toContain('Monday digest');
    expect(await page.locator('tr[data-delivery="cmo@brand.test"]').textContent()).toContain('Sent');

    await page.locator('tr[data-schedule="Monday digest"] button', { hasText: 'Delete' }).click();
    await page.locator('.banner.success').waitFor();
    await expect.poll(() => page.locator('tr[data-schedule="Monday digest"]').count()).toBe(0);
    expect((await get('/v1/report-schedules')).items).toEqual([]);
    // The deliveries stay, their schedule gone.
    expect(await page.locator('tr[data-delivery="ceo@brand.test"]').textContent()).toContain('a deleted schedule');
  });
});
