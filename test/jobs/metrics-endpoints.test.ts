// Prometheus /metrics: the API's (request latency by route, queue depth) and a worker's (job
// durations and failures, classifier decisions), each opening only with the operator password,
// answered as problem+json otherwise.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '@persona-ops/api/build-app';
import { closeQueues, openQueues, type QueueConnection, type Queues } from '@persona-ops/jobs/contracts';
import { createJobMetrics, listenForMetrics } from '@persona-ops/jobs/observability';
import { createOfflineClassifier } from '../../jobs/src/classifiers/offline/offline-classifier.ts';
import { startPipeline, type Pipeline } from './pipeline-harness.ts';

type Sample = { name: string; labels: Record<string, string>; value: number };

// The samples of a text exposition (no sample of ours has a brace or quote in a label value).
function samplesOf(text: string): Sample[] {
  return text.split('\n').flatMap((line) => {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) return [];
    const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((pair) => [pair[1]!, pair[2]!]));
    return [{ name: match[1]!, labels, value: Number(match[3]) }];
  });
}
const valueOf = (samples: Sample[], name: string, labels: Record<string, string>) =>
  samples.find((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value))?.value;

const operatorPassword = 'operator-password-for-the-tests';
const basic = (password: string) => `Basic ${Buffer.from(`prometheus:${password}`).toString('base64')}`;

describe('Prometheus /metrics of the API and of a worker', () => {
  let pipeline: Pipeline;
  let api: FastifyInstance;
  let queues: Queues;
  let runner: Awaited<ReturnType<Pipeline['startRunner']>>;
  let workerMetrics: Awaited<ReturnType<typeof listenForMetrics>>;
  let connection: QueueConnection;

  beforeAll(async () => {
    pipeline = await startPipeline();
    connection = { kind: 'postgres', url: pipeline.harness.databaseUrl, namespace: `bullmq_${pipeline.namespace.replace(/\W/g, '_')}` };
    // The API with the operator password and the queues, as server.ts builds it.
    queues = openQueues(connection);
    api = await buildApp(pipeline.harness.orm, {}, { queues, operatorPassword });
    const metrics = createJobMetrics();
    runner = await pipeline.startRunner(connection, createOfflineClassifier(), { metrics });
    workerMetrics = await listenForMetrics({ registry: metrics.registry, host: '127.0.0.1', port: 0, operatorPassword });
  });
  afterAll(async () => {
    await workerMetrics?.close();
    await runner?.close();
    await api?.close();
    if (queues) await closeQueues(queues);
    await pipeline?.harness.close();
  });

  const scrapeApi = async () => {
    const response = await api.inject({ method: 'GET', url: '/metrics', headers: { authorization: basic(operatorPassword) } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.body;
  };
  const scrapeWorker = async () => {
    const response = await fetch(workerMetrics.url, { headers: { authorization: basic(operatorPassword) } });
    expect(response.status).toBe(200);
    return response.text();
  };

  it('the API\'s: 401 problem+json without the operator password, with a wrong one, or with an API key', async () => {
    for (const authorization of [undefined, basic('not the operator password'), `Bearer ${pipeline.harness.admin.key}`]) {
      const response = await api.inject({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} });
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.headers['www-authenticate']).toMatch(/^Basic realm=/);
      expect(response.json()).toMatchObject({ status: 401, code: 'operator_password_required', instance: '/metrics' });
      expect(response.body).not.toContain('persona_ops_');
    }
  });

  it('the API\'s is not there at all without OPERATOR_PASSWORD, like the queue board', async () => {
    const response = await pipeline.harness.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: basic(operatorPassword) } });
    expect(response.statusCode).toBe(404);
  });

  it('the API\'s: latency of a route just called, by route pattern and status class, and every queue\'s depth by state', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const headers = { authorization: `Bearer ${pipeline.harness.admin.key}` };
    expect((await api.inject({ method: 'GET', url: '/v1/sources', headers })).statusCode).toBe(200);
    expect((await api.inject({ method: 'GET', url: `/v1/sources/${missing}`, headers })).statusCode).toBe(404);
    expect((await api.inject({ method: 'GET', url: `/v1/sources/${missing}`, headers })).statusCode).toBe(404);
    expect((await api.inject({ method: 'GET', url: '/no/such/route', headers })).statusCode).toBe(404);

    const text = await scrapeApi();
    expect(text).toContain('# TYPE persona_ops_http_request_duration_seconds histogram');
    const samples = samplesOf(text);
    expect(valueOf(samples, 'persona_ops_http_request_duration_seconds_count', { method: 'GET', route: '/v1/sources', status_class: '2xx' })).toBe(1);
    expect(valueOf(samples, 'persona_ops_http_request_duration_seconds_count', { method: 'GET', route: '/v1/sources/:id', status_class: '4xx' })).toBe(2);
    expect(valueOf(samples, 'persona_ops_http_request_duration_seconds_bucket', { method: 'GET', route: '/v1/sources/:id', status_class: '4xx', le: '+Inf' })).toBe(2);
    expect(valueOf(samples, 'persona_ops_http_request_duration_seconds_count', { method: 'GET', route: 'unmatched', status_class: '4xx' })).toBe(1);
    // The route's pattern, never the raw URL: ids would make a series per record.
    expect(text).not.toContain(missing);
    expect(text).not.toContain('/no/such/route');
    for (const queue of ['classification', 'maintenance']) {
      for (const state of ['waiting', 'active', 'delayed', 'failed']) {
        expect(valueOf(samples, 'persona_ops_queue_jobs', { queue, state }), `${queue} ${state}`).toEqual(expect.any(Number));
      }
    }
  });

  it('a worker\'s: 401 problem+json without the operator password', async () => {
    for (const headers of [{}, { authorization: basic('wrong') }]) {
      const response = await fetch(workerMetrics.url, { headers });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(await response.json()).toMatchObject({ status: 401, code: 'operator_password_required' });
    }
  });

  it('after jobs ran: their durations and failures by job name, the classifier\'s decisions by source, sentiment and category, the failed job in the queue depth', async () => {
    const sent = await pipeline.harness.admin.post('/v1/comments/bulk', { comments: pipeline.comments(['love this look so much', 'this is fucking awful', 'scam!!! buy cheap followers at http://spam.example', 'ok'], 200) });
    expect(sent.status).toBe(202);
    await pipeline.waitUntil(async () => (await pipeline.counts()).classified >= 4, 30_000, 'the comments classified');
    // A job that fails for good: a payload no retry can fix.
    await runner.queues.get('classification')!.add('classify-comments', { commentIds: ['not-a-uuid'] }, { jobId: 'bad-payload', attempts: 1 });
    let samples: Sample[] = [];
    await pipeline.waitUntil(async () => {
      samples = samplesOf(await scrapeWorker());
      return valueOf(samples, 'persona_ops_job_failures_total', { job_name: 'classify-comments' }) !== undefined;
    }, 20_000, 'the failure counted');

    expect(valueOf(samples, 'persona_ops_job_duration_seconds_count', { queue: 'classification', job_name: 'classify-comments', outcome: 'completed' })).toBeGreaterThanOrEqual(1);
    expect(valueOf(samples, 'persona_ops_job_duration_seconds_count', { queue: 'classification', job_name: 'classify-comments', outcome: 'failed' })).toBe(1);
    expect(valueOf(samples, 'persona_ops_job_failures_total', { queue: 'classification', job_name: 'classify-comments', final: 'true' })).toBe(1);
    expect(valueOf(samples, 'persona_ops_job_failures_total', { queue: 'classification', job_name: 'classify-comments', final: 'false' })).toBeUndefined();

    // Exactly what was stored: a decision per classified comment, a flag count per category.
    const decided = await pipeline.sql<{ classifier: string; sentiment: string; n: number }>(`select classifier, sentiment, count(*)::int as n from comment_classification group by 1, 2`);
    const flagged = await pipeline.sql<{ classifier: string; category: string; n: number }>(`select classifier, unnest(flags) as category, count(*)::int as n from comment_classification group by 1, 2`);
    expect(decided.reduce((sum, row) => sum + row.n, 0)).toBe(4);
    expect(flagged.length).toBeGreaterThan(0);
    for (const row of decided) expect(valueOf(samples, 'persona_ops_classifier_decisions_total', { classifier: row.classifier, sentiment: row.sentiment }), `${row.classifier} ${row.sentiment}`).toBe(row.n);
    for (const row of flagged) expect(valueOf(samples, 'persona_ops_classifier_flags_total', { classifier: row.classifier, category: row.category }), `${row.classifier} ${row.category}`).toBe(row.n);
    expect(samples.filter((sample) => sample.name === 'persona_ops_classifier_decisions_total').reduce((sum, sample) => sum + sample.value, 0)).toBe(4);

    // The failed job, kept for inspection, is in the API's queue depth. The worker counts the failure
    // as it happens; the job reaches the queue's failed set in Redis a moment later, so the API's
    // gauge is read once it shows a failed job at all.
    let depth: Sample[] = [];
    await pipeline.waitUntil(async () => {
      depth = samplesOf(await scrapeApi());
      return valueOf(depth, 'persona_ops_queue_jobs', { queue: 'classification', state: 'failed' }) !== 0;
    }, 20_000, 'the failed job in the queue depth');
    expect(valueOf(depth, 'persona_ops_queue_jobs', { queue: 'classification', state: 'failed' })).toBe(1);
  });
});
