import { z } from 'zod';

const environment = z.object({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  // As the API's (api/src/config.ts).
  DATABASE_PREPARED_STATEMENTS: z.stringbool().default(true),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: z.url().optional(),
  OPENAI_MODEL: z.string().default('gpt-4o-mini'),
  OPENAI_BATCH_SIZE: z.coerce.number().int().min(1).max(200).default(50),
  OPENAI_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  CASCADE_THRESHOLD: z.coerce.number().min(0).max(1).default(0.75),
  CLASSIFY_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(500),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  // Keeps deployments that share a Redis (or a database) apart: the queue key prefix or schema.
  QUEUE_NAMESPACE: z.string().regex(/^[a-z][a-z0-9_-]*$/, 'use lowercase letters, digits, - and _').optional(),
  // A worker that dies mid-job holds its lock this long; then the job is stalled and taken over.
  JOB_LOCK_DURATION_MS: z.coerce.number().int().min(1_000).default(30_000),
  JOB_STALLED_INTERVAL_MS: z.coerce.number().int().min(500).default(15_000),
  // How many times a job may be taken over after its worker died; one more death fails it, so a
  // job that kills its worker (out of memory) cannot take down worker after worker.
  JOB_MAX_STALLED_COUNT: z.coerce.number().int().min(0).max(10).default(1),
  // Alert webhooks may reach loopback, private, link-local and shared (CGNAT) addresses only with
  // this (a webhook on the same network); cloud metadata addresses never.
  ALERT_WEBHOOK_ALLOW_PRIVATE: z.stringbool().default(false),
  // Scheduled reports and alerts by e-mail: the SMTP server (smtp://user:pass@host:587, smtps://…)
  // and the sender. Without SMTP_URL an e-mail delivery fails with that reason.
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  SMTP_FROM: z.string().min(3).default('Persona Ops <reports@localhost>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // The worker's Prometheus /metrics (job durations and failures, classifier decisions): off unless a
  // port is set; it asks for the operator password (OPERATOR_PASSWORD), like the API's /metrics.
  WORKER_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  WORKER_METRICS_HOST: z.string().default('127.0.0.1'),
  OPERATOR_PASSWORD: z.string().min(16, 'must be at least 16 characters (e.g. openssl rand -base64 24)').optional(),
  // After SIGTERM, how long running jobs may take before the worker exits without them (they are
  // then taken over by another worker once their lock expires).
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(25_000),
});

const checked = environment.refine((env) => env.WORKER_METRICS_PORT === undefined || env.OPERATOR_PASSWORD !== undefined, {
  path: ['WORKER_METRICS_PORT'],
  message: 'needs OPERATOR_PASSWORD too: the worker\'s /metrics opens only with the operator password',
});

export type JobsConfig = z.infer<typeof environment>;

export function loadJobsConfig(env: NodeJS.ProcessEnv = process.env): JobsConfig {
  // An empty variable (OPENAI_API_KEY= in a .env file) means unset.
  const parsed = checked.safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid environment for the job workers (see .env.example):\n${lines.join('\n')}`);
  }
  return parsed.data;
}
