import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, inject, vi } from 'vitest';
import { buildApp } from '@persona-ops/api/build-app';
import { seedDemoBrand } from '@persona-ops/api/seed';
import { createDatabase, dropDatabase, openOrm, withDatabase } from '@persona-ops/domain/store';
import { clientFor, type Client } from '../support/api-harness.ts';
import { createTestDatabase } from '../support/test-database.ts';

// The README's backup story, run for real: `pg_dump -Fc` of a seeded database, `pg_restore` into a
// new one, and every report answers the same on both. Skipped only on a laptop without a usable
// pg_dump (it says why); under CI a missing client is a failure.
const run = promisify(execFile);
const inCi = process.env.CI === 'true' || process.env.CI === '1';
const serverUrl = inject('databaseServerUrl');

async function clientMajor(tool: string): Promise<number | null> {
  try {
    const { stdout } = await run(tool, ['--version']);
    return Number(/(\d+)(?:\.\d+)?/.exec(stdout)?.[1] ?? Number.NaN);
  } catch {
    return null;
  }
}

async function serverMajor(): Promise<number> {
  const orm = await openOrm(withDatabase(serverUrl, 'postgres'));
  try {
    const [row] = await orm.em.getConnection().execute<{ server_version_num: string }[]>('show server_version_num');
    return Math.floor(Number(row?.server_version_num) / 10_000);
  } finally {
    await orm.close();
  }
}

// pg_dump refuses a server newer than itself (the embedded PostgreSQL 18 a laptop may fall back to).
const dumpMajor = await clientMajor('pg_dump');
const restoreMajor = await clientMajor('pg_restore');
const server = await serverMajor();
const missing = dumpMajor === null || restoreMajor === null ? 'pg_dump or pg_restore is not installed (on Debian or Ubuntu: sudo apt-get install -y postgresql-client)'
  : dumpMajor < server ? `pg_dump ${dumpMajor} cannot dump PostgreSQL ${server}; install the matching client`
    : null;
if (missing && inCi) throw new Error(`The backup-and-restore test needs pg_dump and pg_restore and CI must run it: ${missing}.`);
if (missing) console.log(`The backup-and-restore test is skipped on this machine: ${missing}.`);

describe.skipIf(missing !== null)('a pg_dump -Fc backup restored with pg_restore', () => {
  let original: Awaited<ReturnType<typeof createTestDatabase>>;
  let restoredName: string;
  let restoredOrm: MikroORM;
  let folder: string;
  const apps: Awaited<ReturnType<typeof buildApp>>[] = [];
  let before: Client;
  let after: Client;

  beforeAll(async () => {
    original = await createTestDatabase();
    const seeded = await seedDemoBrand(original.orm.em.fork(), new Date('2026-11-21T12:00:00Z'));
    folder = await mkdtemp(path.join(os.tmpdir(), 'persona-ops-backup-'));
    const dump = path.join(folder, 'persona_ops.dump');
    await run('pg_dump', ['-Fc', '--file', dump, '--dbname', original.url]);

    restoredName = `persona_ops_restored_${randomBytes(6).toString('hex')}`;
    await createDatabase(serverUrl, restoredName);
    const restoredUrl = withDatabase(serverUrl, restoredName);
    await run('pg_restore', ['--no-owner', '--exit-on-error', '--dbname', restoredUrl, dump]);
    restoredOrm = await openOrm(restoredUrl);

    apps.push(await buildApp(original.orm), await buildApp(restoredOrm));
    // API keys are stored hashed, so the seeded key opens the restored copy too.
    before = clientFor(apps[0]!, seeded.key);
    after = clientFor(apps[1]!, seeded.key);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await restoredOrm?.close();
    if (restoredName) await dropDatabase(serverUrl, restoredName);
    await original?.drop();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  // Ages (the review queue's) and the campaign report's generatedAt count from now: one clock for both.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-22T08:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('answers the production and commercial reports identically', async () => {
    for (const url of ['/v1/reports/production', '/v1/reports/commercial']) {
      const [a, b] = await Promise.all([before.get(url), after.get(url)]);
      expect(a.status, `${url}: ${JSON.stringify(a.body)}`).toBe(200);
      expect(b.status, `${url}: ${JSON.stringify(b.body)}`).toBe(200);
      expect(b.body, url).toEqual(a.body);
    }
  });

  it("answers every campaign's report identically", async () => {
    const campaigns = await before.get('/v1/campaigns?limit=100');
    expect(campaigns.status).toBe(200);
    expect(campaigns.body.items.length).toBeGreaterThanOrEqual(3);
    expect((await after.get('/v1/campaigns?limit=100')).body).toEqual(campaigns.body);
    for (const { id } of campaigns.body.items as { id: string }[]) {
      const url = `/v1/reports/campaign/${id}`;
      const [a, b] = await Promise.all([before.get(url), after.get(url)]);
      expect(a.status, `${url}: ${JSON.stringify(a.body)}`).toBe(200);
      expect(b.status, `${url}: ${JSON.stringify(b.body)}`).toBe(200);
      expect(b.body, url).toEqual(a.body);
    }
  });
});
