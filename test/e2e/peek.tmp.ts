import { createDatabase, dropDatabase, migrate, openOrm, withDatabase } from '@persona-ops/domain/store';
import { seedDemoBrand } from '@persona-ops/api/seed';
import { buildApp } from '@persona-ops/api/build-app';
const server = 'postgres://postgres@127.0.0.1:5432/postgres';
const name = 'persona_ops_peek';
await dropDatabase(server, name);
await createDatabase(server, name);
const orm = await openOrm(withDatabase(server, name));
await migrate(orm);
const { key } = await seedDemoBrand(orm.em.fork(), new Date());
const app = await buildApp(orm);
const h = { authorization: `Bearer ${key}` };
for (const url of ['/v1/workspace', '/v1/reports/production', '/v1/assets?state=in_review&sort=createdAt&order=asc', '/v1/campaigns', '/v1/sources', '/v1/assets?limit=2']) {
  const r = await app.inject({ url, headers: h });
  console.log('==', url, r.statusCode); console.log(JSON.stringify(JSON.parse(r.body), null, 1).slice(0, 5000));
}
const list = JSON.parse((await app.inject({ url: '/v1/assets?state=in_review', headers: h })).body);
const id = list.items[0].id;
console.log(JSON.stringify(JSON.parse((await app.inject({ url: `/v1/assets/${id}`, headers: h })).body), null, 1));
const r = await app.inject({ method: 'POST', url: `/v1/assets/${id}/reviews`, headers: h, payload: { decision: 'request_changes', reason: '' } });
console.log(r.statusCode, r.body);
const r2 = await app.inject({ method: 'POST', url: `/v1/assets/${id}/reviews`, headers: h, payload: { decision: 'request_changes' } });
console.log(r2.statusCode, r2.body);
const r3 = await app.inject({ url: '/v1/workspace', headers: { authorization: 'Bearer nope' } });
console.log(r3.statusCode, r3.body);
await app.close(); await orm.close(); await dropDatabase(server, name);
