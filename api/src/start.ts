// The quick start: everything on embedded defaults. With no DATABASE_URL it runs a real embedded
// PostgreSQL under DATA_DIR, migrates it, loads the demo brand on the first run and serves the API.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Workspace, migrate, openOrm } from '@persona-ops/domain/store';
import { buildApp } from './build-app.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './database.ts';
import { seedDemoBrand } from './seed/demo-brand.seed.ts';

const config = loadConfig();
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

const server = await buildApp(orm, { logger: { level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL } });
const address = await server.listen({ host: config.HOST, port: config.PORT });

const lines = [
  '',
  `Persona Ops is running (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  `  API        ${address}/v1`,
  `  API docs   ${address}/docs`,
  `  OpenAPI    ${address}/openapi.json`,
  `  Database   ${database.embedded ? `embedded PostgreSQL, data in ${path.resolve(config.DATA_DIR, 'postgres')}` : 'DATABASE_URL'}`,
  demoKey ? `  Demo admin API key  ${demoKey}` : '  No demo brand: this database already had a workspace.',
  demoKey ? `  Try: curl -H "Authorization: Bearer ${demoKey}" ${address}/v1/reports/production` : '',
  '',
];
console.log(lines.join('\n'));

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    await orm.close();
    await database.stop();
    process.exit(0);
  });
}
