// `pnpm jobs`: a job-worker process. Run as many as you like; they share the queues and the outbox.
import { stopGracefullyOnSignal } from '@persona-ops/domain/runtime';
import { migrate, openOrm } from '@persona-ops/domain/store';
import { describeConnection, type QueueConnection } from './contracts.ts';
import { loadJobsConfig } from './config.ts';
import { selectClassifier } from './classifiers/select-classifier.ts';
import { startJobRunner } from './runner.ts';

const config = loadJobsConfig();
const orm = await openOrm(config.DATABASE_URL);
await migrate(orm);
const namespace = config.QUEUE_NAMESPACE ? { namespace: config.QUEUE_NAMESPACE } : {};
const connection: QueueConnection = config.REDIS_URL ? { kind: 'redis', url: config.REDIS_URL, ...namespace } : { kind: 'postgres', url: config.DATABASE_URL, ...namespace };
const selected = selectClassifier(config);
const log = (message: string) => console.log(`[jobs ${process.pid}] ${message}`);
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
  ...(selected.limiter ? { classificationLimiter: selected.limiter } : {}),
  log,
});
log(`workers up on ${describeConnection(connection)}; classifier ${selected.description}`);

stopGracefullyOnSignal({
  graceMs: config.SHUTDOWN_GRACE_MS,
  log,
  stop: async () => {
    await runner.close();
    await orm.close();
  },
});
