// Every report's JSON on the demo brand, for comparing the figures before and after a change of
// how reports are read (issue 9): seeds the demo brand into a fresh database at a frozen clock,
// asks every report endpoint (live and rollup where a report has both, with each filter the read
// side knows: campaign, source, source kind, whole-day and cut-day periods) and writes one JSON
// document. Ids are random per seeding, so each is replaced by the order in which it first appears:
// two runs of the same code give the same bytes, and a reordered list shows up as a difference.
//
//   node test/support/report-snapshot.ts /tmp/reports-before.json
//   node test/support/report-snapshot.ts /tmp/reports-after.json && diff /tmp/reports-before.json /tmp/reports-after.json
//
// Needs PostgreSQL (DATABASE_URL or 127.0.0.1:5432).
import crypto from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';

// The clock stands still, so figures that depend on "now" (ages, default windows) are the same on
// every run; set before anything that reads the time is loaded.
const FROZEN = Date.parse('2026-12-03T12:00:00Z');
const RealDate = Date;
class FrozenDate extends RealDate {
  constructor(...args: ConstructorParameters<DateConstructor> | []) {
    if (args.length === 0) super(FROZEN);
    else super(...args);
  }
  static override now() {
    return FROZEN;
  }
}
globalThis.Date = FrozenDate as DateConstructor;
// Ids in creation order: the demo orders posts published at the same time by id.
let created = 0;
crypto.randomUUID = () => `00000000-0000-4000-8000-${(++created).toString(16).padStart(12, '0')}`;
syncBuiltinESMExports();

const { createDatabase, dropDatabase, isReachable, migrate, openOrm, withDatabase } = await import('@persona-ops/domain/store');
const { buildApp } = await import('@persona-ops/api/build-app');
const { seedDemoBrand } = await import('@persona-ops/api/seed');

const output = process.argv[2];
if (!output) throw new Error('usage: node test/support/report-snapshot.ts <output.json>');
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
if (!(await isReachable(serverUrl))) throw new Error(`PostgreSQL is not reachable at ${serverUrl}; set DATABASE_URL.`);
const name = `persona_ops_report_snapshot_${RealDate.now()}`;
await createDatabase(serverUrl, name);
const orm = await openOrm(withDatabase(serverUrl, name));
try {
  await migrate(orm);
  const demo = await seedDemoBrand(orm.em.fork(), new Date());
  const app = await buildApp(orm, {}, {});
  const get = async (url: string) => {
    const response = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${demo.key}` } });
    return { status: response.statusCode, body: JSON.parse(response.body) as unknown };
  };
  const list = async (url: string) => ((await get(url)).body as { items: Array<{ id: string; kind?: string }> }).items;
  const campaigns = await list('/v1/campaigns?limit=100');
  const sources = await list('/v1/sources?limit=100');
  const kinds = [...new Set(sources.map((s) => s.kind!))].sort();

  // Whole UTC days (the rollups can answer) and one period that cuts a day (computed live).
  const day = (offset: number, hours = 0) => new RealDate(FROZEN - (FROZEN % 86_400_000) + offset * 86_400_000 + hours * 3_600_000).toISOString();
  const periods = ['', `from=${day(-60)}&to=${day(-10)}`, `to=${day(-30)}`, `from=${day(-45)}`, `from=${day(-60, 6)}&to=${day(-10)}`];
  const filters = [
    '',
    ...campaigns.map((c) => `campaignId=${c.id}`),
    ...sources.map((s) => `sourceId=${s.id}`),
    ...kinds.map((k) => `sourceKind=${k}`),
    ...periods.filter(Boolean),
    `campaignId=${campaigns[0]!.id}&${periods[1]}`,
    `sourceKind=ai_character&${periods[1]}`,
  ];
  const urls: string[] = [];
  const join = (path: string, query: string) => (query ? `${path}?${query}` : path);
  for (const query of filters) {
    for (const path of ['/v1/reports/production', '/v1/reports/brand-safety', '/v1/reports/audience', '/v1/reports/commercial']) urls.push(join(path, query));
  }
  for (const query of ['', ...campaigns.map((c) => `campaignId=${c.id}`), ...periods.filter(Boolean)]) {
    urls.push(join('/v1/reports/overview', query), join('/v1/reports/overview', query ? `${query}&live=true` : 'live=true'));
  }
  for (const query of ['', 'windowDays=30', 'windowDays=14&goal=engagement', 'windowDays=60&goal=sales', 'goal=awareness', ...campaigns.map((c) => `campaignId=${c.id}`), ...kinds.map((k) => `sourceKind=${k}`)]) {
    urls.push(join('/v1/reports/comparison', query), join('/v1/reports/comparison', query ? `${query}&live=true` : 'live=true'));
  }
  for (const campaign of campaigns) {
    for (const query of ['', ...sources.map((s) => `sourceId=${s.id}`), ...kinds.map((k) => `sourceKind=${k}`)]) urls.push(join(`/v1/reports/campaign/${campaign.id}`, query));
  }
  for (const goal of ['awareness', 'traffic', 'engagement', 'lead_generation', 'sales']) urls.push(`/v1/reports/executive-answer?goal=${goal}`);
  for (const campaign of campaigns) urls.push(`/v1/reports/executive-answer?goal=sales&campaignId=${campaign.id}`);

  const reports: Record<string, unknown> = {};
  for (const url of urls) reports[url] = await get(url);
  await app.close();

  // Ids by first appearance (the URLs first, then the answers in order).
  let text = JSON.stringify(reports, null, 1);
  const ids = new Map<string, string>();
  text = text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => {
    if (!ids.has(id)) ids.set(id, `<id ${ids.size + 1}>`);
    return ids.get(id)!;
  });
  await writeFile(output, `${text}\n`);
  console.log(`${urls.length} reports written to ${output}`);
} finally {
  await orm.close();
  await dropDatabase(serverUrl, name);
}
