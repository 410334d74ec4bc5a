import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Queues } from '@persona-ops/jobs/contracts';
import { operatorOnly } from './operator-guard.ts';

export const metricsPath = '/metrics';

export type MetricsOptions = { operatorPassword: string; queues?: Queues | undefined };

const queueStates = ['waiting', 'active', 'delayed', 'failed'] as const;

// Prometheus /metrics of this API process: request latency by route and status class, and the
// depth of the shared queues. Job durations, failures and classifier decisions happen in the worker
// processes and are served by each worker's own /metrics (jobs/src/observability/job-metrics.ts).
// It spans every workspace, so, like the queue board, it opens only with the operator password,
// is not part of the API document, and is not mounted without OPERATOR_PASSWORD.
export const metricsPlugin = fp(async (app: FastifyInstance, options: MetricsOptions) => {
  // A registry per app, not prom-client's global one: tests build many apps in one process.
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'persona_ops_api_' });
  const requestDuration = new Histogram({
    name: 'persona_ops_http_request_duration_seconds',
    help: 'API request latency by method, route pattern (not the raw URL: ids would explode the series; "unmatched" for 404s of no route) and status class',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const queues = options.queues;
  if (queues) {
    new Gauge({
      name: 'persona_ops_queue_jobs',
      help: 'Jobs in each queue by state (waiting, active, delayed, failed), read from the queues when scraped; absent while they cannot be read',
      labelNames: ['queue', 'state'] as const,
      registers: [registry],
      async collect() {
        this.reset();
        await Promise.all([...queues].map(async ([name, queue]) => {
          // A queue that cannot be read now (Redis away) is left out, never reported as empty.
          const counts = await queue.getJobCounts(...queueStates).catch(() => null);
          if (counts) for (const state of queueStates) this.set({ queue: name, state }, counts[state] ?? 0);
        }));
      },
    });
  }

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requestDuration.observe({ method: request.method, route, status_class: `${Math.floor(reply.statusCode / 100)}xx` }, reply.elapsedTime / 1000);
  });

  app.get(metricsPath, { schema: { hide: true }, config: { public: true }, onRequest: operatorOnly(options.operatorPassword, 'The metrics endpoint') }, async (_request, reply) => {
    return reply.type(registry.contentType).send(await registry.metrics());
  });
});
