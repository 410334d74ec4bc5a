// The ceiling for `GET /v1/campaigns?limit=20` in load.bench.ts: a bare Fastify route with a plain
// `pg` Pool running the SELECT the API's list runs (MikroORM's findByCursor: one row more than the
// page to know whether there is a next one), with no authentication, schemas, ORM or rate limit.
// Its own process, as the API is, so neither shares an event loop with the load generator.
//
//   DATABASE_URL=… WORKSPACE_ID=… PORT=… node test/bench/bare-campaigns.server.ts
import Fastify from 'fastify';
import pg from 'pg';

const workspaceId = process.env.WORKSPACE_ID;
if (!process.env.DATABASE_URL || !workspaceId) throw new Error('DATABASE_URL and WORKSPACE_ID are required');
// The ORM's pool size (domain/src/store/orm.config.ts), so both sides have as many connections.
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const select = 'select "c0".* from "campaign" as "c0" where "c0"."workspace_id" = $1 order by "c0"."starts_on" desc, "c0"."id" desc limit $2';

const server = Fastify({ logger: false });
server.get<{ Querystring: { limit?: string } }>('/v1/campaigns', async (request) => {
  const limit = Number(request.query.limit ?? 50);
  const { rows } = await pool.query(select, [workspaceId, limit + 1]);
  return { items: rows.slice(0, limit), nextCursor: null };
});
const address = await server.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
console.log(`bare campaigns route at ${address}`);

process.once('SIGTERM', () => {
  void server.close().then(() => pool.end()).then(() => process.exit(0));
});
