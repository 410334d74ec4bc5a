// `pnpm jobs`: a job-worker process. Run as many as you like; they share the queues and the outbox.
import { stopGracefullyOnSignal } from '@persona-ops/domain/runtime';
import { migrate, openOrm } from '@persona-ops/domain/store';
import { describeConnection, type QueueConnection } from './contracts.ts';
import { loadJobsConfig } from './config.ts';
import { selectClassifier } from './classifiers/select-classifier.ts';
import { createJobMetrics } from './observability/job-metrics.ts';
import { createWorkerLogger } from './observability/logger.ts';
import { listenForMetrics } from './observability/metrics-listener.ts';
import { startJobRunner } from './runner.ts';
import { connectorSettingsOf } from '@persona-ops/domain/connectors';
import { smtpMailer } from './deliveries/smtp-mailer.ts';

const config = loadJobsConfig();
const logger = createWorkerLogger(config.LOG_LEVEL);
const orm = await openOrm(config.DATABASE_URL, { preparedStatements: config.DATABASE_PREPARED_STATEMENTS });
await migrate(orm);
const namespace = config.QUEUE_NAMESPACE ? { namespace: config.QUEUE_NAMESPACE } : {};
const connection: QueueConnection = config.REDIS_URL ? { kind: 'redis', url: config.REDIS_URL, ...namespace } : { kind: 'postgres', url: config.DATABASE_URL, ...namespace };
const selected = selectClassifier(config);
const metrics = createJobMetrics({ processMetrics: true });
const mailer = config.SMTP_URL ? smtpMailer({ url: config.SMTP_URL, from: config.SMTP_FROM }) : null;
const runner = await startJobRunner({
  orm,
  connection,
  classifier: selected.classifier,
  classifierVersions: selected.versions,
  concurrency: config.WORKER_CONCURRENCY,
  lockDurationMs: config.JOB_LOCK_DURATION_MS,
  stalledIntervalMs: config.JOB_STALLED_INTERVAL_MS,
  maxStalledCount: config.JOB_MAX_STALLED_COUNT,
  classifyBatchSize: selected.batchSize,
  alertWebhookAllowPrivate: config.ALERT_WEBHOOK_ALLOW_PRIVATE,
  mailer,
  // The connectors' keys and platform apps (CONNECTOR_*, YOUTUBE_*); a bad value stops start-up.
  connectors: connectorSettingsOf(process.env),
  ...(selected.limiter ? { classificationLimiter: selected.limiter } : {}),
  logger,
  metrics,
});
// The config refuses a metrics port without the operator password.
const metricsListener = config.WORKER_METRICS_PORT !== undefined && config.OPERATOR_PASSWORD
  ? await listenForMetrics({ registry: metrics.registry, host: config.WORKER_METRICS_HOST, port: config.WORKER_METRICS_PORT, operatorPassword: config.OPERATOR_PASSWORD })
  : null;
logger.info({ queues: describeConnection(connection), classifier: selected.description, metrics: metricsListener?.url ?? null }, `workers up on ${describeConnection(connection)}; classifier ${selected.description}`);

stopGracefullyOnSignal({
  graceMs: config.SHUTDOWN_GRACE_MS,
  log: (message) => logger.warn(message),
  stop: async () => {
    await runner.close();
    mailer?.close();
    await metricsListener?.close();
    await orm.close();
  },
});
