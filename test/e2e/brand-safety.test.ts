// The brand-safety section end to end: the demo brand's comments are classified by the real offline
// classifier through the job runner (as the workers do in production), then the browser reads the
// report, the flagged comments and the spike alerts.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startJobRunner } from '@persona-ops/jobs/runner';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfflineClassifier } from '../../jobs/src/classifiers/offline/offline-classifier.ts';
import { browserMissing, startBrowserHarness, type BrowserHarness } from './browser-harness.ts';

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

type Spike = { day: string; metric: string };

// The report's spikes as the chart should mark them: day → its metrics, in the report's order.
function spikeDays(spikes: Spike[]): Record<string, string> {
  const days: Record<string, string[]> = {};
  for (const spike of spikes) (days[spike.day] ??= []).push(spike.metric);
  return Object.fromEntries(Object.entries(days).map(([day, metrics]) => [day, metrics.join(' ')]));
}

async function spikeMarks(chart: Locator): Promise<Record<string, string>> {
  const marks = await chart.locator('g.day[data-spike]').evaluateAll((days) => days.map((day) => [day.getAttribute('data-day'), day.getAttribute('data-spike')]));
  return Object.fromEntries(marks);
}

// The words of a rough day: a burst of negative comments on the character's latest post.
const roughDay = ['this is awful, unfollowing', 'worst ad I have ever seen', 'so fake and creepy, hate it', 'terrible product, it burned my skin', 'disgusting, stop this'];

describe.skipIf(browserMissing)('brand safety in a browser', () => {
  let harness: BrowserHarness | undefined;
  let webhook: http.Server | undefined;
  const deliveries: string[] = [];
  let characterId = '';
  let characterPostId = '';
  let roughDayIso = '';

  beforeAll(async () => {
    // The brand's alert webhook: refuses the rough day's first delivery (503), takes the rest.
    webhook = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        deliveries.push(body);
        const roughDayDeliveries = deliveries.filter((delivered) => JSON.parse(delivered).alert.day === roughDayIso);
        response.writeHead(JSON.parse(body).alert.day === roughDayIso && roughDayDeliveries.length === 1 ? 503 : 204).end();
      });
    });
    await new Promise<void>((resolve) => webhook!.listen(0, '127.0.0.1', resolve));
    const webhookUrl = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/hooks/brand-safety`;

    harness = await startBrowserHarness({
      // The webhook listens on 127.0.0.1: a private target, allowed only with ALERT_WEBHOOK_ALLOW_PRIVATE.
      alertWebhookAllowPrivate: true,
      async prepare({ database, api, key, now }) {
        const headers = { authorization: `Bearer ${key}` };
        const call = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => {
          const response = await api.inject({ method, url, headers, ...(payload ? { payload } : {}) });
          if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
          return response.json();
        };
        await call('PATCH', '/v1/workspace', { alertWebhookUrl: webhookUrl, alertWebhookSecret: 'e2e-webhook-secret-0123456789' });

        // The character's latest post gets a rough day five days later, after its other comments: a spike of negative comments.
        const character = (await call('GET', '/v1/sources?kind=ai_character')).items[0];
        characterId = character.id;
        const [post] = (await call('GET', `/v1/posts?sourceId=${characterId}&sort=publishedAt&order=desc&limit=1`)).items;
        // Noon (UTC) of that day, so the burst never straddles midnight and splits into two small days.
        const roughNoon = new Date(Date.parse(post.publishedAt) + 5 * 86_400_000);
        roughNoon.setUTCHours(12, 0, 0, 0);
        const at = Math.min(roughNoon.getTime(), now.getTime() - 3_600_000);
        characterPostId = post.id;
        roughDayIso = new Date(at).toISOString().slice(0, 10);
        const comments = Array.from({ length: 30 }, (_, n) => ({
          postId: post.id, platformCommentId: `e2e-rough-${n}`, authorHandle: `@angry${n}`, text: roughDay[n % roughDay.length]!, postedAt: new Date(at - n * 60_000).toISOString(),
        }));
        await call('POST', '/v1/comments/bulk', { comments });

        // The real offline classifier through the job runner, as the workers run it in production.
        const classifier = createOfflineClassifier();
        const runner = await startJobRunner({
          orm: database.orm,
          connection: { kind: 'postgres', url: database.url, namespace: 'bullmq_e2e' },
          classifier,
          classifierVersions: [classifier.version],
          classifyBatchSize: 500,
          // Production waits a minute to collapse batches; the test checks for spikes at once.
          spikeDetectionDelayMs: 500,
          alertWebhookAllowPrivate: true,
        });
        try {
          const count = async (table: string) =>
            (await database.orm.em.fork().getConnection().execute<{ n: number }[]>(`select count(*)::int as n from ${table}`))[0]!.n;
          expect(await count('comment')).toBeGreaterThan(0);
          await waitFor(async () => (await count('classification_task')) === 0, 60_000, 'the demo comments to be classified');
          // Spike detection runs a few seconds after a day is classified; then the alert goes to the
          // webhook, which refuses it once (503) and takes the retry.
          const delivered = async () =>
            (await database.orm.em.fork().getConnection().execute<{ n: number }[]>(`select count(*)::int as n from alert where day = '${roughDayIso}' and delivered_at is not null`))[0]!.n === 1;
          await waitFor(delivered, 150_000, 'the spike alert of the rough day to be delivered');
        } finally {
          await runner.close();
        }
      },
    });
  }, 300_000);

  afterAll(async () => {
    await harness?.close();
    await new Promise((resolve) => webhook?.close(resolve));
  });

  it('shows the demo brand\'s real numbers: KPI cards, the daily sentiment chart, flag rates and the classifier mix', async () => {
    const { page, base, api, key } = harness!;
    await harness!.login();
    await page.click('nav >> text=Brand safety');
    await page.waitForURL(`${base}/brand-safety`);

    const report = (await api.inject({ url: '/v1/reports/brand-safety', headers: { authorization: `Bearer ${key}` } })).json();
    expect(report.totals.classified).toBe(report.totals.comments);
    const percent = (value: number) => `${new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(value)} %`;
    const kpi = (name: string) => page.locator(`[data-kpi=${name}] [data-value]`).textContent();
    expect(await kpi('sentiment_positive')).toBe(percent(report.kpis.sentiment_share.positive));
    expect(await kpi('sentiment_neutral')).toBe(percent(report.kpis.sentiment_share.neutral));
    expect(await kpi('sentiment_negative')).toBe(percent(report.kpis.sentiment_share.negative));
    expect(await kpi('flagged_comment_rate')).toBe(percent(report.kpis.flagged_comment_rate));
    expect(await kpi('character_mention_rate')).toBe(percent(report.kpis.character_mention_rate));
    expect(await kpi('waiting')).toBe('0');
    for (const name of ['sentiment_positive', 'sentiment_neutral', 'sentiment_negative', 'flagged_comment_rate', 'character_mention_rate']) {
      expect(await kpi(name), name).toMatch(/^\d+(\.\d)? %$/);
    }
    expect(await page.locator('[data-kpi=waiting]').textContent()).toContain('classified by the job workers');

    const chart = page.locator('svg[data-chart=sentiment]');
    await chart.waitFor();
    // A group of marks: each day with comments takes focus and names its figures (its tooltip).
    expect(await chart.getAttribute('role')).toBe('group');
    expect(await chart.locator('g.day[role=button][tabindex="0"]').count()).toBe(report.series.length);
    expect(await chart.locator('title').first().textContent()).toContain('Sentiment share');
    expect(await chart.locator('desc').textContent()).toMatch(/with classified comments/);
    expect(await chart.locator('g.day rect.segment').count()).toBeGreaterThan(report.series.length);
    // One mark per spike day, naming every metric that spiked that day (two metrics may share a day).
    expect(await spikeMarks(chart)).toEqual(spikeDays(report.spikes));
    const legend = (await page.locator('.legend li').allTextContents()).join(' | ');
    for (const entry of ['Positive', 'Neutral', 'Negative', 'Flagged share', 'Spike day']) expect(legend).toContain(entry);

    const profanity = report.flaggedByCategory.find((c: { category: string }) => c.category === 'profanity');
    expect(await page.locator('[data-category=profanity] [data-rate]').textContent()).toBe(percent(profanity.rate));
    expect(await page.locator('[data-table=classifier-mix] [data-classifier=offline] td.num').first().textContent()).toBe(String(report.totals.classified));

    // AI authenticity per post, next to each post's AI label, as the report has it.
    const byPost: Array<{ postId: string; aiLabelApplied: boolean; rate: number }> = report.aiAuthenticity.byPost;
    expect(byPost.length).toBeGreaterThan(0);
    expect(report.flaggedByCategory.find((c: { category: string }) => c.category === 'ai_authenticity').count).toBeGreaterThan(0);
    const rows = page.locator('[data-table=ai-authenticity] tbody tr');
    expect(await rows.count()).toBe(byPost.length);
    expect(await rows.first().locator('[data-rate]').textContent()).toBe(percent(byPost[0]!.rate));
    expect(await rows.locator('[data-label=applied]').count()).toBe(byPost.filter((p) => p.aiLabelApplied).length);
    expect(await rows.locator('[data-label=missing]').count()).toBe(byPost.filter((p) => !p.aiLabelApplied).length);
    expect(await rows.locator('svg[data-chart=ai-authenticity-trend]').count()).toBe(byPost.length);

    expect(await page.locator('[data-table=comments] tbody tr').count()).toBe(5);
    const body = (await page.locator('main').textContent()) ?? '';
    expect(body).not.toMatch(/NaN|undefined|Infinity/);

    await page.screenshot({ path: '/tmp/brand-safety.png', fullPage: true });
  });

  it('marks the character\'s rough day as a spike', async () => {
    const { page } = harness!;
    await page.selectOption('#sourceId', characterId);
    await page.click('form[aria-label=Filters] button[type=submit]');
    await page.waitForURL(new RegExp(`/brand-safety\\?sourceId=${characterId}`));
    expect(await page.locator('[data-scope]').textContent()).toContain('Léa Nova');
    // The test's burst is a negative spike of the character's. How many other days spike depends on
    // the hour the demo was seeded (its comments are dated relative to now), so the page is checked
    // against the report whatever their number.
    const { api, key } = harness!;
    const spikes = (await api.inject({ url: `/v1/reports/brand-safety?sourceId=${characterId}`, headers: { authorization: `Bearer ${key}` } })).json().spikes as Spike[];
    const negativeDays = spikes.filter((spike) => spike.metric === 'negative_share').map((spike) => spike.day);
    expect(negativeDays).toContain(roughDayIso);
    expect(await spikeMarks(page.locator('svg[data-chart=sentiment]'))).toEqual(spikeDays(spikes));
    const spikeDay = page.locator(`svg[data-chart=sentiment] g.day[data-spike][data-day="${roughDayIso}"]`);
    expect(await spikeDay.getAttribute('data-spike')).toContain('negative_share');
    expect(await spikeDay.locator('title').textContent()).toContain('Spike in negative share: 100 %');
    const row = page.locator(`[data-table=spikes] tr[data-spike="${roughDayIso}"]`);
    expect(await row.textContent()).toContain('Negative share');

    // From the spike to that day's negative comments.
    await row.locator('a').click();
    await page.waitForURL(/\/brand-safety\/comments\?/);
    const sentiments = await page.locator('[data-table=comments] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-sentiment')));
    expect(sentiments.length).toBe(25);
    expect(new Set(sentiments)).toEqual(new Set(['negative']));
    expect(await page.locator('a:has-text("Next page")').count()).toBe(1);
  });

  it('lists the flagged comments and filters them by category, a page at a time', async () => {
    const { page, base } = harness!;
    await page.goto(`${base}/brand-safety`);
    await page.click('a:has-text("flagged comments →")');
    await page.waitForURL(`${base}/brand-safety/comments`);
    expect(await page.locator('[data-heading]').textContent()).toBe('Flagged comments');
    const rows = page.locator('[data-table=comments] tbody tr');
    expect(await rows.count()).toBe(25);
    const flags = await rows.evaluateAll((trs) => trs.map((r) => r.getAttribute('data-flags')));
    expect(flags.every((f) => f && f.length > 0)).toBe(true);
    const first = rows.first();
    expect(await first.locator('td.post a').textContent()).toMatch(/post$/);
    expect(await first.locator('td.post').textContent()).toMatch(/·/);
    expect(await first.locator('td[data-mentions]').textContent()).toMatch(/^(Yes|No)$/);
    expect(await first.locator('time').first().textContent()).toMatch(/UTC$/);

    await page.selectOption('#category', 'spam_scam');
    await page.click('form[aria-label=Filters] button[type=submit]');
    await page.waitForURL(/category=spam_scam/);
    expect(await page.locator('[data-heading]').textContent()).toBe('Comments flagged Spam / scam');
    const spam = await rows.evaluateAll((trs) => trs.map((r) => r.getAttribute('data-flags')?.split(' ')));
    expect(spam.length).toBeGreaterThan(0);
    expect(spam.every((f) => f?.includes('spam_scam'))).toBe(true);
    expect(await rows.first().locator('.flags').textContent()).toContain('Spam / scam');

    await page.goto(`${base}/brand-safety/comments?category=profanity&limit=5`);
    const pageOne = await rows.evaluateAll((trs) => trs.map((r) => r.getAttribute('data-comment')));
    expect(pageOne).toHaveLength(5);
    await page.click('a:has-text("Next page")');
    await page.waitForURL(/cursor=/);
    expect(new URL(page.url()).searchParams.get('category')).toBe('profanity');
    const pageTwo = await rows.evaluateAll((trs) => trs.map((r) => r.getAttribute('data-comment')));
    expect(pageTwo.length).toBeGreaterThan(0);
    expect(pageTwo.some((id) => pageOne.includes(id))).toBe(false);
  });

  it('shows the spike alert with its webhook delivery: refused once, then delivered', async () => {
    const { page, base, api, key } = harness!;
    await page.click('nav >> text=Alerts');
    await page.waitForURL(`${base}/alerts`);
    expect(await page.locator('[data-banner=no-webhook]').count()).toBe(0);
    const rows = page.locator('[data-table=alerts] tbody tr');
    const alerts = (await api.inject({ url: '/v1/alerts', headers: { authorization: `Bearer ${key}` } })).json().items as Array<{ id: string; day: string }>;
    expect(alerts.map((alert) => alert.day)).toContain(roughDayIso);
    expect(await rows.count()).toBe(alerts.length);
    const row = page.locator(`[data-table=alerts] tbody tr[data-alert="${alerts.find((alert) => alert.day === roughDayIso)!.id}"]`);
    expect(await row.getAttribute('data-metric')).toBe('negative_share');
    expect(await row.locator('th').textContent()).toBe(new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${roughDayIso}T00:00:00Z`)));
    expect(await row.textContent()).toContain('Léa Nova');
    expect(await row.locator('[data-share]').textContent()).toMatch(/100 % vs \d+(\.\d)? %/);
    const delivery = row.locator('td.delivery');
    expect(await delivery.getAttribute('data-delivery')).toBe('delivered');
    expect(await delivery.textContent()).toContain('2 attempts');
    expect(deliveries.filter((body) => JSON.parse(body).alert.day === roughDayIso)).toHaveLength(2);

    // The filter shows the alerts of that metric only: as many as the API has (the demo's other
    // posts may or may not give a flagged-share spike, depending on the hour of seeding).
    await page.selectOption('#metric', 'flagged_share');
    await page.click('form[aria-label=Filters] button[type=submit]');
    await page.waitForURL(/metric=flagged_share/);
    const flagged = (await api.inject({ url: '/v1/alerts?metric=flagged_share', headers: { authorization: `Bearer ${key}` } })).json().items as Array<{ id: string }>;
    if (flagged.length === 0) await page.locator('[data-empty=alerts]').waitFor();
    else expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-metric')))).toEqual(flagged.map(() => 'flagged_share'));
  });

  it('counts a comment that no worker has classified yet as waiting, with a hint', async () => {
    const { page, base, api, key } = harness!;
    const response = await api.inject({
      method: 'POST', url: '/v1/comments', headers: { authorization: `Bearer ${key}` },
      payload: { postId: characterPostId, platformCommentId: 'e2e-late', authorHandle: '@late', text: 'just saw this, love it', postedAt: new Date(Date.now() - 60_000).toISOString() },
    });
    expect(response.statusCode).toBe(202);
    await page.goto(`${base}/brand-safety`);
    const card = page.locator('[data-kpi=waiting]');
    expect(await card.locator('[data-value]').textContent()).toBe('1');
    expect(await card.getAttribute('class')).toContain('warning');
    expect(await card.locator('.hint').textContent()).toContain('The job workers classify them');
    await page.goto(`${base}/brand-safety/comments?show=all`);
    const first = page.locator('[data-table=comments] tbody tr').first();
    expect(await first.getAttribute('data-sentiment')).toBe('waiting');
    expect(await first.textContent()).toContain('Waiting for classification');
  });

  it('shows each headline share\'s change against the previous period on its card, as the API computed it', async () => {
    const { page, base, api, key } = harness!;
    const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
    const period = `from=${day(13)}&to=${day(-1)}`;
    await page.goto(`${base}/brand-safety?${period}`);
    // The page's `to` is a day included in the period: the API's exclusive end is the midnight after it.
    const query = `from=${day(13)}T00:00:00Z&to=${day(-2)}T00:00:00Z&compare=previous`;
    const report = (await api.inject({ url: `/v1/reports/brand-safety?${query}`, headers: { authorization: `Bearer ${key}` } })).json();
    expect(report.previousPeriod.reason).toBeNull();
    expect(await page.locator('[data-previous-period]').getAttribute('data-previous-period')).toBe('compared');
    let numeric = 0;
    for (const [name, change] of Object.entries(report.previousPeriod.changes as Record<string, { change: number | null; direction: string | null; reason: string | null }>)) {
      const card = page.locator(`[data-kpi=${name}] [data-change]`);
      expect(await card.getAttribute('data-change'), name).toBe(change.direction ?? 'none');
      if (change.reason === null && change.direction !== 'flat') {
        numeric += 1;
        expect(await card.textContent(), name).toMatch(/^[▲▼] (up|down) ([\d.]+|less than 0\.1) pp vs /);
      }
    }
    expect(numeric).toBeGreaterThan(0);
  });

  it('shows "—" with a hint, never NaN, when the period has no comments; names a wrong date', async () => {
    const { page, base, pageErrors } = harness!;
    await page.goto(`${base}/brand-safety?from=2020-01-01&to=2020-01-31`);
    expect(await page.locator('[data-banner=no-comments]').textContent()).toContain('No comments in scope');
    for (const name of ['sentiment_positive', 'sentiment_negative', 'flagged_comment_rate', 'character_mention_rate']) {
      expect(await page.locator(`[data-kpi=${name}] [data-value]`).textContent(), name).toBe('—');
      expect(await page.locator(`[data-kpi=${name}] .hint`).textContent(), name).toContain('No comments in scope');
    }
    await page.locator('[data-chart=sentiment-empty]').waitFor();
    await page.locator('[data-empty=categories]').waitFor();
    expect((await page.locator('main').textContent()) ?? '').not.toMatch(/NaN|undefined|Infinity/);

    await page.goto(`${base}/brand-safety?from=2026-13-45`);
    expect(await page.locator('#from-error').textContent()).toContain('must be a date');
    expect(pageErrors).toEqual([]);
  });
});
