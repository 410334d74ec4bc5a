import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../support/api-harness.ts';
import { createFuzzWorld, type FuzzWorld } from './fuzz/fuzz-world.ts';
import { requestsFor, type FuzzRequest } from './fuzz/fuzz-requests.ts';
import { readOperations } from './fuzz/openapi-operations.ts';
import { violations } from './fuzz/response-checks.ts';

// A property-based fuzzer over EVERY operation of api/openapi.json: requests derived from each
// operation's parameters and body schema, well-formed ones at the schemas' edges and ones with one
// hostile part (wrong types, NUL and lone surrogates, numbers past 2^31 and 2^53, forged cursors,
// unknown fields, bad dates, ids of the other workspace, wrong media types and credentials), sent
// in-process. Whatever is sent: never a 5xx, every 4xx a problem+json, nothing of the other
// workspace. The seed is fixed so CI runs are reproducible; FUZZ_SEED and FUZZ_RUNS (requests per
// operation) change it, FUZZ_PATH replays the counterexample a failure names.

const seed = Number(process.env['FUZZ_SEED'] ?? 20_261_203);
const runsPerOperation = Number(process.env['FUZZ_RUNS'] ?? 36);
const replayPath = process.env['FUZZ_PATH'];

const operations = readOperations();
let world: FuzzWorld;
let foreignBefore: string;
const tally = new Map<string, Record<string, number>>();
const elapsed = new Map<string, number>();

beforeAll(async () => {
  world = await createFuzzWorld();
  foreignBefore = JSON.stringify(await recordsOf(world.foreignAdmin, world));
});

afterAll(async () => {
  const requests = [...tally.values()].reduce((sum, statuses) => sum + Object.values(statuses).reduce((a, b) => a + b, 0), 0);
  const byClass = [...tally.values()].reduce<Record<string, number>>((sum, statuses) => {
    for (const [status, count] of Object.entries(statuses)) sum[`${status[0]}xx`] = (sum[`${status[0]}xx`] ?? 0) + count;
    return sum;
  }, {});
  const slowest = [...elapsed].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([key, ms]) => `${key} ${Math.round(ms)} ms`);
  // FUZZ_VERBOSE=1: the answers each operation gave, to see how far the requests get.
  if (process.env['FUZZ_VERBOSE']) for (const [key, statuses] of tally) console.log(`fuzz: ${key} ${JSON.stringify(statuses)}`);
  console.log(`fuzz: seed ${seed}, ${tally.size} operations, ${requests} requests (${JSON.stringify(byClass)}); slowest: ${slowest.join(', ')}`);
  await world?.harness.close();
});

async function send(request: FuzzRequest) {
  const response = await world.harness.app.inject({ method: request.method, url: request.url, headers: request.headers, ...(request.payload === undefined ? {} : { payload: request.payload }) });
  return { status: response.statusCode, headers: response.headers, body: response.body };
}

function describeRequest(request: FuzzRequest): string {
  const payload = request.payload === undefined ? '' : `\n  body: ${String(request.payload).slice(0, 600)}`;
  return `${request.method} ${request.url.slice(0, 600)} (${request.aspect}, as ${request.caller}, ${request.headers['content-type'] ?? 'no content type'})${payload}`;
}

describe('fuzzing every operation of the OpenAPI document', () => {
  it('has every operation the API serves in api/openapi.json', async () => {
    const served = (await world.harness.app.inject({ method: 'GET', url: '/openapi.json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
    const keys = Object.entries(served.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method} ${path}`));
    expect(operations.map((operation) => operation.key).toSorted()).toEqual(keys.toSorted());
  });

  it.each(operations.map((operation) => [operation.key, operation] as const))('%s: no 5xx, every 4xx a problem, nothing of another workspace', async (key, operation) => {
    const statuses: Record<string, number> = {};
    tally.set(key, statuses);
    const property = fc.asyncProperty(requestsFor(world, operation), async (request) => {
      const answer = await send(request);
      statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
      const found = violations(request, answer, world.foreignMarkers);
      if (found.length) throw new Error(`${found.join('; ')}\n  ${describeRequest(request)}\n  answer: ${answer.body.slice(0, 600)}`);
    });
    const started = performance.now();
    try {
      await fc.assert(property, { seed, numRuns: runsPerOperation, ...(replayPath ? { path: replayPath } : {}) });
    } catch (error) {
      // fast-check's message names the seed and the counterexample's path; this says how to replay it.
      if (error instanceof Error) error.message = `Replay: FUZZ_SEED=${seed} FUZZ_PATH=<path below> pnpm vitest run test/api/fuzz.test.ts -t '${key}'\n${error.message}`;
      throw error;
    } finally {
      elapsed.set(key, performance.now() - started);
    }
  }, 120_000);

  // A fuzzer whose requests all fail validation would pass without reaching a service: most
  // operations must have succeeded at least once (a few need a state the fuzzer seldom builds).
  it('got past validation to the services of most operations', () => {
    const succeeded = [...tally].filter(([, statuses]) => Object.keys(statuses).some((status) => status.startsWith('2')));
    expect(succeeded.length).toBeGreaterThanOrEqual(Math.floor(operations.length * 0.75));
  });

  it("leaves the other workspace's records as they were", async () => {
    expect(JSON.stringify(await recordsOf(world.foreignAdmin, world))).toBe(foreignBefore);
  });
});

async function recordsOf(client: Client, w: FuzzWorld) {
  const lists = ['/v1/workspace', '/v1/users', '/v1/api-keys', '/v1/sources', '/v1/campaigns', '/v1/briefs', '/v1/assets', '/v1/posts', '/v1/comments', '/v1/imports', '/v1/imports/unlinked', '/v1/import-mappings', '/v1/tracking-links', '/v1/offer-codes', '/v1/paid-tests', '/v1/cost-lines', '/v1/fx-rates', '/v1/share-links', `/v1/metric-snapshots?postId=${w.foreign.post[0]}`, `/v1/follower-snapshots?sourceId=${w.foreign.source[0]}`];
  // A key's lastUsedAt moves with B's own reads (these ones).
  const unused = (body: unknown) => JSON.parse(JSON.stringify(body), (name, value: unknown) => (name === 'lastUsedAt' ? undefined : value)) as unknown;
  return Promise.all(lists.map(async (url) => [url, unused((await client.get(url)).body)]));
}
