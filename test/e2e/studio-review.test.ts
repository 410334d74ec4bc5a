// The studio and the approver doing their jobs in a browser, against the real API on the demo brand:
// the studio creates a campaign, a source with a fee, a brief and an asset with an uploaded image and
// submits it; the approver sees the image, asks for changes; the studio uploads a new revision and
// resubmits; the approver sees both revisions and the reason, approves; the studio publishes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { localDiskMediaStorage } from '@persona-ops/domain/store';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiBody } from '../support/api-harness.ts';
import { noisyPng, pngOf } from '../support/png.ts';
import { browserMissing, startBrowserHarness, type BrowserHarness } from './browser-harness.ts';
import { auditPages } from './page-checks.ts';

const REASON = 'Warmer light, and crop closer to the serum bottle.';
// Small, so a file over it crosses the dashboard and the API in a moment.
const MEDIA_LIMIT = 512 * 1024;

describe.skipIf(browserMissing)('the studio and the approver in a browser', () => {
  let harness: BrowserHarness | undefined;
  let api: FastifyInstance;
  let page: Page;
  let base: string;
  let studioKey: string;
  let approverKey: string;
  let assetId: string;
  let campaignId: string;
  let mediaFolder: string;

  const call = async (method: 'GET' | 'POST', url: string, body?: object, key = harness!.key): Promise<{ status: number; body: ApiBody }> => {
    const response = await api.inject({ method, url, headers: { authorization: `Bearer ${key}` }, ...(body ? { payload: body } : {}) });
    return { status: response.statusCode, body: response.json() };
  };

  async function loginAs(key: string) {
    await page.context().clearCookies();
    await page.goto(`${base}/login`, { waitUntil: 'networkidle' });
    await page.fill('#apiKey', key);
    await Promise.all([page.waitForURL(`${base}/`), page.click('button[type=submit]')]);
  }

  // Filled once the page's scripts have run: typed before hydration, a field is reset to the server's value.
  async function open(path: string) {
    await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
  }

  async function submit(button: string, url: RegExp | string) {
    await Promise.all([page.waitForURL(url), page.click(button)]);
  }

  /** Waits until the image `selector` names has loaded and decoded (a broken one has no natural width). */
  // Polled with page.evaluate: waitForFunction evaluates its predicate inside the page, which the
  // dashboard's CSP (no 'unsafe-eval') refuses.
  const imageShown = (selector: string) => expect.poll(() => page.evaluate(`(() => { const img = document.querySelector(${JSON.stringify(selector)}); return Boolean(img && img.complete && img.naturalWidth > 0); })()`), { timeout: 10_000 }).toBe(true);
  /** The id of the element with the focus. */
  const focusedId = async () => String(await page.evaluate('document.activeElement?.id'));

  beforeAll(async () => {
    mediaFolder = await mkdtemp(path.join(tmpdir(), 'studio-media-'));
    harness = await startBrowserHarness({ media: { storage: localDiskMediaStorage(mediaFolder), maxBytes: MEDIA_LIMIT } });
    ({ api, page, base } = harness);
    const users = await Promise.all(
      (['studio', 'approver'] as const).map((role) => call('POST', '/v1/users', { email: `${role}@browser.test`, name: role === 'studio' ? 'Sam Studio' : 'Ava Approver', role })),
    );
    [studioKey, approverKey] = users.map((user) => user.body.key as string) as [string, string];
  }, 300_000);

  afterAll(async () => {
    await harness?.close();
    await rm(mediaFolder, { recursive: true, force: true });
  });

  it('the studio creates a campaign, a source with a fee, a brief and an asset with its image, and submits it', async () => {
    await loginAs(studioKey);
    await page.click('nav >> text=Studio');
    await page.waitForURL(`${base}/studio`);

    await open('/studio/campaigns/new');
    await page.fill('#name', 'Autumn serum');
    await page.selectOption('#goal', 'sales');
    await page.fill('#targetAction', 'purchase');
    await page.fill('#startsOn', '2026-09-01');
    await page.fill('#endsOn', '2026-08-01');
    await page.fill('#currency', 'USD');
    await page.fill('#budgetMinor', '2500');
    await page.click('button:has-text("Create campaign")');
    // The API's refusal lands next to the field, and the focus with it.
    await page.locator('#endsOn-error').waitFor();
    expect(await page.locator('#endsOn-error').textContent()).toContain('on or after');
    expect(await focusedId()).toBe('endsOn');
    await page.fill('#endsOn', '2026-10-31');
    await submit('button:has-text("Create campaign")', /\/studio\/campaigns\/[0-9a-f-]{36}\?saved=created$/);
    campaignId = new URL(page.url()).pathname.split('/').at(-1)!;
    const campaign = (await call('GET', `/v1/campaigns/${campaignId}`)).body;
    expect(campaign).toMatchObject({ name: 'Autumn serum', goal: 'sales', budgetMinor: 250_000, currency: 'USD', endsOn: '2026-10-31' });

    // An edit sends only the fields this person changed: a budget changed meanwhile by someone else
    // (here through the API, after the form was shown) stays as they set it.
    await page.waitForLoadState('networkidle');
    await page.fill('#name', 'Autumn serum launch');
    expect((await api.inject({ method: 'PATCH', url: `/v1/campaigns/${campaignId}`, headers: { authorization: `Bearer ${harness!.key}` }, payload: { budgetMinor: 300_000 } })).statusCode).toBe(200);
    await page.click('button:has-text("Save changes")');
    await page.locator('.banner.success:has-text("Saved.")').waitFor();
    expect((await call('GET', `/v1/campaigns/${campaignId}`)).body).toMatchObject({ name: 'Autumn serum launch', budgetMinor: 300_000 });

    await open('/studio/sources/new');
    await page.selectOption('#kind', 'ai_character');
    await page.fill('#name', 'Mira Vale');
    await page.fill('#launchedOn', '2026-01-15');
    await submit('button:has-text("Register source")', /\/studio\/sources\/[0-9a-f-]{36}\?saved=created$/);
    const sourceId = new URL(page.url()).pathname.split('/').at(-1)!;
    await page.waitForLoadState('networkidle');
    await page.selectOption('#fee-campaign', campaignId);
    await page.fill('#fee-amount', '1500');
    await page.click('button:has-text("Add fee")');
    await page.locator('[data-fee]').waitFor();
    const fees = (await call('GET', `/v1/cost-lines?sourceId=${sourceId}`)).body.items;
    expect(fees).toMatchObject([{ campaignId, sourceId, kind: 'creator_fee', amountMinor: 150_000, currency: 'USD' }]);

    await open(`/studio/briefs/new?campaignId=${campaignId}`);
    await page.selectOption('#sourceId', sourceId);
    await page.fill('#title', 'Serum at golden hour');
    await page.fill('#description', 'Golden-hour light. The serum bottle in frame, label readable.');
    await submit('button:has-text("Log brief")', /\/studio\/assets\/new\?briefId=/);

    await page.waitForLoadState('networkidle');
    await page.selectOption('#kind', 'image');
    await page.fill('#title', 'Mira with the serum');
    await page.fill('#tool', 'midjourney');
    await page.fill('#toolVersion', '7');
    await page.fill('#promptRef', 'portrait, golden hour, serum bottle, 85mm');
    await page.fill('#generationCostMinor', '1.20');
    await page.fill('#productionHours', '1.5');
    await submit('button:has-text("Log asset")', /\/studio\/assets\/[0-9a-f-]{36}\?saved=created$/);
    assetId = new URL(page.url()).pathname.split('/').at(-1)!;
    expect((await call('GET', `/v1/assets/${assetId}`)).body).toMatchObject({ state: 'draft', tool: 'midjourney', generationCostMinor: 120, productionHours: 1.5, currency: 'USD' });

    // A ".png" that is really text: the API's 415 is shown next to the file field.
    await page.waitForLoadState('networkidle');
    await page.setInputFiles('#file', { name: 'look.png', mimeType: 'image/png', buffer: Buffer.from('not a picture at all\n') });
    await page.click('button:has-text("Upload")');
    await page.locator('#file-error').waitFor();
    expect(await page.locator('#file-error').textContent()).toContain('is not PNG, JPEG, WebP or GIF images');
    expect(await focusedId()).toBe('file');

    // A file over the limit streams through the dashboard until the API stops it: 413, next to the field.
    await page.setInputFiles('#file', { name: 'huge.png', mimeType: 'image/png', buffer: noisyPng(500, 500) });
    await page.click('button:has-text("Upload")');
    await page.locator('#file-error').waitFor();
    expect(await page.locator('#file-error').textContent()).toContain(`is larger than ${MEDIA_LIMIT / 1024} KB`);

    await page.setInputFiles('#file', { name: 'look.png', mimeType: 'image/png', buffer: noisyPng(320, 240) });
    await page.click('button:has-text("Upload")');
    await page.locator('.banner.success:has-text("Media uploaded")').waitFor();
    await imageShown('[data-media] img');

    await page.click('button:has-text("Submit for review")');
    await page.locator('.banner.success:has-text("Submitted for review")').waitFor();
    expect((await call('GET', `/v1/assets/${assetId}`)).body.state).toBe('in_review');
    expect(harness!.pageErrors).toEqual([]);
  });

  it('the approver sees the image and the brief, and asks for changes by keyboard', async () => {
    await loginAs(approverKey);
    await open(`/review/${assetId}`);
    await imageShown('.current [data-media] img');
    expect(await page.locator('[data-brief]').textContent()).toContain('label readable');
    expect(await page.locator('[data-shortcuts]').textContent()).toContain('C request changes');

    // C with no reason: the API refuses, the focus stays on the reason field.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('c');
    await page.locator('[data-field-error=reason]').waitFor();
    expect(await focusedId()).toBe('reason');

    // Typing A, C and R inside the reason decides nothing.
    await page.keyboard.type(REASON);
    await page.waitForTimeout(300);
    expect((await call('GET', `/v1/assets/${assetId}`)).body.state).toBe('in_review');
    await page.keyboard.press('Escape');
    await Promise.all([page.waitForURL(/\/review\?/), page.keyboard.press('c')]);
    expect((await call('GET', `/v1/assets/${assetId}`)).body.state).toBe('changes_requested');
  });

  it('the studio uploads a new revision and resubmits', async () => {
    await loginAs(studioKey);
    await open(`/studio/assets/${assetId}`);
    expect(await page.locator('[data-change-request]').textContent()).toContain(REASON);
    expect(await page.locator('[data-change-request]').textContent()).toContain('Ava Approver');
    // The details can change while the asset is sent back: the hours the rework took.
    await page.click('summary:has-text("Change the details")');
    await page.fill('#productionHours', '2.25');
    await page.click('form[action="?/save"] button:has-text("Save changes")');
    await page.locator('.banner.success:has-text("Saved.")').waitFor();
    expect((await call('GET', `/v1/assets/${assetId}`)).body).toMatchObject({ productionHours: 2.25, title: 'Mira with the serum', generationCostMinor: 120 });

    await page.setInputFiles('#file', { name: 'look-warmer.png', mimeType: 'image/png', buffer: pngOf(320, 240, (x, y) => [230, 140 + (x % 60), 60 + (y % 40)]) });
    await page.click('button:has-text("Upload")');
    await page.locator('.banner.success:has-text("Media uploaded")').waitFor();
    expect(await page.locator('h3:has-text("Revision 2")').count()).toBe(1);
    await page.click('button:has-text("Resubmit for review")');
    await page.locator('.banner.success:has-text("Submitted for review")').waitFor();
    const media = (await call('GET', `/v1/assets/${assetId}/media`)).body.items;
    expect(media.map((m: ApiBody) => [m.revision, m.fileName])).toEqual([[1, 'look.png'], [2, 'look-warmer.png']]);
  });

  it('the approver sees both revisions with the reason, and approves', async () => {
    await loginAs(approverKey);
    await open(`/review/${assetId}`);
    await imageShown('.current[data-revision="2"] [data-media] img');
    await imageShown('.previous[data-revision="1"] [data-media] img');
    expect(await page.locator('[data-last-reason]').textContent()).toContain(REASON);
    expect(await page.locator('.history').textContent()).toContain('by Ava Approver');
    expect(await page.locator('.history').textContent()).toContain('by Sam Studio');
    const figures: Record<string, number> = {};
    expect(await auditPages(page, base, [`/review/${assetId}`], figures)).toEqual([]);
    console.log(`JS gzipped, review page (KB): ${JSON.stringify(figures)}`);
    await open(`/review/${assetId}`);
    await page.locator('h1').click();
    await Promise.all([page.waitForURL(/\/review\?/), page.keyboard.press('a')]);
    expect((await call('GET', `/v1/assets/${assetId}`)).body.state).toBe('approved');
  });

  it('the studio publishes the approved asset', async () => {
    await loginAs(studioKey);
    await open(`/studio/assets/${assetId}`);
    const form = page.locator('form[data-placement=organic]');
    await form.locator('select[name=channel]').selectOption('instagram');
    await form.locator('input[name=url]').fill('https://instagram.example/p/mira-serum');
    await form.locator('button:has-text("Publish")').click();
    await page.locator('.banner.success:has-text("Published.")').waitFor();
    expect(await page.locator('[data-post]').textContent()).toContain('instagram.example/p/mira-serum');
    const asset = (await call('GET', `/v1/assets/${assetId}`)).body;
    expect(asset.state).toBe('published');
    const posts = (await call('GET', `/v1/posts?assetId=${assetId}`)).body.items;
    expect(posts).toMatchObject([{ channel: 'instagram', placement: 'organic', aiLabelApplied: true, campaignId }]);

    // Anyone reading the asset sees its media now, not only a prompt reference.
    await open(`/assets/${assetId}`);
    expect(await page.locator('h3:has-text("Revision 2 (latest)")').count()).toBe(1);
    await imageShown('[data-media] img');
    expect(harness!.pageErrors).toEqual([]);
  });

  it('the studio pages have no serious accessibility problem and fit a phone', async () => {
    const sourceId = (await call('GET', `/v1/assets/${assetId}`)).body.sourceId as string;
    // A draft, so the page shows its upload and details forms too.
    const brief = (await call('GET', `/v1/briefs?campaignId=${campaignId}&limit=1`)).body.items[0];
    const draft = (await call('POST', '/v1/assets', { briefId: brief.id, title: 'Second look', kind: 'video', tool: 'runway', currency: 'USD', productionHours: 1 }, studioKey)).body;
    const pages = ['/studio', '/studio/campaigns/new', `/studio/campaigns/${campaignId}`, '/studio/sources/new', `/studio/sources/${sourceId}`, '/studio/briefs/new', '/studio/assets/new', `/studio/assets/${assetId}`, `/studio/assets/${draft.id}`];
    const figures: Record<string, number> = {};
    expect(await auditPages(page, base, pages, figures)).toEqual([]);
    console.log(`JS gzipped per page (KB): ${JSON.stringify(figures)}`);
  });
});
