import type { MikroORM } from '@mikro-orm/postgresql';
import { DelayedError, RateLimitError, UnrecoverableError, Worker, createPostgresBackend, type Job, type JobsOptions } from 'bullmq';
import type { CommentClassifier } from '@persona-ops/domain/core';
import { finishImport } from '@persona-ops/domain/store';
import { backendOptions, enqueue, importJobNames, jobDefinitions, openQueues, runnerQueueNames, closeQueues, traceOf, type Enqueue, type JobName, type QueueConnection, type QueueName, type RunnerJobName } from './contracts.ts';
import { startDispatcher } from './dispatcher.ts';
import { startConnectionSchedules } from './connectors/connection-schedules.ts';
import { pullConnectionHandler } from './connectors/pull-connection.handler.ts';
import type { ConnectorSettings } from '@persona-ops/domain/connectors';
import { failedImportReason } from './handlers/csv-import.ts';
import { ClassifierError, RateLimitedError } from './classifiers/openai/index.ts';
import { classifyCommentsHandler } from './handlers/classify-comments.handler.ts';
import { backfillClassificationHandler } from './handlers/backfill-classification.handler.ts';
import { deliverAlertHandler } from './handlers/deliver-alert.handler.ts';
import { importCommentsHandler } from './handlers/import-comments.handler.ts';
import { importPostMetricsHandler } from './handlers/import-post-metrics.handler.ts';
import { importConversionsHandler } from './handlers/import-conversions.handler.ts';
import { detectSpikesHandler } from './handlers/detect-spikes.handler.ts';
import { refreshRollupsHandler } from './handlers/refresh-rollups.handler.ts';
import { sendDeliveryHandler } from './handlers/send-delivery.handler.ts';
import type { Mailer } from './deliveries/smtp-mailer.ts';
import { inheritedTrace, runWithTrace } from './observability/job-context.ts';
import type { JobMetrics, JobOutcome } from './observability/job-metrics.ts';
import { silentLogger, type Logger } from './observability/logger.ts';

export type RunnerOptions = {
  orm: MikroORM;
  connection: QueueConnection;
  classifier: CommentClassifier;
  // The classifier versions whose results count as current (a cascade has two); a backfill
  // re-queues comments with no result from these.
  classifierVersions: readonly string[];
  concurrency?: number;
  classifyBatchSize?: number;
  // Jobs per second the classification queue may start (the OpenAI rate limit); none offline.
  classificationLimiter?: { max: number; duration: number };
  dispatch?: boolean;
  // Retry policy of the jobs this runner enqueues (tests shorten the backoff).
  jobOptions?: JobsOptions;
  // How long a dispatched task may stay unfinished before it is dispatched again.
  redispatchAfterMs?: number;
  webhookTimeoutMs?: number;
  // Whether alert webhooks may reach loopback, private, link-local and shared addresses
  // (ALERT_WEBHOOK_ALLOW_PRIVATE); metadata services never.
  alertWebhookAllowPrivate?: boolean;
  // Sends the report and alert e-mails (SMTP_URL); without one, an e-mail delivery fails saying so.
  mailer?: Mailer | null;
  // How long after new results a source's day is checked for a spike (batches in between collapse).
  spikeDetectionDelayMs?: number;
  // How long after a write the workspace's rollups are refreshed (writes in between share the job).
  rollupRefreshDelayMs?: number;
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  // Take-overs after a worker died mid-job before the job is failed instead (default 1: the second
  // death fails it).
  maxStalledCount?: number;
  // Structured log (pino): a line per job with its queue, name, id, workspaces, requests, attempt,
  // duration and outcome. Without one, nothing is logged.
  logger?: Logger;
  // Job durations, failures and classifier decisions (prom-client), served by the worker's /metrics.
  metrics?: JobMetrics;
  // The connectors' token keys and platform apps (CONNECTOR_*, YOUTUBE_*): without them no
  // connection is scheduled and a pull fails saying why.
  connectors?: ConnectorSettings | null;
  // How often the connections' schedules are brought in step with the table (default 2 s).
  connectionSyncMs?: number;
};

type Handler = (payload: never, job: Job, token?: string) => Promise<unknown>;

export const defaultMaxStalledCount = 1;

const importJobNameSet: ReadonlySet<string> = new Set(Object.values(importJobNames));

// The job workers of one process: one handler per job name, checked at start-up, a worker per
// queue, and the outbox dispatcher. `pnpm jobs` runs this on its own; the quick start runs it
// inside the same process as the API.
export async function startJobRunner(options: RunnerOptions) {
  const queues = openQueues(options.connection, options.jobOptions);
  const logger = options.logger ?? silentLogger;
  const enqueueJob: Enqueue = (name, payload, jobOptions) => enqueue(queues, name, payload, jobOptions, inheritedTrace(payload));
  const classified = options.metrics?.classified;
  const handlers: Record<RunnerJobName, Handler> = {
    'classify-comments': classifyCommentsHandler({ orm: options.orm, classifier: options.classifier, enqueue: enqueueJob, ...(options.spikeDetectionDelayMs !== undefined ? { spikeDetectionDelayMs: options.spikeDetectionDelayMs } : {}), ...(classified ? { onClassified: classified } : {}) }) as Handler,
    'detect-spikes': detectSpikesHandler({ orm: options.orm, enqueue: enqueueJob }) as Handler,
    'import-comments': importCommentsHandler({ orm: options.orm }) as Handler,
    'import-post-metrics': importPostMetricsHandler({ orm: options.orm }) as Handler,
    'import-conversions': importConversionsHandler({ orm: options.orm }) as Handler,
    'backfill-classification': backfillClassificationHandler({ orm: options.orm, versions: options.classifierVersions }) as Handler,
    'refresh-rollups': refreshRollupsHandler({ orm: options.orm }) as Handler,
    'deliver-alert': deliverAlertHandler({ orm: options.orm, allowPrivateTargets: options.alertWebhookAllowPrivate ?? false, ...(options.webhookTimeoutMs ? { timeoutMs: options.webhookTimeoutMs } : {}) }) as Handler,
    'pull-connection': pullConnectionHandler({ orm: options.orm, connectors: options.connectors ?? null }) as Handler,
    'send-delivery': sendDeliveryHandler({ orm: options.orm, mailer: options.mailer ?? null, allowPrivateTargets: options.alertWebhookAllowPrivate ?? false, ...(options.webhookTimeoutMs ? { timeoutMs: options.webhookTimeoutMs } : {}) }) as Handler,
  };
  for (const name of Object.keys(jobDefinitions) as JobName[]) {
    if (!(runnerQueueNames as readonly QueueName[]).includes(jobDefinitions[name].queue)) continue;
    if (typeof (handlers as Partial<Record<JobName, Handler>>)[name] !== 'function') throw new Error(`Job ${name} has no handler`);
  }

  const workers = runnerQueueNames.map((queue) => openWorker(queue, options, handlers, logger));
  // Connection errors while Redis is away are expected; the dispatcher and workers recover when it returns.
  for (const [index, worker] of workers.entries()) worker.on('error', (error) => logger.warn({ queue: runnerQueueNames[index], err: error }, `worker: ${error.message}`));
  // An import whose job failed for good (out of attempts, unrecoverable, stalled too often: cases
  // its handler may not see) ends `failed` with the reason, never left `running`.
  for (const worker of workers) {
    worker.on('failed', (job, error) => {
      if (!job || !importJobNameSet.has(job.name) || !(error.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1))) return;
      const importId = (job.data as { importId?: unknown }).importId;
      if (typeof importId !== 'string') return;
      finishImport(options.orm.em.fork(), importId, { error: failedImportReason(job, error, options.maxStalledCount ?? defaultMaxStalledCount) }, new Date())
        .catch((cause: unknown) => logger.error({ queue: job.queueName, jobName: job.name, jobId: job.id, importId, err: cause }, `import ${importId}: could not record its failure: ${(cause as Error).message}`));
    });
  }
  for (const [name, queue] of queues) queue.on('error', (error) => logger.warn({ queue: name, err: error }, `queue: ${error.message}`));
  const dispatcherLog = logger.child({ component: 'dispatcher' });
  const dispatcher = options.dispatch === false ? null : startDispatcher({ orm: options.orm, queues, batchSize: options.classifyBatchSize ?? 500, ...(options.redispatchAfterMs ? { redispatchAfterMs: options.redispatchAfterMs } : {}), ...(options.rollupRefreshDelayMs !== undefined ? { rollupRefreshDelayMs: options.rollupRefreshDelayMs } : {}), log: (message) => dispatcherLog.warn(message) });

  const connectorsQueue = queues.get('connectors');
  const connectionSchedules = options.dispatch === false || !options.connectors?.keyring || !connectorsQueue
    ? null
    : startConnectionSchedules(options.orm, connectorsQueue, options.connectors, (message) => dispatcherLog.warn(message), options.connectionSyncMs);

  return {
    queues,
    workers,
    dispatcher,
    // Graceful: stop taking work, let running jobs finish, then close the connections.
    async close() {
      await connectionSchedules?.stop();
      await dispatcher?.stop();
      await Promise.all(workers.map((worker) => worker.close()));
      await closeQueues(queues);
    },
  };
}

function openWorker(queue: QueueName, options: RunnerOptions, handlers: Record<RunnerJobName, Handler>, logger: Logger): Worker {
  // One attempt of a job, inside its trace (the jobs it enqueues inherit it), logged and measured:
  // a line when it starts (debug) and one when it ends with its duration and outcome.
  const process = async (job: Job, token?: string) => {
    const trace = traceOf(job.data);
    const payloadWorkspace = (job.data as { workspaceId?: unknown } | null)?.workspaceId;
    const workspaceIds = trace.workspaceIds ?? (typeof payloadWorkspace === 'string' ? [payloadWorkspace] : []);
    const jobLog = logger.child({ queue, jobName: job.name, jobId: job.id, workspaceIds, requestIds: trace.requestIds ?? [], attempt: job.attemptsMade + 1 });
    const started = performance.now();
    const finished = (outcome: JobOutcome, error?: Error) => {
      const durationMs = Math.round(performance.now() - started);
      const final = outcome === 'failed' && (error instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1));
      options.metrics?.jobFinished({ queue, jobName: job.name }, outcome, durationMs / 1000, final);
      if (outcome === 'completed') jobLog.info({ durationMs, outcome }, 'job completed');
      else if (outcome === 'rate_limited') jobLog.info({ durationMs, outcome }, 'job put back: the provider asked to wait');
      else jobLog[final ? 'error' : 'warn']({ durationMs, outcome, final, err: error }, final ? 'job failed for good' : 'job failed; it will be retried');
    };
    jobLog.debug('job started');
    try {
      const result = await runWithTrace({ ...trace, workspaceIds }, () => runJob(job, token));
      finished('completed');
      return result;
    } catch (error) {
      // DelayedError: the job moved itself to wait (a platform's Retry-After), no attempt spent.
      finished(error instanceof RateLimitError || error instanceof DelayedError ? 'rate_limited' : 'failed', error as Error);
      throw error;
    }
  };
  const runJob = async (job: Job, token: string | undefined) => {
    const definition = jobDefinitions[job.name as JobName];
    if (!definition) throw new UnrecoverableError(`Unknown job name ${job.name}`);
    const parsed = definition.payload.safeParse(job.data);
    // A malformed payload will be malformed on every retry.
    if (!parsed.success) throw new UnrecoverableError(`Invalid payload for ${job.name}: ${parsed.error.message}`);
    try {
      return await handlers[job.name as RunnerJobName](parsed.data as never, job, token);
    } catch (error) {
      // The provider asked us to wait: pause this queue for that long and retry the job then,
      // without spending one of its attempts.
      if (error instanceof RateLimitedError && error.retryAfterMs !== undefined) {
        await worker.rateLimit(error.retryAfterMs);
        throw Worker.RateLimitError();
      }
      if (error instanceof ClassifierError && !error.retryable) throw new UnrecoverableError(error.message);
      throw error;
    }
  };
  const shared = {
    concurrency: options.concurrency ?? 4,
    ...(queue === 'classification' && options.classificationLimiter ? { limiter: options.classificationLimiter } : {}),
    // A worker that dies mid-job leaves it stalled; another worker picks it up once its lock expires.
    // A job whose worker dies again is failed: one that exhausts memory would otherwise kill every
    // worker that takes it, and with them every queue.
    lockDuration: options.lockDurationMs ?? 30_000,
    stalledInterval: options.stalledIntervalMs ?? 15_000,
    maxStalledCount: options.maxStalledCount ?? defaultMaxStalledCount,
  };
  // The handler above reaches the worker only once it runs, after this assignment.
  const worker: Worker = options.connection.kind === 'redis'
    ? new Worker(queue, process, { ...shared, ...backendOptions(options.connection) })
    : (new Worker(queue, process, { ...shared, ...backendOptions(options.connection) }, createPostgresBackend) as unknown as Worker);
  return worker;
}
