// The dashboard walks an admin through connecting an account: in a browser against the real API,
// the built dashboard and the local fake of Google's OAuth and YouTube.
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectorSettingsOf } from '@persona-ops/domain/connectors';
import { startFakeYouTube, type FakeYouTube } from '../support/fake-youtube/fake-youtube-server.ts';
import { browserMissing, startBrowserHarness, type BrowserHarness } from './browser-harness.ts';

describe.skipIf(browserMissing)('connecting an account from the dashboard', () => {
  let harness: BrowserHarness | undefined;
  let fake: FakeYouTube;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    fake = await startFakeYouTube();
    harness = await startBrowserHarness({
      connectors: (web) => connectorSettingsOf({
        CONNECTOR_TOKEN_KEY: randomBytes(32).toString('base64'),
        CONNECTOR_REDIRECT_URL: `${web}/connections/callback`,
        YOUTUBE_CLIENT_ID: fake.clientId,
        YOUTUBE_CLIENT_SECRET: fake.clientSecret,
        YOUTUBE_AUTH_URL: `${fake.url}/o/oauth2/v2/auth`,
        YOUTUBE_TOKEN_URL: `${fake.url}/token`,
        YOUTUBE_REVOKE_URL: `${fake.url}/revoke`,
        YOUTUBE_API_URL: `${fake.url}/youtube/v3`,
        YOUTUBE_ANALYTICS_URL: `${fake.url}/v2`,
      }),
    });
    ({ page, base } = harness);
    await harness.login();
  }, 300_000);

  afterAll(async () => {
    await harness?.close();
    await fake?.close();
  });

  it('connects the character\'s YouTube channel, shows its state and pulls, and disconnects it', async () => {
    await page.goto(`${base}/connections`);
    expect(await page.locator('[data-empty=connections]').count()).toBe(1);
    await page.selectOption('#sourceId', { label: 'Léa Nova' });
    await page.selectOption('#platform', 'youtube');
    await page.click('[data-form=connect] button[type=submit]');
    const link = page.locator('[data-consent-link]');
    await link.waitFor();
    expect(await page.locator('[data-consent]').textContent()).toContain('Step 2 of 3');
    expect(await link.getAttribute('href')).toContain(`${fake.url}/o/oauth2/v2/auth`);

    // The fake consents at once and sends the browser back to the dashboard's callback.
    await link.click();
    await page.waitForURL(/\/connections\?connected=/);
    await page.locator('[data-connected]').waitFor();
    const row = page.locator('tr[data-connection]');
    expect(await row.getAttribute('data-state')).toBe('connected');
    expect(await row.textContent()).toContain('@leanova');
    expect(await row.textContent()).toContain('YouTube');

    await row.locator('form[action="?/pull"] button').click();
    await page.locator('text=A pull was asked for').waitFor();

    await page.locator('tr[data-connection] form[action="?/disconnect"] button').click();
    await page.locator('text=Disconnected: the tokens were erased').waitFor();
    expect(await page.locator('tr[data-connection]').getAttribute('data-state')).toBe('revoked');
    expect(fake.revoked).toHaveLength(1);
    expect(harness!.pageErrors).toEqual([]);
  });
});
