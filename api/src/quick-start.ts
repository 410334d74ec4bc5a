// The quick start: everything on embedded defaults. With no DATABASE_URL it runs a real embedded
// PostgreSQL under DATA_DIR, migrates it, loads the demo brand on the first run, serves the API,
// and runs the job workers (on Redis with REDIS_URL, else on BullMQ's PostgreSQL backend) and the
// dashboard as child processes.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stopGracefullyOnSignal } from '@persona-ops/domain/runtime';
import { Workspace, migrate, openOrm } from '@persona-ops/domain/store';
import { closeQueues, openQueues, type QueueConnection } from '@persona-ops/jobs/contracts';
import { connectorSettingsOf } from '@persona-ops/domain/connectors';
import { buildApp, hardeningOf, mediaOf } from './build-app.ts';
import { superviseChild, type SupervisedChild } from './child-process.ts';
import { loadConfig } from './config.ts';
import { startReportWorker } from './reports/report-worker.ts';
import { describeDatabase, openDatabase } from './database.ts';
import { seedDemoBrand } from './seed/demo-brand.seed.ts';
import { webBuildIsStale } from './web-build.ts';
import { runToEnd } from './run-to-end.ts';

const repository = path.resolve(import.meta.dirname, '../..');
const config = loadConfig();
const hardening = hardeningOf(config);
const started = Date.now();
const database = await openDatabase(config);
const orm = await openOrm(database.url);
await migrate(orm);

// The demo admin key is kept beside the embedded data so every start can print it;
// keys are stored hashed, so this file is the only copy.
const keyFile = path.join(config.DATA_DIR, 'demo-admin-key');
let demoKey: string | null = await readFile(keyFile, 'utf8').then((text) => text.trim(), () => null);
if ((await orm.em.fork().count(Workspace, {})) === 0) {
  const seeded = await seedDemoBrand(orm.em.fork(), new Date());
  demoKey = seeded.key;
  await mkdir(config.DATA_DIR, { recursive: true });
  await writeFile(keyFile, `${demoKey}\n`, { mode: 0o600 });
}

// The queue board is the operator's (every workspace's jobs), with a password of its own: OPERATOR_PASSWORD,
// else one generated on the first start and kept beside the demo key.
const operatorPasswordFile = path.join(config.DATA_DIR, 'operator-password');
let operatorPassword = config.OPERATOR_PASSWORD;
let operatorPasswordLine = '  Operator password  the OPERATOR_PASSWORD you set';
if (!operatorPassword) {
  operatorPassword = await readFile(operatorPasswordFile, 'utf8').then((text) => text.trim(), () => undefined);
  if (!operatorPassword) {
    operatorPassword = randomBytes(24).toString('base64url');
    await mkdir(config.DATA_DIR, { recursive: true });
    await writeFile(operatorPasswordFile, `${operatorPassword}\n`, { mode: 0o600 });
  }
  operatorPasswordLine = `  Operator password  ${operatorPassword} (kept in ${operatorPasswordFile}; set OPERATOR_PASSWORD to choose your own)`;
}

// The API's side of the queues: the operator's queue board. The workers are the `jobs` child below.
const queueConnection: QueueConnection = config.REDIS_URL ? { kind: 'redis', url: config.REDIS_URL } : { kind: 'postgres', url: database.url };
const queues = openQueues(queueConnection);
// The dashboard's public origin (share links point there): PUBLIC_URL, else where this start serves it.
const publicUrl = config.PUBLIC_URL ?? (config.WEB_PORT !== 0 ? `http://${config.HOST}:${config.WEB_PORT}` : undefined);
const server = await buildApp(orm, { ...hardening.serverOptions, logger: { level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL } }, { rateLimits: hardening.rateLimits, media: mediaOf(config), queues, operatorPassword, alertWebhookAllowPrivate: config.ALERT_WEBHOOK_ALLOW_PRIVATE, publicUrl, connectors: connectorSettingsOf(process.env, publicUrl) });
// Scheduled reports render here, with the report API's own code; the `jobs` child sends them.
const reportWorker = await startReportWorker({ orm, connection: queueConnection, queues, log: (message) => console.warn(message) });
const address = await server.listen({ host: config.HOST, port: config.PORT });

const children: SupervisedChild[] = [];
const childEnv = { ...process.env, DATABASE_URL: database.url };
const supervision = { stopGraceMs: config.SHUTDOWN_GRACE_MS };
children.push(
  superviseChild('jobs', ['jobs/src/worker.ts'], {
    ...supervision,
    cwd: repository,
    env: childEnv,
    consequence: 'Until the workers run again, comments wait in the outbox and imports wait in their queue.',
  }),
);

let dashboard = 'disabled (WEB_PORT=0)';
if (config.WEB_PORT !== 0) {
  const web = path.join(repository, 'web');
  if (webBuildIsStale(web)) {
    console.log('Building the dashboard (first start only, about 20 s)…');
    const build = await runToEnd(process.execPath, [path.join(web, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: web });
    if (build.code !== 0) console.error(`The dashboard did not build; the API still runs.\n${build.output}`);
  }
  const origin = `http://${config.HOST}:${config.WEB_PORT}`;
  children.push(
    superviseChild('web', ['serve.ts'], {
      ...supervision,
      cwd: web,
      env: { ...childEnv, API_URL: address, HOST: config.HOST, PORT: String(config.WEB_PORT), ORIGIN: publicUrl ?? origin },
      consequence: 'The dashboard is down meanwhile; the API still answers.',
    }),
  );
  dashboard = origin;
}

console.log([
  '',
  `Persona Ops is running (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  `  Dashboard  ${dashboard}`,
  `  API        ${address}/v1`,
  `  API docs   ${address}/docs`,
  `  OpenAPI    ${address}/openapi.json`,
  `  Queues     ${address}/admin/queues (operator only: any user name, the operator password)`,
  operatorPasswordLine,
  `  Database   ${describeDatabase(database)}`,
  `  Jobs       ${config.REDIS_URL ? 'BullMQ on Redis (REDIS_URL)' : 'BullMQ on the PostgreSQL backend (no REDIS_URL)'}`,
  demoKey ? `  Demo admin API key  ${demoKey}` : '  No demo brand: this database already had a workspace.',
  demoKey ? `  Try: curl -H "Authorization: Bearer ${demoKey}" ${address}/v1/reports/production` : '',
  '',
].join('\n'));

stopGracefullyOnSignal({
  // The children get the same grace first; the database stops last.
  graceMs: config.SHUTDOWN_GRACE_MS + 10_000,
  log: (message) => console.log(message),
  stop: async () => {
    await Promise.all(children.map((child) => child.stop()));
    await server.close();
    await reportWorker.close();
    await closeQueues(queues);
    await orm.close();
    await database.stop();
  },
});
