import type { MikroORM } from '@mikro-orm/postgresql';
import type { Job } from 'bullmq';
import { finishBackfill, queueBackfillChunk, startBackfill } from '@persona-ops/domain/store';
import type { JobPayload } from '../contracts.ts';

const chunk = 5_000;

// Queues a workspace's comments for re-classification by the current classifier versions, a chunk
// at a time through the outbox (so the dispatcher and workers do the classifying, batched and
// rate-limited as usual). Progress is on the job and on the backfill row the API reports.
export function backfillClassificationHandler(deps: { orm: MikroORM; versions: readonly string[]; now?: () => Date }) {
  const now = () => deps.now?.() ?? new Date();
  return async (payload: JobPayload<'backfill-classification'>, job: Job) => {
    const em = deps.orm.em.fork();
    const backfill = await startBackfill(em, payload.backfillId, [...deps.versions], now());
    if (!backfill) return { skipped: 'already finished' };
    let scanned = 0;
    let queued = 0;
    for (;;) {
      const step = await queueBackfillChunk(em, payload.backfillId, backfill.workspace_id, [...deps.versions], chunk, now());
      if (step.scanned === 0) break;
      scanned += step.scanned;
      queued += step.queued;
      await job.updateProgress({ scanned, queued });
    }
    await finishBackfill(em, payload.backfillId, {}, now());
    return { scanned, queued };
  };
}
