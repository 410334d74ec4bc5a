// List reads (issue 10, "Speed"): the CPU one page of 20 costs the API process, read as hydrated
// entities through em.findByCursor (the lists before stop 18) and as rows through the read model's
// keyset reads (domain/src/store/read-model/*-list.reads.ts), each mapped to its DTO's fields.
// On the quick start's demo brand plus 40 campaigns, so every page is full, in a fresh database.
//
//   node test/bench/list-reads.bench.ts [--calls 2000] [--rounds 2]
import { parseArgs } from 'node:util';
import type { EntityManager } from '@mikro-orm/postgresql';
import { seedDemoBrand } from '@persona-ops/api/seed';
import { Asset, Campaign, Comment, CommentClassification, Post, assetListPage, campaignListPage, commentListPage, postListPage } from '@persona-ops/domain/store';
import { benchDatabase } from './bench-database.ts';

const { values } = parseArgs({ options: { calls: { type: 'string', default: '2000' }, rounds: { type: 'string', default: '2' } } });
const calls = Number(values.calls);
const database = await benchDatabase('lists');
const { workspace } = await seedDemoBrand(database.orm.em.fork(), new Date());
const ws = workspace.id;
const em0 = database.orm.em.fork();
for (let n = 0; n < 40; n++) {
  em0.create(Campaign, { workspace: ws, name: `Campaign ${n}`, goal: 'engagement', startsOn: `2026-0${1 + (n % 9)}-01`, endsOn: '2026-12-31', currency: 'USD', targetAction: 'entry' });
}
await em0.flush();
await em0.getConnection().execute('analyze');

const page = { limit: 20, order: 'desc' as const };
const orm = (entity: typeof Campaign | typeof Asset | typeof Post | typeof Comment, sort: string) => async (em: EntityManager) => {
  const result = await em.findByCursor(entity as typeof Campaign, { where: { workspace: ws }, first: 20, orderBy: { [sort]: 'desc', id: 'desc' }, includeCount: false });
  return result.items.map((item) => [item.id, item.createdAt.toISOString()]);
};
const reads: Array<[string, (em: EntityManager) => Promise<unknown>]> = [
  ['campaigns, findByCursor', orm(Campaign, 'startsOn')],
  ['campaigns, rows', async (em) => (await campaignListPage(em, ws, {}, { ...page, sort: 'startsOn' })).rows.map((row) => [row.id, row.createdAt.toISOString()])],
  ['assets, findByCursor', orm(Asset, 'createdAt')],
  ['assets, rows', async (em) => (await assetListPage(em, ws, {}, { ...page, sort: 'createdAt' })).rows.map((row) => [row.id, row.createdAt.toISOString()])],
  ['posts, findByCursor', orm(Post, 'publishedAt')],
  ['posts, rows', async (em) => (await postListPage(em, ws, {}, { ...page, sort: 'publishedAt' })).rows.map((row) => [row.id, row.createdAt.toISOString()])],
  ['comments, findByCursor + classifications', async (em) => {
    const result = await em.findByCursor(Comment, { where: { workspace: ws }, first: 20, orderBy: { postedAt: 'desc', id: 'desc' }, includeCount: false });
    const latest = await em.find(CommentClassification, { comment: { $in: result.items.map((c) => c.id) }, current: true });
    return latest.length;
  }],
  ['comments, rows', async (em) => (await commentListPage(em, ws, {}, { ...page, sort: 'postedAt' })).rows.length],
];

console.log(`${calls} calls each, after ${calls / 10} of warm-up, a fresh fork per call (as per request); CPU of this process per call:`);
console.log('| read | CPU µs/call | wall µs/call |\n|---|---|---|');
for (let round = 0; round < Number(values.rounds); round++) {
  for (const [name, read] of reads) {
    for (let i = 0; i < calls / 10; i++) await read(database.orm.em.fork());
    const cpu = process.cpuUsage();
    const start = performance.now();
    for (let i = 0; i < calls; i++) await read(database.orm.em.fork());
    const used = process.cpuUsage(cpu);
    console.log(`| ${name} | ${Math.round((used.user + used.system) / calls)} | ${Math.round(((performance.now() - start) * 1000) / calls)} |`);
  }
}
await database.drop();
