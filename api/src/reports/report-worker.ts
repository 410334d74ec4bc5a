import type { MikroORM } from '@mikro-orm/postgresql';
import { UnrecoverableError, Worker, createPostgresBackend, type Job } from 'bullmq';
import { ReportSchedule, recordRunDeliveries, type DeliveryMessage, type IReportSchedule } from '@persona-ops/domain/store';
import { backendOptions, enqueue, jobDefinitions, type QueueConnection, type Queues } from '@persona-ops/jobs/contracts';
import { reportTimersOn } from '../services/report-timers.ts';
import { renderScheduledReport, type RenderedReport } from '../services/scheduled-report.service.ts';

export type ReportWorkerOptions = {
  orm: MikroORM;
  connection: QueueConnection;
  queues: Queues;
  log?: (message: string) => void;
  concurrency?: number;
};

/** The run a job is: the occurrence its scheduler fired for, or the manual send it was asked as. */
function runOf(job: Job, runKey: string | undefined): { runKey: string; runAt: Date } {
  if (runKey) return { runKey, runAt: new Date() };
  const due = new Date(job.opts.prevMillis ?? job.timestamp);
  return { runKey: `scheduled-${due.toISOString()}`, runAt: due };
}

function messagesOf(schedule: IReportSchedule, rendered: RenderedReport | { failure: string }): DeliveryMessage[] {
  const content = 'failure' in rendered ? { subject: schedule.name, text: '', failure: rendered.failure } : rendered;
  const slack = schedule.slackWebhookUrl ? [{ channel: 'slack' as const, recipient: new URL(schedule.slackWebhookUrl).host, ...content, attachment: undefined }] : [];
  return [...schedule.emailRecipients.map((recipient) => ({ channel: 'email' as const, recipient, ...content })), ...slack];
}

/**
 * The scheduled reports' worker, in the API process because it renders with the report API's own
 * services (and PDF): a run renders the report once, records one delivery per recipient and queues
 * each send for the job workers (send-delivery), which retry and record the outcome. A run retried
 * finds its deliveries and queues only those not sent. A report that cannot be rendered by the
 * last attempt is recorded as a failed delivery per recipient, with the reason.
 * On start, the queue's job schedulers are made to match the schedules (one per schedule, none
 * for a deleted one), so schedules written while the queue was away are timed all the same.
 */
export async function startReportWorker(options: ReportWorkerOptions) {
  const timers = reportTimersOn(options.queues);
  const em = options.orm.em.fork();
  const schedules = await em.find(ReportSchedule, {});
  const known = new Set(schedules.map((schedule) => schedule.id));
  for (const schedule of schedules) await timers.set(schedule);
  for (const id of await timers.scheduled()) if (!known.has(id)) await timers.remove(id);

  const process = async (job: Job) => {
    const parsed = jobDefinitions['render-report'].payload.safeParse(job.data);
    if (job.name !== 'render-report' || !parsed.success) throw new UnrecoverableError(`Not a render-report job: ${job.name}`);
    const { runKey, runAt } = runOf(job, parsed.data.runKey);
    const jobEm = options.orm.em.fork();
    const schedule = await jobEm.findOne(ReportSchedule, { id: parsed.data.scheduleId }, { populate: ['campaign', 'workspace'] });
    if (!schedule) {
      await timers.remove(parsed.data.scheduleId);
      return { sent: 0, reason: 'the schedule was deleted' };
    }
    let rendered: RenderedReport | { failure: string };
    try {
      rendered = await renderScheduledReport(jobEm.fork(), schedule, runAt);
    } catch (error) {
      if (job.attemptsMade + 1 < (job.opts.attempts ?? 1)) throw error;
      rendered = { failure: `The report could not be rendered: ${(error as Error).message}` };
    }
    const run = { workspaceId: schedule.workspace.id, scheduleId: schedule.id, runKey };
    // The run's time is stored with its deliveries (one flush), before any of them can be sent.
    schedule.lastRunAt = runAt;
    const pending = await recordRunDeliveries(jobEm, run, messagesOf(schedule, rendered));
    for (const deliveryId of pending) await enqueue(options.queues, 'send-delivery', { deliveryId }, {}, { workspaceIds: [run.workspaceId] });
    return { runKey, queued: pending.length };
  };

  const settings = { ...backendOptions(options.connection), concurrency: options.concurrency ?? 2 };
  const worker: Worker = options.connection.kind === 'redis'
    ? new Worker('reports', process, settings)
    : (new Worker('reports', process, settings, createPostgresBackend) as unknown as Worker);
  worker.on('error', (error) => options.log?.(`report worker: ${error.message}`));
  worker.on('failed', (job, error) => options.log?.(`report run ${job?.id ?? '?'} failed: ${error.message}`));
  return { worker, timers, close: () => worker.close() };
}
