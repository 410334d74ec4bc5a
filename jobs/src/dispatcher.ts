import type { MikroORM } from '@mikro-orm/postgresql';
import { claimClassificationTasks, queuedBackfills, releaseClassificationTasks } from '@persona-ops/domain/store';
import { enqueue, type Queues } from './contracts.ts';

export type DispatcherOptions = {
  orm: MikroORM;
  queues: Queues;
  batchSize: number;
  intervalMs?: number;
  // A dispatched task whose result is not stored by then is dispatched again.
  redispatchAfterMs?: number;
  log?: (message: string) => void;
};

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

  async function dispatchOnce(): Promise<number> {
    const em = options.orm.em.fork();
    // Backfills requested through the API wait in their table like comments in theirs; the job id
    // is the backfill's, so asking again while it is queued changes nothing.
    for (const backfillId of await queuedBackfills(em)) await enqueue(options.queues, 'backfill-classification', { backfillId });
    const claimed = await claimClassificationTasks(em, options.batchSize * 10, new Date(), redispatchAfter);
    let dispatched = 0;
    for (let start = 0; start < claimed.length; start += options.batchSize) {
      const batch = claimed.slice(start, start + options.batchSize).map((task) => task.commentId);
      try {
        await enqueue(options.queues, 'classify-comments', { commentIds: batch });
        dispatched += batch.length;
      } catch (error) {
        // The queue is unreachable: the tasks go back to pending and nothing is lost.
        const rest = claimed.slice(start).map((task) => task.commentId);
        await releaseClassificationTasks(em, rest, new Date());
        const message = (error as Error).message;
        if (message !== lastError) options.log?.(`dispatcher: queue unavailable (${message}); ${rest.length} comments wait`);
        lastError = message;
        return dispatched;
      }
    }
    lastError = '';
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
