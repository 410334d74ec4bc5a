// The job registry: every job name with its queue and zod payload, and how to enqueue one.
// Payloads carry ids, never data; job ids are deterministic so duplicates collapse.
// The API imports only this file from the jobs package.
import { createHash } from 'node:crypto';
import { Queue, createPostgresBackend, type JobsOptions } from 'bullmq';
import { z } from 'zod';

export const queueNames = ['classification', 'maintenance', 'reports', 'connectors'] as const;
export type QueueName = (typeof queueNames)[number];
// Scheduled reports are rendered by the same code as the report API, which lives in the api
// package: the API process runs this queue's worker (api/src/reports), the job runner the others.
export const apiQueueNames = ['reports'] as const satisfies readonly QueueName[];

export const jobDefinitions = {
  'classify-comments': {
    queue: 'classification',
    payload: z.object({ commentIds: z.array(z.uuid()).min(1).max(1000) }),
  },
  'detect-spikes': {
    queue: 'maintenance',
    payload: z.object({ workspaceId: z.uuid(), sourceId: z.uuid(), day: z.iso.date() }),
  },
  'deliver-alert': {
    queue: 'maintenance',
    payload: z.object({ alertId: z.uuid() }),
  },
  'import-comments': {
    queue: 'maintenance',
    payload: z.object({ importId: z.uuid() }),
  },
  'import-post-metrics': {
    queue: 'maintenance',
    payload: z.object({ importId: z.uuid() }),
  },
  'import-conversions': {
    queue: 'maintenance',
    payload: z.object({ importId: z.uuid() }),
  },
  'backfill-classification': {
    queue: 'maintenance',
    payload: z.object({ backfillId: z.uuid() }),
  },
  // One job id per workspace: the writes of a burst wait in rollup_change and one refresh takes them all.
  'refresh-rollups': {
    queue: 'maintenance',
    payload: z.object({ workspaceId: z.uuid() }),
  },
  // A schedule's run: fired by its job scheduler (the run is the occurrence it fires for) or sent
  // now by an admin (runKey manual-<uuid>). Renders the report and queues one send per recipient.
  'render-report': {
    queue: 'reports',
    payload: z.object({ scheduleId: z.uuid(), runKey: z.string().regex(/^manual-[0-9a-f-]{36}$/).optional() }),
  },
  // One message of a report run or an alert to one recipient (e-mail or Slack-compatible webhook).
  'send-delivery': {
    queue: 'maintenance',
    payload: z.object({ deliveryId: z.uuid() }),
  },
  // A pull of one connected account: fired by the connection's job scheduler (pull-connection-<id>)
  // or asked for now (runKey: when it was asked). Its own queue, so a platform's Retry-After delays
  // only its pulls, never classification or imports.
  'pull-connection': {
    queue: 'connectors',
    payload: z.object({ connectionId: z.uuid(), runKey: z.string().max(64).optional() }),
  },
} as const satisfies Record<string, { queue: QueueName; payload: z.ZodType }>;

export type JobName = keyof typeof jobDefinitions;
/** The jobs the job runner handles: every one but those of the API's queues. */
export type RunnerJobName = { [N in JobName]: (typeof jobDefinitions)[N]['queue'] extends (typeof apiQueueNames)[number] ? never : N }[JobName];
export const runnerQueueNames = queueNames.filter((name): name is Exclude<QueueName, (typeof apiQueueNames)[number]> => !(apiQueueNames as readonly string[]).includes(name));

// The job that reads an import of each kind.
export const importJobNames = { comments: 'import-comments', 'post-metrics': 'import-post-metrics', conversions: 'import-conversions' } as const satisfies Record<string, JobName>;
export type JobPayload<N extends JobName> = z.infer<(typeof jobDefinitions)[N]['payload']>;

export function jobIdFor<N extends JobName>(name: N, payload: JobPayload<N>): string {
  // The same batch of comments, in any order, is the same job.
  const key = 'commentIds' in payload ? [...payload.commentIds].sort().join(',') : JSON.stringify(payload);
  return `${name}-${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
}

// Retried with exponential backoff by default; finished jobs are dropped so a re-dispatched batch
// (same deterministic id) is accepted again, failed ones kept a week for the admins to inspect.
export const defaultJobOptions: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600 },
};

// `namespace` keeps several deployments (or test files) on one server apart: the Redis key prefix,
// or the PostgreSQL schema of the BullMQ tables.
export type QueueConnection = { kind: 'redis'; url: string; namespace?: string } | { kind: 'postgres'; url: string; namespace?: string };

export function describeConnection(connection: QueueConnection): string {
  return connection.kind === 'redis' ? 'Redis' : 'PostgreSQL (BullMQ PostgreSQL backend)';
}

// Redis when configured; otherwise BullMQ's official PostgreSQL backend on the product's own
// database, so the embedded quick start runs the real queues and workers.
export function redisOptions(url: string, role: 'producer' | 'worker' = 'worker') {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.pathname.length > 1 ? { db: Number(parsed.pathname.slice(1)) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
    // Workers wait for a reconnect; producers (the dispatcher, the API) fail fast instead, so an
    // outage rolls their transaction back rather than holding it open until Redis returns.
    ...(role === 'worker' ? { maxRetriesPerRequest: null } : { maxRetriesPerRequest: 1, enableOfflineQueue: false }),
  };
}

export function backendOptions(connection: QueueConnection, role: 'producer' | 'worker' = 'worker') {
  return connection.kind === 'redis'
    ? { connection: redisOptions(connection.url, role), prefix: connection.namespace ?? 'persona-ops' }
    : { connection: { connectionString: connection.url, schema: connection.namespace ?? 'bullmq', migrate: true } };
}

// The PostgreSQL backend's classes are typed with their own backend parameter; the API they offer
// is the same, so they are handled as the default Queue type.
export function openQueue(connection: QueueConnection, name: QueueName, jobOptions: JobsOptions = defaultJobOptions): Queue {
  if (connection.kind === 'redis') return new Queue(name, { ...backendOptions(connection, 'producer'), defaultJobOptions: jobOptions });
  return new Queue(name, { ...backendOptions(connection, 'producer'), defaultJobOptions: jobOptions }, createPostgresBackend) as unknown as Queue;
}

export type Queues = Map<QueueName, Queue>;

export function openQueues(connection: QueueConnection, jobOptions: JobsOptions = defaultJobOptions): Queues {
  return new Map(queueNames.map((name) => [name, openQueue(connection, name, jobOptions)]));
}

// A request id the API takes from a client's x-request-id header (else it makes one): short, and
// nothing a log line or a header could be confused by.
export const requestIdPattern = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

// Where a job's work came from, carried in its data beside the payload (never part of its id, so
// duplicates still collapse): the workspaces it works for and the API requests (x-request-id) that
// asked for it, so the worker's log lines for the job are found from the request's. Lists, because
// a classification batch gathers the comments of several requests and workspaces; at most
// `maxTraced` of each are kept (the first ones), enough to follow a request without bloating a batch.
export const maxTraced = 100;
export const jobTrace = z.object({
  workspaceIds: z.array(z.uuid()).max(maxTraced).optional(),
  requestIds: z.array(z.string().regex(requestIdPattern)).max(maxTraced).optional(),
});
export type JobTrace = z.infer<typeof jobTrace>;

/** The trace of a job's data; none when it carries none (or a malformed one). */
export function traceOf(data: unknown): JobTrace {
  const parsed = jobTrace.safeParse(data);
  return parsed.success ? parsed.data : {};
}

// What a producer knows of a job's origin; ids it lacks (null) are left out.
export type TraceInput = { [K in keyof JobTrace]?: ReadonlyArray<string | null | undefined> };

function traceFields(trace: TraceInput): JobTrace {
  const distinct = (values: ReadonlyArray<string | null | undefined> | undefined) => [...new Set((values ?? []).filter((value): value is string => typeof value === 'string'))].slice(0, maxTraced);
  const workspaceIds = distinct(trace.workspaceIds);
  const requestIds = distinct(trace.requestIds).filter((id) => requestIdPattern.test(id));
  return { ...(workspaceIds.length > 0 ? { workspaceIds } : {}), ...(requestIds.length > 0 ? { requestIds } : {}) };
}

export type Enqueue = <N extends JobName>(name: N, payload: JobPayload<N>, options?: JobsOptions) => Promise<unknown>;

export async function enqueue<N extends JobName>(queues: Queues, name: N, payload: JobPayload<N>, options: JobsOptions = {}, trace: TraceInput = {}) {
  const definition = jobDefinitions[name];
  const data = definition.payload.parse(payload);
  const queue = queues.get(definition.queue);
  if (!queue) throw new Error(`No queue ${definition.queue} is open for job ${name}`);
  return queue.add(name, { ...data, ...traceFields(trace) }, { jobId: jobIdFor(name, data as JobPayload<N>), ...options });
}

export async function closeQueues(queues: Queues): Promise<void> {
  await Promise.all([...queues.values()].map((queue) => queue.close()));
}
export type { JobsOptions } from 'bullmq';
