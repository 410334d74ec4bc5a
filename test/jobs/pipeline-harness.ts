import { randomBytes } from 'node:crypto';
import type { JobsOptions } from '@persona-ops/jobs/contracts';
import type { CommentClassifier } from '@persona-ops/domain/core';
import { startJobRunner } from '@persona-ops/jobs/runner';
import { createWorkerLogger, type JobMetrics, type Logger } from '@persona-ops/jobs/observability';
import type { QueueConnection } from '@persona-ops/jobs/contracts';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Mailer } from '../../jobs/src/deliveries/smtp-mailer.ts';
import { startTestApp, type Client } from '../support/api-harness.ts';
import { startFakeOpenAi, type FakeOpenAi } from '../support/fake-openai/fake-openai-server.ts';

// A workspace with one AI character's post, ready to receive comments, and the job runner of
// the real code on a queue namespace of the test's own.
// `alertWebhookAllowPrivate`: ALERT_WEBHOOK_ALLOW_PRIVATE for the API and the runners (a webhook on 127.0.0.1).
export async function startPipeline(settings: { alertWebhookAllowPrivate?: boolean } = {}) {
  const harness = await startTestApp(settings);
  const studio: Client = harness.admin;
  const source = await studio.post('/v1/sources', { kind: 'ai_character', name: 'Léa Nova', handles: { instagram: '@lea.nova' }, aliases: ['LeaN'] });
  const campaign = await studio.post('/v1/campaigns', { name: 'c', goal: 'engagement', startsOn: '2026-01-01', endsOn: '2026-12-31', currency: 'USD', targetAction: 'entry' });
  // Briefed, made and approved two hours ago; published an hour ago.
  const approvedAt = new Date(Date.now() - 2 * 3_600_000).toISOString();
  const brief = await studio.post('/v1/briefs', { campaignId: campaign.body.id, sourceId: source.body.id, title: 'b', openedAt: approvedAt });
  const asset = await studio.post('/v1/assets', { briefId: brief.body.id, title: 'a', kind: 'image', tool: 'mj', currency: 'USD', productionHours: 1, draftedAt: approvedAt });
  await studio.post(`/v1/assets/${asset.body.id}/submit`, { submittedAt: approvedAt });
  await studio.post(`/v1/assets/${asset.body.id}/reviews`, { decision: 'approve', decidedAt: approvedAt });
  const published = await studio.post(`/v1/assets/${asset.body.id}/publish`, { channel: 'instagram', url: 'https://i.example/p/1', aiLabelApplied: true, publishedAt: new Date(Date.now() - 3_600_000).toISOString() });
  const postId: string = published.body.post.id;
  const namespace = `test-${randomBytes(5).toString('hex')}`;

  const sql = async <T>(text: string): Promise<T[]> => harness.orm.em.fork().getConnection().execute<T[]>(text);
  return {
    harness,
    postId,
    namespace,
    sql,
    comments: (texts: string[], offset = 0) =>
      texts.map((text, n) => ({ postId, platformCommentId: `c${offset + n}`, authorHandle: '@fan', text, postedAt: new Date().toISOString() })),
    // `logger` and `metrics`: the runner's (a test reading its log lines or metrics); by default
    // it logs only with PIPELINE_DEBUG set.
    startRunner: (connection: QueueConnection, classifier: CommentClassifier & { version: string }, extra: { jobOptions?: JobsOptions; redispatchAfterMs?: number; batchSize?: number; logger?: Logger; metrics?: JobMetrics; mailer?: Mailer } = {}) =>
      startJobRunner({
        orm: harness.orm,
        connection,
        classifier,
        classifierVersions: [classifier.version],
        classifyBatchSize: extra.batchSize ?? 50,
        spikeDetectionDelayMs: 500,
        concurrency: 2,
        ...(extra.jobOptions ? { jobOptions: extra.jobOptions } : {}),
        ...(extra.redispatchAfterMs ? { redispatchAfterMs: extra.redispatchAfterMs } : {}),
        alertWebhookAllowPrivate: settings.alertWebhookAllowPrivate ?? false,
        ...(extra.logger ? { logger: extra.logger } : process.env.PIPELINE_DEBUG ? { logger: createWorkerLogger('debug') } : {}),
        ...(extra.metrics ? { metrics: extra.metrics } : {}),
        ...(extra.mailer ? { mailer: extra.mailer } : {}),
      }),
    async waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string) {
      const deadline = Date.now() + timeoutMs;
      while (!(await check())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    async counts() {
      const [row] = await sql<{ comments: number; classified: number; results: number; tasks: number }>(
        `select (select count(*) from comment)::int as comments,
                (select count(distinct comment_id) from comment_classification)::int as classified,
                (select count(*) from comment_classification)::int as results,
                (select count(*) from classification_task)::int as tasks`,
      );
      return row!;
    },
  };
}

export type Pipeline = Awaited<ReturnType<typeof startPipeline>>;

// The usual setup of a pipeline test file: a pipeline (and, when asked, the local OpenAI server)
// started before its tests and closed after them.
export function usePipeline(options: { openai?: boolean } = {}) {
  const context = {} as { pipeline: Pipeline; openai: FakeOpenAi };
  beforeAll(async () => {
    context.pipeline = await startPipeline();
    if (options.openai) context.openai = await startFakeOpenAi();
  });
  afterAll(async () => {
    await context.openai?.close();
    await context.pipeline?.harness.close();
  });
  return context;
}

const DAY_MS = 86_400_000;

/**
 * The comments of a brand-safety spike on the pipeline's post: eight quiet days (5 negative of 30),
 * then a day with 24 negative of 30, sent through the bulk endpoint. They start at noon (UTC) nine
 * days ago, so each day's half hour of comments stays inside its day whatever the time now; the post
 * is backdated through the database first, since comments older than their post are refused.
 * Answers the spike's day (YYYY-MM-DD).
 */
export async function postSpikeComments(pipeline: Pipeline): Promise<string> {
  const start = Math.floor((Date.now() - 9 * DAY_MS) / DAY_MS) * DAY_MS + 12 * 3_600_000;
  const comments = [];
  for (let day = 0; day < 9; day += 1) {
    const negatives = day === 8 ? 24 : 5;
    for (let n = 0; n < 30; n += 1) {
      comments.push({ postId: pipeline.postId, platformCommentId: `d${day}-${n}`, authorHandle: '@fan', text: n < negatives ? `i hate this ${n}` : `love it ${n}`, postedAt: new Date(start + day * DAY_MS + n * 60_000).toISOString() });
    }
  }
  await pipeline.sql(`update post set published_at = now() - interval '30 days'`);
  expect((await pipeline.harness.admin.post('/v1/comments/bulk', { comments })).status).toBe(202);
  return new Date(start + 8 * DAY_MS).toISOString().slice(0, 10);
}
