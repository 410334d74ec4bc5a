// A request id follows the request into the jobs it causes: the API takes the client's
// x-request-id (or makes one) and answers it, the outbox row keeps it, the dispatcher puts it in
// the job's data, and the worker's log lines for that job (and for the jobs it enqueues) carry it.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerLogger } from '@persona-ops/jobs/observability';
import { createOfflineClassifier } from '../../jobs/src/classifiers/offline/offline-classifier.ts';
import { startPipeline, type Pipeline } from './pipeline-harness.ts';

type QueuedJob = { id?: string | undefined; name: string; data: unknown };
type LogLine = { level: number; name: string; msg: string; queue?: string; jobName?: string; jobId?: string; workspaceIds?: string[]; requestIds?: string[]; attempt?: number; durationMs?: number; outcome?: string };

describe('a request id, from the API request to the log lines of its jobs', () => {
  let pipeline: Pipeline;
  let runner: Awaited<ReturnType<Pipeline['startRunner']>>;
  // The worker's log, read as it is written: pino's JSON lines through a destination of the test's own.
  const lines: LogLine[] = [];
  const logger = createWorkerLogger('debug', { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });

  beforeAll(async () => {
    pipeline = await startPipeline();
    runner = await pipeline.startRunner({ kind: 'postgres', url: pipeline.harness.databaseUrl, namespace: `bullmq_${pipeline.namespace.replace(/\W/g, '_')}` }, createOfflineClassifier(), { logger });
  });
  afterAll(async () => {
    await runner?.close();
    await pipeline?.harness.close();
  });

  const send = (method: 'POST', url: string, payload: string | object, headers: Record<string, string>) =>
    pipeline.harness.app.inject({ method, url, payload, headers: { authorization: `Bearer ${pipeline.harness.admin.key}`, ...headers } });

  // The dispatcher keeps enqueueing while the workers are paused, so a job can be read before it runs.
  const pauseWorkers = () => Promise.all(runner.workers.map((worker) => worker.pause()));
  const resumeWorkers = () => Promise.all(runner.workers.map((worker) => worker.resume()));
  async function queuedJobOf(queue: 'classification' | 'maintenance', jobName: string, requestId: string): Promise<QueuedJob> {
    let found: QueuedJob | undefined;
    await pipeline.waitUntil(async () => {
      const jobs = await runner.queues.get(queue)!.getJobs(['waiting', 'prioritized']);
      found = jobs.find((job) => job.name === jobName && (job.data as { requestIds?: string[] }).requestIds?.includes(requestId));
      return found !== undefined;
    }, 20_000, `a ${jobName} job carrying ${requestId}`);
    return found!;
  }
  async function logLineOf(jobName: string, requestId: string): Promise<LogLine> {
    await pipeline.waitUntil(async () => lines.some((line) => line.jobName === jobName && line.outcome === 'completed' && line.requestIds?.includes(requestId)), 30_000, `the log line of ${jobName} with ${requestId}`);
    return lines.find((line) => line.jobName === jobName && line.outcome === 'completed' && line.requestIds?.includes(requestId))!;
  }

  it('comments sent with x-request-id: the classify job carries it, and its log line (and its spike detection\'s) names it', async () => {
    await pauseWorkers();
    const requestId = `trace-${randomBytes(6).toString('hex')}`;
    const response = await send('POST', '/v1/comments/bulk', { comments: pipeline.comments(['love this look', 'this is fucking awful'], 100) }, { 'x-request-id': requestId });
    expect(response.statusCode, response.body).toBe(202);
    expect(response.headers['x-request-id']).toBe(requestId);

    const job = await queuedJobOf('classification', 'classify-comments', requestId);
    expect(job.data).toMatchObject({ requestIds: [requestId], workspaceIds: [pipeline.harness.workspaceId] });
    expect((job.data as { commentIds: string[] }).commentIds).toHaveLength(2);

    await resumeWorkers();
    const line = await logLineOf('classify-comments', requestId);
    expect(line).toMatchObject({ level: 30, name: 'jobs', msg: 'job completed', queue: 'classification', jobName: 'classify-comments', jobId: job.id, workspaceIds: [pipeline.harness.workspaceId], requestIds: [requestId], attempt: 1, outcome: 'completed' });
    expect(line.durationMs).toEqual(expect.any(Number));
    // The job it enqueued (spike detection for the post's source and day) inherits the request.
    expect(await logLineOf('detect-spikes', requestId)).toMatchObject({ queue: 'maintenance', workspaceIds: [pipeline.harness.workspaceId], requestIds: [requestId] });
  });

  it('an import sent with x-request-id: its job carries it, and so does the classification of the comments it brings', async () => {
    await pauseWorkers();
    const requestId = `import-${randomBytes(6).toString('hex')}`;
    const postedAt = new Date(Date.now() - 60_000).toISOString();
    const csv = ['Post URL,Comment ID,Username,Comment,Timestamp', `https://i.example/p/1,imp-1,@ana,so good,${postedAt}`, `https://i.example/p/1,imp-2,@ben,meh,${postedAt}`].join('\n');
    const response = await send('POST', '/v1/imports/comments', csv, { 'content-type': 'text/csv', 'x-request-id': requestId });
    expect(response.statusCode, response.body).toBe(202);
    expect(response.headers['x-request-id']).toBe(requestId);

    const job = await queuedJobOf('maintenance', 'import-comments', requestId);
    expect(job.data).toMatchObject({ importId: response.json().id, requestIds: [requestId], workspaceIds: [pipeline.harness.workspaceId] });

    await resumeWorkers();
    expect(await logLineOf('import-comments', requestId)).toMatchObject({ queue: 'maintenance', jobId: job.id, workspaceIds: [pipeline.harness.workspaceId], requestIds: [requestId], attempt: 1, outcome: 'completed' });
    expect(await logLineOf('classify-comments', requestId)).toMatchObject({ queue: 'classification', requestIds: [requestId] });
  });

  it('makes a request id when the client sends none or one that is not sane, and answers it', async () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const ids = [];
    for (const given of [undefined, 'has spaces in it', 'x'.repeat(129), 'quote"d', '']) {
      const response = await pipeline.harness.app.inject({ method: 'GET', url: '/v1/sources', headers: { authorization: `Bearer ${pipeline.harness.admin.key}`, ...(given === undefined ? {} : { 'x-request-id': given }) } });
      expect(response.statusCode).toBe(200);
      expect(response.headers['x-request-id']).toMatch(uuid);
      ids.push(response.headers['x-request-id']);
    }
    expect(new Set(ids).size).toBe(ids.length);
    // A refused request names its request too.
    const refused = await pipeline.harness.app.inject({ method: 'GET', url: '/v1/sources', headers: { 'x-request-id': 'client-7f3a' } });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['x-request-id']).toBe('client-7f3a');
  });
});
