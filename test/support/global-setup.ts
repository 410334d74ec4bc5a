import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '@persona-ops/domain/embedded-postgres';
import { createDatabase, dropDatabase, migrate, openOrm, withDatabase } from '@persona-ops/domain/store';
import { defaultServerUrl, findChromium, isReachable, redisAnswers } from './services.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseServerUrl: string;
    templateDatabase: string;
    redisUrl: string | null;
    chromiumPath: string | null;
  }
}

const inCi = process.env.CI === 'true' || process.env.CI === '1';

// Finds the PostgreSQL the tests use (DATABASE_URL, else the local server, else an embedded one
// on a laptop), migrates a template database once, and tells each test file where it is:
// every file then clones its own database from the template, so files run in parallel.
export default async function setup(project: TestProject) {
  const chromium = findChromium();
  if ('missing' in chromium && inCi) throw new Error(`The browser tests need Chromium and CI must run them: ${chromium.missing}.`);
  if ('missing' in chromium) console.log(`The browser tests are skipped on this machine: ${chromium.missing}.`);

  let embedded: EmbeddedDatabase | undefined;
  let embeddedDir: string | undefined;
  let serverUrl = process.env.DATABASE_URL ?? defaultServerUrl;
  if (!(await isReachable(serverUrl))) {
    if (inCi) throw new Error(`PostgreSQL is not reachable at ${serverUrl}; CI needs it (start it, or set DATABASE_URL).`);
    embeddedDir = await mkdtemp(path.join(os.tmpdir(), 'persona-ops-test-pg-'));
    // As root, the server runs as the postgres user, which must be able to enter the folder.
    await chmod(embeddedDir, 0o755);
    embedded = await startEmbeddedPostgres({ dataDir: path.join(embeddedDir, 'data'), port: 54330 + Math.floor(Math.random() * 500), database: 'postgres' });
    serverUrl = embedded.url;
    console.log(`No PostgreSQL reachable: tests use an embedded one at ${serverUrl}`);
  }

  const template = `persona_ops_template_${process.pid}`;
  await dropDatabase(serverUrl, template);
  await createDatabase(serverUrl, template);
  const orm = await openOrm(withDatabase(serverUrl, template));
  await migrate(orm);
  await orm.close();

  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redisUp = await redisAnswers(redisUrl);
  if (!redisUp && inCi) throw new Error(`Redis is not reachable at ${redisUrl}; CI needs it (start it, or set REDIS_URL).`);
  if (!redisUp) console.log(`Redis is not reachable at ${redisUrl}: the Redis tests are skipped on this machine.`);

  project.provide('databaseServerUrl', serverUrl);
  project.provide('templateDatabase', template);
  project.provide('redisUrl', redisUp ? redisUrl : null);
  project.provide('chromiumPath', 'path' in chromium ? chromium.path : null);

  return async () => {
    await dropDatabase(serverUrl, template);
    await embedded?.stop();
    if (embeddedDir) await rm(embeddedDir, { recursive: true, force: true });
  };
}
