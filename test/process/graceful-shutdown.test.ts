import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPipeline } from '../jobs/pipeline-harness.ts';
import { startFakeOpenAi, type FakeOpenAi } from '../support/fake-openai/fake-openai-server.ts';
import { run, startOnFreePort } from '../support/processes.ts';

// SIGTERM (a deployment, Ctrl-C) lets the work in flight finish, then the process exits 0; work
// that outlasts SHUTDOWN_GRACE_MS is abandoned with exit 1 and a line saying so.
const repository = path.resolve(import.meta.dirname, '../..');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let pipeline: Awaited<ReturnType<typeof startPipeline>>;
let openAi: FakeOpenAi;
beforeAll(async () => {
  pipeline = await startPipeline();
  openAi = await startFakeOpenAi();
});
afterAll(async () => {
  await openAi.close();
  await pipeline.harness.close();
});

const exitOf = (child: ReturnType<typeof run>['child']) =>
  new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));

// A POST whose body arrives in two halves: the request is in flight between them.
function postInTwoHalves(port: number, url: string, key: string, body: unknown) {
  const text = Buffer.from(JSON.stringify(body));
  const request = http.request({ host: '127.0.0.1', port, method: 'POST', path: url, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'content-length': text.length } });
  const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
    request.once('error', reject);
    request.once('response', (response) => {
      let received = '';
      response.on('data', (chunk: Buffer) => (received += chunk.toString()));
      response.once('end', () => resolve({ status: response.statusCode ?? 0, body: received }));
    });
  });
  request.write(text.subarray(0, text.length >> 1));
  return { answered, finish: () => request.end(text.subarray(text.length >> 1)) };
}

async function startApi(graceMs: number) {
  const { running: server, port } = await startOnFreePort((port) => run(process.execPath, ['api/src/api-server.ts'], {
    cwd: repository,
    env: { ...process.env, DATABASE_URL: pipeline.harness.databaseUrl, REDIS_URL: '', PORT: String(port), LOG_LEVEL: 'info', SHUTDOWN_GRACE_MS: String(graceMs) },
  }), /Server listening/, 30_000);
  return { server, port };
}

describe('the API server on SIGTERM', () => {
  it('answers the request in flight, refuses new connections, and exits 0', async () => {
    const { server, port } = await startApi(10_000);
    const comments = pipeline.comments(['in flight one', 'in flight two'], 1_000);
    const upload = postInTwoHalves(port, '/v1/comments/bulk', pipeline.harness.admin.key, { comments });
    await sleep(300);
    const signalled = Date.now();
    server.child.kill('SIGTERM');
    await server.waitFor(/SIGTERM: finishing the work in flight/, 5_000);
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
    upload.finish();
    const answer = await upload.answered;
    expect(answer.status, answer.body).toBe(202);
    expect(JSON.parse(answer.body)).toEqual({ accepted: 2, duplicates: 0 });
    expect(await exitOf(server.child), server.output()).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(10_000);
    const [stored] = await pipeline.sql<{ n: number }>(`select count(*)::int as n from comment where platform_comment_id in ('c1000', 'c1001')`);
    expect(stored!.n).toBe(2);
  }, 60_000);

  it('exits 1 and says so when the request in flight outlasts the grace period', async () => {
    const { server, port } = await startApi(1_500);
    const upload = postInTwoHalves(port, '/v1/comments/bulk', pipeline.harness.admin.key, { comments: pipeline.comments(['never finished'], 2_000) });
    upload.answered.catch(() => undefined);
    await sleep(300);
    server.child.kill('SIGTERM');
    expect(await exitOf(server.child), server.output()).toBe(1);
    expect(server.output()).toMatch(/did not finish within 1500 ms/);
  }, 60_000);
});

describe('the job worker on SIGTERM', () => {
  it('finishes the classification job in flight, then exits 0', async () => {
    // Every OpenAI answer takes 3 s, so the job is surely running when the signal comes.
    openAi.faultAlways('chat', { kind: 'slow', ms: 3_000 });
    const posted = await pipeline.harness.admin.post('/v1/comments/bulk', { comments: pipeline.comments(['hmm, not sure what to think', 'ok I guess'], 3_000) });
    expect(posted.status).toBe(202);
    const worker = run(process.execPath, ['jobs/src/worker.ts'], {
      cwd: repository,
      env: {
        ...process.env,
        DATABASE_URL: pipeline.harness.databaseUrl,
        REDIS_URL: '',
        QUEUE_NAMESPACE: pipeline.namespace.replaceAll('-', '_'),
        OPENAI_API_KEY: 'sk-test',
        OPENAI_BASE_URL: openAi.baseURL,
        // Nothing is certain enough for the offline model alone: every comment goes to OpenAI.
        CASCADE_THRESHOLD: '1',
        SHUTDOWN_GRACE_MS: '20000',
      },
    });
    try {
      await pipeline.waitUntil(async () => openAi.requestsTo('chat').length > 0, 30_000, 'the job to call OpenAI');
      const signalled = Date.now();
      worker.child.kill('SIGTERM');
      expect(await exitOf(worker.child), worker.output()).toBe(0);
      expect(Date.now() - signalled).toBeLessThan(20_000);
      expect(worker.output()).toMatch(/SIGTERM: finishing the work in flight/);
      const [counts] = await pipeline.sql<{ waiting: number; classified: number }>(
        `select (select count(*) from classification_task)::int as waiting,
                (select count(distinct comment_id) from comment_classification c join comment m on m.id = c.comment_id where m.platform_comment_id in ('c3000', 'c3001'))::int as classified`,
      );
      expect(counts).toEqual({ waiting: 0, classified: 2 });
    } finally {
      openAi.faultAlways('chat', null);
      await worker.stop().catch(() => undefined);
    }
  }, 90_000);
});
