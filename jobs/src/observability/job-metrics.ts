import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

// The workers' metrics, in a registry of their own. Jobs run in the worker processes, not the
// API's, so each worker counts what it runs and serves it on its own /metrics listener
// (WORKER_METRICS_PORT), which Prometheus scrapes beside the API's. Deriving them in the API from
// BullMQ's events instead would miss what ran while no API listened, count every job once per API
// process, and could not see classifier decisions at all; the queue depth, a property of the shared
// queues rather than of a process, is the API's (plugins/metrics.plugin.ts).
export type JobOutcome = 'completed' | 'failed' | 'rate_limited';

export type ClassifierDecision = { classifier: string; sentiment: string; flags: readonly string[] };

export function createJobMetrics(options: { processMetrics?: boolean } = {}) {
  const registry = new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry, prefix: 'persona_ops_worker_' });
  const jobDuration = new Histogram({
    name: 'persona_ops_job_duration_seconds',
    help: 'How long a job attempt ran, by queue, job name and outcome (completed, failed, rate_limited: put back without spending an attempt)',
    labelNames: ['queue', 'job_name', 'outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900],
    registers: [registry],
  });
  const jobFailures = new Counter({
    name: 'persona_ops_job_failures_total',
    help: 'Failed job attempts by queue and job name; final="true" when no attempt is left (the job is failed for good)',
    labelNames: ['queue', 'job_name', 'final'] as const,
    registers: [registry],
  });
  const decisions = new Counter({
    name: 'persona_ops_classifier_decisions_total',
    help: 'Comments classified and stored, by the classifier that decided them (offline, openai) and sentiment',
    labelNames: ['classifier', 'sentiment'] as const,
    registers: [registry],
  });
  const flags = new Counter({
    name: 'persona_ops_classifier_flags_total',
    help: 'Brand-safety flags given to stored comments, by classifier and category (a comment may have several, or none)',
    labelNames: ['classifier', 'category'] as const,
    registers: [registry],
  });
  return {
    registry,
    jobFinished: (labels: { queue: string; jobName: string }, outcome: JobOutcome, seconds: number, final: boolean) => {
      jobDuration.observe({ queue: labels.queue, job_name: labels.jobName, outcome }, seconds);
      if (outcome === 'failed') jobFailures.inc({ queue: labels.queue, job_name: labels.jobName, final: String(final) });
    },
    classified: (decided: readonly ClassifierDecision[]) => {
      for (const decision of decided) {
        decisions.inc({ classifier: decision.classifier, sentiment: decision.sentiment });
        for (const category of decision.flags) flags.inc({ classifier: decision.classifier, category });
      }
    },
  };
}

export type JobMetrics = ReturnType<typeof createJobMetrics>;
