// The API process in production (pnpm --filter @persona-ops/api serve): an external PostgreSQL from DATABASE_URL; migrations run before listening.
import { stopGracefullyOnSignal } from '@persona-ops/domain/runtime';
import { migrate, openOrm } from '@persona-ops/domain/store';
import { closeQueues, openQueues, type QueueConnection } from '@persona-ops/jobs/contracts';
import { connectorSettingsOf } from '@persona-ops/domain/connectors';
import { buildApp, hardeningOf, mediaOf } from './build-app.ts';
import { loadConfig } from './config.ts';
import { startReportWorker } from './reports/report-worker.ts';

const config = loadConfig();
const hardening = hardeningOf(config);
if (!config.DATABASE_URL) {
  console.error('DATABASE_URL is not set. Set it, or run `pnpm start` at the repository root for the embedded quick start.');
  process.exit(1);
}
const orm = await openOrm(config.DATABASE_URL, { preparedStatements: config.DATABASE_PREPARED_STATEMENTS });
await migrate(orm);
// The operator's queue board, on the queues the `pnpm jobs` workers use; only with OPERATOR_PASSWORD.
const queueConnection: QueueConnection = config.REDIS_URL ? { kind: 'redis', url: config.REDIS_URL } : { kind: 'postgres', url: config.DATABASE_URL };
const queues = openQueues(queueConnection);
const server = await buildApp(orm, { ...hardening.serverOptions, logger: { level: config.LOG_LEVEL } }, { rateLimits: hardening.rateLimits, media: mediaOf(config), queues, operatorPassword: config.OPERATOR_PASSWORD, alertWebhookAllowPrivate: config.ALERT_WEBHOOK_ALLOW_PRIVATE, publicUrl: config.PUBLIC_URL, connectors: connectorSettingsOf(process.env, config.PUBLIC_URL) });
// Scheduled reports render here, with the report API's own code; the job workers send them.
const reportWorker = await startReportWorker({ orm, connection: queueConnection, queues, log: (message) => server.log.warn(message) });
await server.listen({ host: config.HOST, port: config.PORT });
if (config.OPERATOR_PASSWORD) server.log.info('Queue board at /admin/queues: HTTP Basic, any user name, the operator password (OPERATOR_PASSWORD).');
else server.log.warn('Queue board off (/admin/queues answers 404): set OPERATOR_PASSWORD (16+ characters) to open it for the operator.');

stopGracefullyOnSignal({
  graceMs: config.SHUTDOWN_GRACE_MS,
  log: (message) => server.log.warn(message),
  // close() refuses new connections and answers 503 on kept-alive ones, while requests in flight finish.
  stop: async () => {
    await server.close();
    await reportWorker.close();
    await closeQueues(queues);
    await orm.close();
  },
});
