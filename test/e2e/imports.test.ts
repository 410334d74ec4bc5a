// Imports end to end: a producer uploads an Instagram export through the dashboard, the job runner
// reads it (as the workers do in production) while the page follows it, the rejected row is shown
// with its line, column and reason, an unknown post is linked by hand, and a file in the wrong
// encoding is refused with the way out.
import { startJobRunner } from '@persona-ops/jobs/runner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfflineClassifier } from '../../jobs/src/classifiers/offline/offline-classifier.ts';
import { browserMissing, startBrowserHarness, type BrowserHarness } from './browser-harness.ts';

type Post = { id: string; url: string };
type Job = { id: string; state: string; accepted: number; duplicates: number; rejectedCount: number; unlinked: number; rejections: { line: number; column: string | null; reason: string }[] };
type Row = { id: string; line: number; matchKey: string; state: string; resolvedTo: string | null };

describe.skipIf(browserMissing)('imports in a browser', () => {
  let harness: BrowserHarness | undefined;
  let posts: Post[] = [];
  let jobId = '';
  const csvLines: string[] = [];
  // Lines in the file (the header is line 1) of the rows the test plants.
  const lines = { unknown: 0, other: 0, bad: 0 };

  const call = async <T>(method: 'GET' | 'POST', url: string, payload?: object): Promise<T> => {
    const { api, key } = harness!;
    const response = await api.inject({ method, url, headers: { authorization: `Bearer ${key}` }, ...(payload ? { payload } : {}) });
    if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
    return response.json<T>();
  };

  beforeAll(async () => {
    harness = await startBrowserHarness({
      // Imports are read by the job runner: it runs for the whole file, stopped when the harness closes.
      async prepare({ database }) {
        const classifier = createOfflineClassifier();
        const runner = await startJobRunner({
          orm: database.orm,
          connection: { kind: 'postgres', url: database.url, namespace: 'bullmq_e2e_imports' },
          classifier,
          classifierVersions: [classifier.version],
        });
        return () => runner.close();
      },
    });
    posts = (await call<{ items: Post[] }>('GET', '/v1/posts?channel=instagram&limit=200&sort=publishedAt&order=asc')).items;
    expect(posts.length).toBeGreaterThanOrEqual(2);

    // An Instagram "Content" export: the demo brand's posts by their links, one post made outside
    // the studio (twice, under two links), and a row with a count that is not a number.
    const rows = [
      `${posts[0]!.url},"1,200",900,80,5,3,10`,
      `https://www.instagram.com/p/E2Eunknown1/,300,250,20,1,0,2`,
      `${posts[1]!.url},lots,700,40,2,1,4`,
      `https://www.instagram.com/p/E2Eunknown2/,310,260,21,1,0,2`,
    ];
    csvLines.push('Permalink,Views,Reach,Likes,Comments,Shares,Saves', ...rows);
    lines.unknown = 3;
    lines.bad = 4;
    lines.other = 5;
  }, 300_000);

  afterAll(async () => {
    await harness?.close();
  });

  it('uploads an Instagram export and follows the job until it has finished', async () => {
    const { page, base } = harness!;
    await harness!.login();
    await page.click('nav >> text=Imports');
    await page.waitForURL(`${base}/imports`);
    expect(await page.locator('nav a[aria-current=page]').textContent()).toBe('Imports');

    expect(await page.locator('input[name=kind][value=post-metrics]').isChecked()).toBe(true);
    await page.selectOption('#platform', 'instagram');
    await page.setInputFiles('#file', { name: 'instagram-content.csv', mimeType: 'text/csv', buffer: Buffer.from(csvLines.join('\n') + '\n') });
    await page.click('form.upload button[type=submit]');
    await page.waitForURL(/\/imports\/[0-9a-f-]{36}$/);
    jobId = page.url().split('/').pop()!;

    const status = page.locator('section.status');
    expect(await status.locator('progress').getAttribute('aria-label')).toBe('Rows read');
    // The page reads the job again by itself: no reload here.
    await page.locator('section.status[data-job-state=done]').waitFor({ timeout: 30_000 });
    expect(await status.locator('[data-progress]').getAttribute('data-progress')).toBe('100');
    expect(await status.locator('[role=status]').textContent()).toContain('Finished');

    const job = await call<Job>('GET', `/v1/imports/${jobId}`);
    expect(job.state).toBe('done');
    // The two demo rows that parse are stored, the bad one is rejected, the foreign posts wait.
    expect(job.accepted).toBe(1);
    expect(job.rejectedCount).toBeGreaterThanOrEqual(1);
    expect(job.unlinked).toBe(2);
    const count = (name: string) => page.locator(`[data-count=${name}] [data-value]`).textContent();
    expect(await count('accepted')).toBe(String(job.accepted));
    expect(await count('rejected')).toBe(String(job.rejectedCount));
    expect(await count('unlinked')).toBe(String(job.unlinked));
    expect(await count('duplicates')).toBe(String(job.duplicates));
    expect(await status.locator('[data-rows]').textContent()).toBe(`${csvLines.length - 1} of ${csvLines.length - 1} rows`);

    // Every rejected row, with the line the test planted it on.
    const table = page.locator('[data-table=rejections] tbody tr');
    expect(await table.count()).toBe(job.rejections.length);
    const views = job.rejections.find((r) => r.line === lines.bad && r.column === 'Views');
    expect(views?.reason).toContain('"lots"');
    const row = page.locator(`[data-table=rejections] tr[data-line="${lines.bad}"]`);
    expect(await row.locator('th').textContent()).toBe(String(lines.bad));
    expect(await row.locator('td').first().textContent()).toBe('Views');
    expect(await row.locator('td').nth(1).textContent()).toBe(views!.reason);
    await page.screenshot({ path: '/tmp/import-detail.png', fullPage: true });
  });

  it('lists the import with its counts', async () => {
    const { page, base } = harness!;
    await page.goto(`${base}/imports`);
    const job = await call<Job>('GET', `/v1/imports/${jobId}`);
    const row = page.locator(`[data-table=imports] tr[data-import="${jobId}"]`);
    expect(await row.getAttribute('data-state')).toBe('done');
    expect(await row.locator('th a').textContent()).toBe('instagram-content.csv');
    expect(await row.locator('[data-accepted]').textContent()).toBe(String(job.accepted));
    expect(await row.locator('[data-rejected]').textContent()).toBe(String(job.rejectedCount));
    expect(await row.locator('[data-unlinked]').textContent()).toBe(String(job.unlinked));
  });

  it('links an unknown post by hand: the row leaves the open list and its counters land on the post', async () => {
    const { page, base } = harness!;
    await page.goto(`${base}/imports/${jobId}`);
    const open = (await call<{ items: Row[] }>('GET', `/v1/imports/unlinked?importId=${jobId}&state=open&sort=line&order=asc`)).items;
    expect(open.map((r) => r.line)).toEqual([lines.unknown, lines.other]);
    const [unknown] = open;
    const tr = page.locator(`[data-table=unlinked] tr[data-unlinked="${unknown!.id}"]`);
    expect(await tr.getAttribute('data-key')).toBe(unknown!.matchKey);
    expect(await tr.locator('td').first().textContent()).toBe(unknown!.matchKey);
    expect(await tr.textContent()).toContain('views: 300');

    // A post the file did not name (the last of the platform's posts).
    const target = posts[posts.length - 1]!;
    await tr.locator('select[name=target]').selectOption(`postId:${target.id}`);
    await tr.locator('input[name=everyWithKey]').check();
    await tr.locator('button', { hasText: 'Link' }).click();
    await page.locator('[data-resolved]').waitFor();
    expect(await page.locator('[data-resolved]').getAttribute('data-resolved')).toBe('1');
    await tr.waitFor({ state: 'detached' });

    const resolved = (await call<{ items: Row[] }>('GET', `/v1/imports/unlinked?importId=${jobId}&matchKey=${encodeURIComponent(unknown!.matchKey)}`)).items;
    expect(resolved).toEqual([expect.objectContaining({ id: unknown!.id, state: 'resolved', resolvedTo: target.id })]);
    const snapshots = (await call<{ items: { views: number }[] }>('GET', `/v1/metric-snapshots?postId=${target.id}`)).items;
    expect(snapshots.map((s) => s.views)).toContain(300);
  });

  it('says so when a row was dealt with meanwhile (409)', async () => {
    const { page, base } = harness!;
    await page.goto(`${base}/imports/${jobId}`);
    const [other] = (await call<{ items: Row[] }>('GET', `/v1/imports/unlinked?importId=${jobId}&state=open`)).items;
    expect(other!.line).toBe(lines.other);
    // Someone else dismisses it while the page is open.
    await call('POST', `/v1/imports/unlinked/${other!.id}/dismiss`);
    const tr = page.locator(`[data-table=unlinked] tr[data-unlinked="${other!.id}"]`);
    await tr.locator('button', { hasText: 'Dismiss' }).click();
    const problem = page.locator('[data-problem]');
    await problem.waitFor();
    expect(await problem.textContent()).toMatch(/dismissed|resolved|not open/i);
    await page.goto(`${base}/imports/unlinked?importId=${jobId}&state=`);
    expect(await page.locator(`[data-table=unlinked] tr[data-unlinked="${other!.id}"]`).getAttribute('data-state')).toBe('dismissed');
  });

  it('links a Shopify row naming an unknown discount code to one of the workspace\'s offer codes', async () => {
    const { page, base } = harness!;
    const [code] = (await call<{ items: { id: string; code: string; campaignId: string }[] }>('GET', '/v1/offer-codes?limit=1')).items;
    expect(code).toBeDefined();
    const campaign = await call<{ startsOn: string; currency: string }>('GET', `/v1/campaigns/${code!.campaignId}`);
    await page.goto(`${base}/imports`);
    await page.check('input[name=kind][value=conversions]');
    await page.selectOption('#platform', 'shopify');
    await page.fill('#currency', campaign.currency);
    const csv = `Day,Discount code,Orders,Total sales\n${campaign.startsOn},E2E-TYPO-${code!.code},2,40.00\n`;
    await page.setInputFiles('#file', { name: 'shopify-sales.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.click('form.upload button[type=submit]');
    await page.waitForURL(/\/imports\/[0-9a-f-]{36}$/);
    await page.locator('section.status[data-job-state=done]').waitFor({ timeout: 30_000 });
    const id = page.url().split('/').pop()!;

    const [row] = (await call<{ items: Row[] }>('GET', `/v1/imports/unlinked?importId=${id}&state=open`)).items;
    const tr = page.locator(`[data-table=unlinked] tr[data-unlinked="${row!.id}"]`);
    expect(await tr.getAttribute('data-key')).toBe(row!.matchKey);
    await tr.locator('select[name=target]').selectOption(`offerCodeId:${code!.id}`);
    await tr.locator('button', { hasText: 'Link' }).click();
    await page.locator('[data-resolved="1"]').waitFor();
    await tr.waitFor({ state: 'detached' });
    const [resolved] = (await call<{ items: Row[] }>('GET', `/v1/imports/unlinked?importId=${id}`)).items;
    expect(resolved).toMatchObject({ state: 'resolved', resolvedTo: code!.id });
  });

  it('names the missing column of a file the platform\'s names do not cover, then saves the mapping that reads it', async () => {
    const { page, base, api, key } = harness!;
    await page.goto(`${base}/imports`);
    const file = (header: string) => ({ name: 'renamed-columns.csv', mimeType: 'text/csv', buffer: Buffer.from(`${header}\n${posts[0]!.url},1300\n`) });
    await page.setInputFiles('#file', file('Link to post,Views'));
    await page.click('form.upload button[type=submit]');
    const problem = page.locator('form.upload [data-problem]');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('platformPostId or postUrl');
    expect(await page.locator('[data-field-error=mapping]').textContent()).toContain('platformPostId or postUrl');

    await page.fill('#mappingColumn-0', 'Link to post');
    await page.selectOption('#mappingField-0', 'postUrl');
    await page.check('input[name=saveMapping]');
    await page.setInputFiles('#file', file('Link to post,Views'));
    await page.click('form.upload button[type=submit]');
    await page.waitForURL(/\/imports\/[0-9a-f-]{36}$/);
    await page.locator('section.status[data-job-state=done]').waitFor({ timeout: 30_000 });

    const saved = (await call<{ items: { kind: string; platform: string; mapping: Record<string, string> }[] }>('GET', '/v1/import-mappings')).items;
    expect(saved).toEqual([expect.objectContaining({ kind: 'post-metrics', platform: 'instagram', mapping: expect.objectContaining({ 'Link to post': 'postUrl' }) })]);
    await page.goto(`${base}/imports`);
    const row = page.locator('[data-table=mappings] tr[data-mapping="post-metrics/instagram"]');
    expect(await row.textContent()).toContain('Link to post → postUrl');
    await row.locator('button', { hasText: 'Forget' }).click();
    await page.locator('[data-empty=mappings]').waitFor();
    const left = await api.inject({ url: '/v1/import-mappings', headers: { authorization: `Bearer ${key}` } });
    expect(left.json().items).toEqual([]);
  });

  it('takes a file over adapter-node\'s default 512 KB body limit', async () => {
    const { page, base } = harness!;
    await page.goto(`${base}/imports`);
    const rows = Array.from({ length: 20_000 }, (_, n) => `${posts[0]!.url},${n},1,1,1,1,1`);
    const buffer = Buffer.from([csvLines[0], ...rows].join('\n'));
    expect(buffer.length).toBeGreaterThan(512 * 1024);
    await page.selectOption('#platform', 'instagram');
    await page.setInputFiles('#file', { name: 'big.csv', mimeType: 'text/csv', buffer });
    await page.click('form.upload button[type=submit]');
    await page.waitForURL(/\/imports\/[0-9a-f-]{36}$/);
    const job = await call<{ sizeBytes: number; fileName: string }>('GET', `/v1/imports/${page.url().split('/').pop()}`);
    expect(job).toMatchObject({ sizeBytes: buffer.length, fileName: 'big.csv' });
  });

  it('refuses a file that is not UTF-8 and says how to fix it', async () => {
    const { page, base, pageErrors } = harness!;
    await page.goto(`${base}/imports`);
    const before = (await call<{ items: Job[] }>('GET', '/v1/imports')).items.length;
    // Excel's "Unicode text": UTF-16 with a byte-order mark.
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csvLines.join('\r\n'), 'utf16le')]);
    await page.setInputFiles('#file', { name: 'excel-export.csv', mimeType: 'text/csv', buffer: utf16 });
    await page.click('form.upload button[type=submit]');
    const problem = page.locator('form.upload [data-problem]');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('UTF-16');
    expect(await problem.textContent()).toContain('CSV UTF-8');
    expect(await page.locator('#file-error').textContent()).toContain('not UTF-8');
    expect(await page.locator('#file').getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: '/tmp/imports.png', fullPage: true });
    expect(page.url()).toBe(`${base}/imports`);
    expect((await call<{ items: Job[] }>('GET', '/v1/imports')).items.length).toBe(before);
    expect(pageErrors).toEqual([]);
  });
});
