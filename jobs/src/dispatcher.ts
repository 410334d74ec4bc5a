import type { MikroORM } from '@mikro-orm/postgresql';
import { claimClassificationTasks, queuedBackfills, queuedImports, workspacesWithRollupChanges } from '@persona-ops/domain/store';
import { enqueue, importJobNames, type Queues } from './contracts.ts';

export type DispatcherOptions = {
  orm: MikroORM;
  queues: Queues;
  batchSize: number;
  intervalMs?: number;
  // A dispatched task whose result is not stored by then is dispatched again.
  redispatchAfterMs?: number;
  // How long after a write its workspace's rollups are refreshed: the writes in between share one job.
  rollupRefreshDelayMs?: number;
  log?: (message: string) => void;
};

export const defaultRollupRefreshDelayMs = 5_000;

// Moves the outbox (classification_task) to the queue. It runs as a loop, not as a job, because it
// must keep working exactly when the queue does not: while Redis is down it keeps the tasks pending
// and tries again; when Redis is back the backlog drains.
export function startDispatcher(options: DispatcherOptions) {
  const interval = options.intervalMs ?? 500;
  const redispatchAfter = options.redispatchAfterMs ?? 10 * 60_000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  let lastError = '';

  // One batch: claim its tasks and enqueue its job in one transaction. If the process dies before
  // the commit, the claim rolls back and the tasks are pending again at once; if the queue is
  // unreachable, the transaction rolls back the same way and nothing is lost.
  async function dispatchBatch(): Promise<number> {
    return options.orm.em.fork().transactional(async (tx) => {
      const claimed = await claimClassificationTasks(tx, options.batchSize, new Date(), redispatchAfter);
      if (claimed.length > 0) {
        const trace = { workspaceIds: claimed.map((task) => task.workspaceId), requestIds: claimed.map((task) => task.requestId) };
        await enqueue(options.queues, 'classify-comments', { commentIds: claimed.map((task) => task.commentId) }, {}, trace);
      }
      return claimed.length;
    });
  }

  async function dispatchOnce(): Promise<number> {
    const em = options.orm.em.fork();
    // Backfills and imports requested through the API wait in their tables like comments in theirs;
    // the job id is theirs, so asking again while one is queued changes nothing.
    for (const { id, workspaceId, requestId } of await queuedBackfills(em)) {
      await enqueue(options.queues, 'backfill-classification', { backfillId: id }, {}, { workspaceIds: [workspaceId], requestIds: [requestId] });
    }
    for (const { id, kind, workspaceId, requestId } of await queuedImports(em)) {
      await enqueue(options.queues, importJobNames[kind as keyof typeof importJobNames], { importId: id }, {}, { workspaceIds: [workspaceId], requestIds: [requestId] });
    }
    // Groups marked by the triggers on post and metric_snapshot: while a workspace's refresh is
    // queued (delayed) or running, adding it again is a no-op (same job id); once it is done, marks
    // left or added meanwhile queue the next one. This poll is the rollups' schedule.
    for (const workspaceId of await workspacesWithRollupChanges(em)) {
      await enqueue(options.queues, 'refresh-rollups', { workspaceId }, { delay: options.rollupRefreshDelayMs ?? defaultRollupRefreshDelayMs }, { workspaceIds: [workspaceId] });
    }
    let dispatched = 0;
    try {
      for (let round = 0; round < 10; round += 1) {
        const count = await dispatchBatch();
        dispatched += count;
        if (count < options.batchSize) break;
      }
      lastError = '';
    } catch (error) {
      const message = (error as Error).message;
      if (message !== lastError) options.log?.(`dispatcher: queue unavailable (${message}); comments wait in the outbox`);
      lastError = message;
    }
    return dispatched;
  }

  async function tick() {
    if (stopped) return;
    running = dispatchOnce()
      .then((count) => {
        // A full claim means more is waiting: go again at once rather than after the interval.
        if (!stopped) timer = setTimeout(() => void tick(), count >= options.batchSize * 10 ? 0 : interval);
      })
      .catch((error: Error) => {
        options.log?.(`dispatcher: ${error.message}`);
        if (!stopped) timer = setTimeout(() => void tick(), interval * 4);
      });
    await running;
  }

  timer = setTimeout(() => void tick(), 0);
  return {
    dispatchOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
