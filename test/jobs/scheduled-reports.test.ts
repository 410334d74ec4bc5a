import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '@persona-ops/api/build-app';
import { createWorkspaceWithAdmin } from '@persona-ops/api/workspaces';
import { enqueue, openQueues, closeQueues, type QueueConnection, type Queues } from '@persona-ops/jobs/contracts';
import { startJobRunner } from '@persona-ops/jobs/runner';
import { startReportWorker } from '../../api/src/reports/report-worker.ts';
import { smtpMailer } from '../../jobs/src/deliveries/smtp-mailer.ts';
import { clientFor, type ApiBody, type Client } from '../support/api-harness.ts';
import { pdfText } from '../support/pdf-text.ts';
import { readMail, startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { createTestDatabase } from '../support/test-database.ts';
import { kpiAsRead, num, pct, words, KPI_LABELS } from '../support/report-words.ts';

/*
 * Scheduled reports end to end, on real PostgreSQL and Redis: the API (with its report worker)
 * renders a schedule's run and the job runner sends it to a local SMTP server and a local
 * Slack-compatible webhook. The campaign: Spring drop (traffic, USD, March 2026), one post of Léa
 * with 20,000 impressions and 15,000 reach, 300 clicks and 6 sign-ups, 200.00 of cost. The e-mail's
 * figures are checked against GET /v1/reports/campaign/{id}.
 */
const redisUrl = inject('redisUrl');

type Harness = {
  app: Awaited<ReturnType<typeof buildApp>>;
  admin: Client;
  close(): Promise<void>;
  waitFor(check: () => Promise<boolean>, what: string, timeoutMs?: number): Promise<void>;
};


describe.skipIf(!redisUrl)('scheduled reports', () => {
  let harness: Harness;
  let smtp: SmtpSink;
  let slack: Server;
  const slackBodies: string[] = [];
  let slackUrl: string;
  let campaign: string;
  let other: { admin: Client; campaign: string };
  let executive: Client;
  let queues: Queues;
  let connection: QueueConnection;
  let orm: Awaited<ReturnType<typeof createTestDatabase>>['orm'];

  beforeAll(async () => {
    smtp = await startSmtpSink({ refuse: (address) => address.startsWith('refuse') });
    slack = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        slackBodies.push(body);
        response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      });
    });
    await new Promise<void>((resolve) => slack.listen(0, '127.0.0.1', resolve));
    slackUrl = `http://127.0.0.1:${(slack.address() as AddressInfo).port}/services/T000/B000/XXXX`;

    const database = await createTestDatabase();
    connection = { kind: 'redis', url: redisUrl!, namespace: `test-${randomBytes(5).toString('hex')}` };
    orm = database.orm;
    // Short backoffs: a refused send is tried three times within a second.
    const jobOptions = { attempts: 3, backoff: { type: 'fixed', delay: 200 }, removeOnComplete: true };
    queues = openQueues(connection, jobOptions);
    // The Slack webhook listens on 127.0.0.1: a private target, allowed only with ALERT_WEBHOOK_ALLOW_PRIVATE.
    const app = await buildApp(database.orm, {}, { queues, alertWebhookAllowPrivate: true });
    const reportWorker = await startReportWorker({ orm: database.orm, connection, queues });
    const mailer = smtpMailer({ url: smtp.url, from: 'Persona Ops <reports@persona.test>', timeoutMs: 5_000 });
    const runner = await startJobRunner({ orm: database.orm, connection, classifier: { classify: () => Promise.reject(new Error('this test classifies no comment')) }, classifierVersions: ['none'], jobOptions, alertWebhookAllowPrivate: true, mailer, dispatch: false });
    const created = await createWorkspaceWithAdmin(database.orm.em.fork(), { name: 'Brand A', adminEmail: 'admin@a.test', adminName: 'Admin A' });
    const admin = clientFor(app, created.key);
    harness = {
      app,
      admin,
      async close() {
        await runner.close();
        await reportWorker.close();
        mailer.close();
        await app.close();
        await closeQueues(queues);
        await database.drop();
      },
      async waitFor(check, what, timeoutMs = 20_000) {
        const deadline = Date.now() + timeoutMs;
        while (!(await check())) {
          if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      },
    };

    const lea = (await admin.post('/v1/sources', { kind: 'ai_character', name: 'Léa', launchedOn: '2026-01-01' })).body.id;
    campaign = (await admin.post('/v1/campaigns', { name: 'Spring drop', goal: 'traffic', startsOn: '2026-03-01', endsOn: '2026-03-31', currency: 'USD', targetAction: 'signup', trackingKeywords: ['spring'] })).body.id;
    await admin.post('/v1/cost-lines', { campaignId: campaign, sourceId: lea, kind: 'usage_rights', amountMinor: 10_000, currency: 'USD', incurredOn: '2026-03-01' });
    const brief = (await admin.post('/v1/briefs', { campaignId: campaign, sourceId: lea, title: 'b', openedAt: '2026-02-01T00:00:00Z' })).body.id;
    const asset = (await admin.post('/v1/assets', { briefId: brief, title: 'a', kind: 'image', tool: 'gen', currency: 'USD', generationCostMinor: 10_000, productionHours: 0, draftedAt: '2026-02-01T00:00:00Z' })).body.id;
    await admin.post(`/v1/assets/${asset}/submit`, { submittedAt: '2026-02-01T00:00:00Z' });
    await admin.post(`/v1/assets/${asset}/reviews`, { decision: 'approve', decidedAt: '2026-02-01T00:00:00Z' });
    const post = (await admin.post(`/v1/assets/${asset}/publish`, { channel: 'instagram', url: 'https://i.example/p', aiLabelApplied: true, publishedAt: '2026-03-05T10:00:00Z' })).body.post.id;
    await admin.post('/v1/metric-snapshots/bulk', { snapshots: [{ postId: post, capturedAt: '2026-03-06T00:00:00Z', impressions: 20_000, reach: 15_000, views: 18_000, likes: 900, comments: 40, shares: 30, saves: 60 }] });
    const link = (await admin.post('/v1/tracking-links', { campaignId: campaign, sourceId: lea, postId: post, landingUrl: 'https://shop.example/' })).body.id;
    await admin.post('/v1/conversions/bulk', { counts: [{ linkId: link, day: '2026-03-10', clicks: 300, targetActions: 6, currency: 'USD' }] });

    const users = await admin.post('/v1/users', { email: 'exec@a.test', name: 'Exec', role: 'executive' });
    executive = clientFor(app, users.body.key);
    const second = await createWorkspaceWithAdmin(database.orm.em.fork(), { name: 'Brand B', adminEmail: 'admin@b.test', adminName: 'Admin B' });
    const otherAdmin = clientFor(app, second.key);
    other = { admin: otherAdmin, campaign: (await otherAdmin.post('/v1/campaigns', { name: 'B only', goal: 'traffic', startsOn: '2026-03-01', endsOn: '2026-03-31', currency: 'USD', targetAction: 'signup' })).body.id };
  });
  afterAll(async () => {
    slack?.close();
    await smtp?.close();
    await harness?.close();
  });

  const weekly = { name: 'Monday digest', kind: 'campaign', cadence: 'weekly', weekday: 1, hourUtc: 8 };

  it('validates a schedule whole, checks the Slack target, and refuses what it does not know', async () => {
    const cases: Array<[ApiBody, string]> = [
      [{ ...weekly, emailRecipients: ['cmo@a.test'] }, 'body.campaignId'],
      [{ ...weekly, campaignId: campaign, weekday: 0, emailRecipients: ['cmo@a.test'] }, 'body.weekday'],
      [{ ...weekly, campaignId: campaign }, 'body.emailRecipients'],
      [{ ...weekly, campaignId: campaign, emailRecipients: ['not an address'] }, 'body.emailRecipients.0'],
      [{ ...weekly, campaignId: campaign, emailRecipients: ['cmo@a.test'], hourUtc: 24 }, 'body.hourUtc'],
      [{ ...weekly, campaignId: campaign, cadence: 'monthly', weekday: null, dayOfMonth: 29, emailRecipients: ['cmo@a.test'] }, 'body.dayOfMonth'],
      [{ ...weekly, campaignId: campaign, emailRecipients: ['cmo@a.test'], recipients: ['x@a.test'] }, 'body.recipients'],
      // A metadata address is refused even where private targets are allowed.
      [{ ...weekly, campaignId: campaign, slackWebhookUrl: 'http://169.254.169.254/latest' }, 'body.slackWebhookUrl'],
    ];
    for (const [body, field] of cases) {
      const response = await harness.admin.post('/v1/report-schedules', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.errors.map((error: { field: string }) => error.field), JSON.stringify(response.body)).toContain(field);
    }
    // Another workspace's campaign is not found here.
    expect((await harness.admin.post('/v1/report-schedules', { ...weekly, campaignId: other.campaign, emailRecipients: ['cmo@a.test'] })).status).toBe(404);
  });

  it('is the admins’ only', async () => {
    for (const [method, url] of [['GET', '/v1/report-schedules'], ['POST', '/v1/report-schedules'], ['GET', '/v1/report-deliveries']] as const) {
      const response = await executive.request(method, url, method === 'POST' ? { ...weekly, campaignId: campaign, emailRecipients: ['x@a.test'] } : undefined);
      expect(response.status, `${method} ${url}`).toBe(403);
    }
  });

  it('times each schedule with a job scheduler, changes only what a PATCH names, and removes the timer with the schedule', async () => {
    const created = await harness.admin.post('/v1/report-schedules', { ...weekly, campaignId: campaign, emailRecipients: ['cmo@a.test'] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({ kind: 'campaign', campaignId: campaign, cadence: 'weekly', weekday: 1, dayOfMonth: 1, hourUtc: 8, emailRecipients: ['cmo@a.test'], slackWebhookUrl: null, lastRunAt: null });
    expect(new Date(created.body.nextRunAt).getUTCDay()).toBe(1);
    expect(new Date(created.body.nextRunAt).getUTCHours()).toBe(8);
    const reports = queues.get('reports')!;
    expect(await reports.getJobScheduler(id)).toMatchObject({ key: id, pattern: '0 0 8 * * 1', tz: 'UTC', name: 'render-report' });

    const patched = await harness.admin.patch(`/v1/report-schedules/${id}`, { hourUtc: 17 });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toMatchObject({ name: 'Monday digest', weekday: 1, hourUtc: 17, emailRecipients: ['cmo@a.test'] });
    expect((await reports.getJobScheduler(id))?.pattern).toBe('0 0 17 * * 1');

    // The schedule keeps both days; its cadence picks one.
    const monthly = await harness.admin.patch(`/v1/report-schedules/${id}`, { cadence: 'monthly', dayOfMonth: 3 });
    expect(monthly.status, JSON.stringify(monthly.body)).toBe(200);
    expect(monthly.body).toMatchObject({ cadence: 'monthly', weekday: 1, dayOfMonth: 3, hourUtc: 17 });
    expect(new Date(monthly.body.nextRunAt).getUTCDate()).toBe(3);
    expect((await reports.getJobScheduler(id))?.pattern).toBe('0 0 17 3 * *');
    // A schedule left with nobody to send to could not be created: refused whole.
    const nobody = await harness.admin.patch(`/v1/report-schedules/${id}`, { emailRecipients: null });
    expect(nobody.status).toBe(400);
    expect(nobody.body.errors.map((error: { field: string }) => error.field)).toEqual(['body.emailRecipients']);
    expect((await harness.admin.patch(`/v1/report-schedules/${id}`, { campaignId: null })).body.errors.map((error: { field: string }) => error.field)).toEqual(['body.campaignId']);
    expect((await harness.admin.patch(`/v1/report-schedules/${id}`, { kind: 'campaign', extra: 1 })).status).toBe(400);
    expect((await harness.admin.patch(`/v1/report-schedules/${id}`, { slackWebhookUrl: 'http://169.254.169.254/' })).status).toBe(400);

    // Another workspace sees nothing of it.
    expect((await other.admin.get(`/v1/report-schedules/${id}`)).status).toBe(404);
    expect((await other.admin.patch(`/v1/report-schedules/${id}`, { hourUtc: 1 })).status).toBe(404);
    expect((await other.admin.post(`/v1/report-schedules/${id}/send`)).status).toBe(404);
    expect((await other.admin.delete(`/v1/report-schedules/${id}`)).status).toBe(404);
    expect((await other.admin.get('/v1/report-schedules')).body.items).toEqual([]);

    expect((await harness.admin.delete(`/v1/report-schedules/${id}`)).status).toBe(200);
    expect((await harness.admin.get(`/v1/report-schedules/${id}`)).status).toBe(404);
    expect(await reports.getJobScheduler(id)).toBeUndefined();
  });

  it('e-mails the campaign report with the report API’s figures and its PDF, and posts a summary to Slack', async () => {
    const created = await harness.admin.post('/v1/report-schedules', { ...weekly, campaignId: campaign, emailRecipients: ['cmo@a.test', 'ceo@a.test'], slackWebhookUrl: slackUrl });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const sent = await harness.admin.post(`/v1/report-schedules/${created.body.id}/send`);
    expect(sent.status, JSON.stringify(sent.body)).toBe(202);
    expect(sent.body.runKey).toMatch(/^manual-/);

    const deliveries = async () => (await harness.admin.get(`/v1/report-deliveries?scheduleId=${created.body.id}`)).body.items as ApiBody[];
    await harness.waitFor(async () => (await deliveries()).length === 3 && (await deliveries()).every((d) => d.outcome === 'sent'), 'the three deliveries to be sent');
    const recorded = await deliveries();
    expect(recorded.map((d) => `${d.channel} ${d.recipient}`).sort()).toEqual(['email ceo@a.test', 'email cmo@a.test', `slack ${new URL(slackUrl).host}`]);
    for (const delivery of recorded) expect(delivery).toMatchObject({ runKey: sent.body.runKey, attempts: 1, error: null, hasAttachment: false });
    expect((await harness.admin.get(`/v1/report-schedules/${created.body.id}`)).body.lastRunAt).not.toBeNull();

    const report = (await harness.admin.get(`/v1/reports/campaign/${campaign}`)).body;
    const mails = smtp.received.filter((mail) => mail.to.some((to) => to === 'cmo@a.test' || to === 'ceo@a.test'));
    expect(mails).toHaveLength(2);
    const mail = readMail(mails[0]!.raw);
    expect(mail.subject).toBe(`Monday digest: Spring drop, ${words(report.verdict.verdict)}`);
    expect(mail.text).toContain(`Verdict: ${words(report.verdict.verdict)}. ${report.verdict.reason}`);
    expect(mail.text).toContain(`Reach: ${num(report.reach.reach.value)}\n`);
    expect(report.reach.reach.value).toBe(15_000);
    expect(mail.text).toContain(`Impressions: ${num(report.reach.impressions.value)}\n`);
    expect(mail.text).toContain(`Engagement rate: ${pct(report.engagement.engagement_rate.value)}\n`);
    expect(mail.text).toContain('Cost: USD 200.00\n');
    expect(report.cost.total).toEqual({ amountMinor: 20_000, currency: 'USD' });
    for (const kpi of report.tieredKpis) {
      const value = kpiAsRead(kpi);
      expect(mail.text).toContain(`- ${KPI_LABELS[kpi.kpiId]}: ${value} (${kpi.tier ? words(kpi.tier) : (kpi.tierUnavailable ?? 'no tier')})\n`);
    }
    // 300 clicks of 20,000 impressions: a CTR of 1.5 %, and 6 sign-ups of 300 clicks: 2 %.
    expect(report.tieredKpis.find((kpi: ApiBody) => kpi.kpiId === 'ctr').value).toBe(1.5);
    expect(mail.text).toContain('- Click-through rate: 1.5 % (');
    expect(mail.text).toContain('- Target actions: 6 (');
    expect(mail.text).toContain('Reach: 15,000\n');

    expect(mail.attachments).toHaveLength(1);
    const [pdf] = mail.attachments;
    expect(pdf).toMatchObject({ contentType: 'application/pdf', filename: `campaign-report-${campaign}.pdf` });
    expect(pdf!.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const lines = pdfText(pdf!.content);
    expect(lines).toContain('Campaign report: Spring drop');
    expect(lines).toContain('USD 200.00');

    expect(slackBodies).toHaveLength(1);
    const payload = JSON.parse(slackBodies[0]!);
    expect(Object.keys(payload)).toEqual(['text']);
    expect(payload.text).toContain(`*Monday digest: Spring drop, ${words(report.verdict.verdict)}*`);
    expect(payload.text).toContain('Cost: USD 200.00');
    expect(payload.text).toContain('- Click-through rate: 1.5 % (');
  });

  it('retries a send the SMTP server refuses, then records it as failed with the server’s reason', async () => {
    const created = await harness.admin.post('/v1/report-schedules', { ...weekly, name: 'Refused', kind: 'brand_safety', campaignId: null, emailRecipients: ['refuse@a.test', 'ok@a.test'] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const refusalsBefore = smtp.refusals;
    expect((await harness.admin.post(`/v1/report-schedules/${created.body.id}/send`)).status).toBe(202);
    const deliveries = async () => (await harness.admin.get(`/v1/report-deliveries?scheduleId=${created.body.id}`)).body.items as ApiBody[];
    await harness.waitFor(async () => (await deliveries()).filter((d) => d.outcome === 'sent' || d.outcome === 'failed').length === 2, 'both deliveries to end');
    const byRecipient = Object.fromEntries((await deliveries()).map((d) => [d.recipient, d]));
    expect(byRecipient['ok@a.test']).toMatchObject({ outcome: 'sent', attempts: 1 });
    expect(byRecipient['refuse@a.test']).toMatchObject({ outcome: 'failed', attempts: 3 });
    expect(byRecipient['refuse@a.test'].error).toMatch(/550/);
    expect(byRecipient['refuse@a.test'].error).toMatch(/refuse@a\.test unavailable/);
    expect(smtp.refusals - refusalsBefore).toBe(3);
    const failed = await harness.admin.get(`/v1/report-deliveries?outcome=failed`);
    expect(failed.body.items.map((d: ApiBody) => d.recipient)).toEqual(['refuse@a.test']);
    // The brand-safety text says what it counted.
    const mail = readMail(smtp.received.find((m) => m.to.includes('ok@a.test'))!.raw);
    expect(mail.text).toContain('Comments posted ');
    expect(mail.attachments).toHaveLength(0);
  });

  it('renders a run its job scheduler fires as that occurrence: its run key, its period and its time', async () => {
    const created = await harness.admin.post('/v1/report-schedules', { name: 'Overview by Slack', kind: 'overview', cadence: 'weekly', weekday: 1, hourUtc: 8, slackWebhookUrl: slackUrl });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id;
    // The schedule's own scheduler, made to fire every second: the same job name and data the
    // schedule's timer gives it, so the worker sees what it sees on a Monday at 08:00.
    const reports = queues.get('reports')!;
    const timer = await reports.getJobScheduler(id);
    await reports.upsertJobScheduler(id, { pattern: '* * * * * *', tz: 'UTC' }, { name: timer!.name, data: timer!.template!.data });
    const deliveries = async () => (await harness.admin.get(`/v1/report-deliveries?scheduleId=${id}`)).body.items as ApiBody[];
    try {
      await harness.waitFor(async () => (await deliveries()).some((d) => d.outcome === 'sent'), 'a scheduled run to be sent');
    } finally {
      await reports.removeJobScheduler(id);
    }
    const [first] = (await deliveries()).filter((d) => d.outcome === 'sent').slice(-1);
    expect(first.runKey).toMatch(/^scheduled-\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
    const due = first.runKey.slice('scheduled-'.length);
    // One Slack message per occurrence, however often a run is retried.
    expect(new Set((await deliveries()).map((d) => d.runKey)).size).toBe((await deliveries()).length);
    expect((await harness.admin.get(`/v1/report-schedules/${id}`)).body.lastRunAt).not.toBeNull();
    // The overview covers the week before the due day.
    const day = new Date(due);
    const to = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()));
    const from = new Date(to.getTime() - 7 * 86_400_000);
    const message = slackBodies.map((body) => JSON.parse(body).text as string).find((text) => text.includes('Overview by Slack'));
    expect(message).toContain(`The three layers per source kind, ${from.toISOString().slice(0, 10)} to ${to.toISOString().slice(0, 10)} (to exclusive).`);
    const overview = (await harness.admin.get(`/v1/reports/overview?from=${from.toISOString()}&to=${to.toISOString()}`)).body;
    for (const kind of overview.kinds) expect(message).toContain(`${words(kind.sourceKind)}: ${num(kind.audience.posts)} posts, reach ${num(kind.audience.reach.value)}, engagement rate ${pct(kind.audience.engagement_rate.value)}`);
    await harness.admin.delete(`/v1/report-schedules/${id}`);
  });

  it('sets the timers straight when the report worker starts: a schedule saved without queues gets one, a deleted schedule loses its own', async () => {
    const reports = queues.get('reports')!;
    await reports.upsertJobScheduler('0b5e1e7e-0000-4000-8000-000000000000', { pattern: '0 0 8 * * 1', tz: 'UTC' }, { name: 'render-report', data: { scheduleId: '0b5e1e7e-0000-4000-8000-000000000000' } });
    // Saved by an API that had no queues.
    const unqueued = await buildApp(orm, {}, { alertWebhookAllowPrivate: true });
    try {
      const created = await clientFor(unqueued, harness.admin.key).post('/v1/report-schedules', { name: 'Saved while away', kind: 'brand_safety', cadence: 'monthly', dayOfMonth: 5, hourUtc: 6, emailRecipients: ['cmo@a.test'] });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(await reports.getJobScheduler(created.body.id)).toBeUndefined();
      const worker = await startReportWorker({ orm, connection, queues });
      await worker.close();
      expect(await reports.getJobScheduler(created.body.id)).toMatchObject({ pattern: '0 0 6 5 * *', tz: 'UTC' });
      expect(await reports.getJobScheduler('0b5e1e7e-0000-4000-8000-000000000000')).toBeUndefined();
      // Sending needs the queues: that API says why it cannot.
      const send = await clientFor(unqueued, harness.admin.key).post(`/v1/report-schedules/${created.body.id}/send`);
      expect(send.status).toBe(503);
      expect(send.body.code).toBe('queue_unavailable');
    } finally {
      await unqueued.close();
    }
  });

  it('records a run whose report cannot be rendered as a failed delivery per recipient, with the report’s refusal', async () => {
    // A fee in EUR on a USD campaign, and no EUR rate: the campaign report refuses (422 on the API).
    const lea = (await harness.admin.post('/v1/sources', { kind: 'ai_character', name: 'Mia', launchedOn: '2026-01-01' })).body.id;
    const euro = (await harness.admin.post('/v1/campaigns', { name: 'Euro fee', goal: 'traffic', startsOn: '2026-03-01', endsOn: '2026-03-31', currency: 'USD', targetAction: 'signup' })).body.id;
    expect((await harness.admin.post('/v1/cost-lines', { campaignId: euro, sourceId: lea, kind: 'creator_fee', amountMinor: 5_000, currency: 'EUR', incurredOn: '2026-03-02' })).status).toBe(201);
    const refusal = await harness.admin.get(`/v1/reports/campaign/${euro}`);
    expect(refusal.status).toBe(422);
    const created = await harness.admin.post('/v1/report-schedules', { ...weekly, name: 'Euro digest', campaignId: euro, emailRecipients: ['cfo@a.test'], slackWebhookUrl: slackUrl });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    // Its last attempt (one here; a schedule's runs get five, minutes apart).
    const runKey = `manual-${randomUUID()}`;
    await enqueue(queues, 'render-report', { scheduleId: created.body.id, runKey }, { attempts: 1 });
    const deliveries = async () => (await harness.admin.get(`/v1/report-deliveries?scheduleId=${created.body.id}`)).body.items as ApiBody[];
    await harness.waitFor(async () => (await deliveries()).length === 2, 'the failed run to be recorded');
    for (const delivery of await deliveries()) {
      expect(delivery).toMatchObject({ runKey, outcome: 'failed', attempts: 0, sentAt: null });
      expect(delivery.error).toBe(`The report could not be rendered: ${refusal.body.detail}`);
    }
    expect(smtp.received.some((mail) => mail.to.includes('cfo@a.test'))).toBe(false);
    await harness.admin.delete(`/v1/report-schedules/${created.body.id}`);
  });

  it('keeps each workspace’s deliveries to itself', async () => {
    expect((await harness.admin.get('/v1/report-deliveries')).body.items.length).toBeGreaterThan(0);
    expect((await other.admin.get('/v1/report-deliveries')).body.items).toEqual([]);
    const [first] = (await harness.admin.get('/v1/report-schedules')).body.items;
    expect((await other.admin.get(`/v1/report-deliveries?scheduleId=${first.id}`)).status).toBe(404);
  });
});
