import type { MikroORM } from '@mikro-orm/postgresql';
import { dailySafetyPoint, detectSpikes } from '@persona-ops/domain/core';
import { brandSafetyCounts, insertAlerts } from '@persona-ops/domain/store';
import type { Enqueue, JobPayload } from '../contracts.ts';
import { queueAlertMessages } from '../deliveries/alert-messages.ts';

const DAY_MS = 86_400_000;
// Enough trailing days for the default baseline (7 days with data) even with gaps.
const LOOKBACK_DAYS = 30;

// Detects brand-safety spikes of one source on one day from the stored classifications; new
// alerts are stored once and handed to the webhook delivery job, and to the e-mail and Slack
// deliveries when the workspace has recipients.
export function detectSpikesHandler(deps: { orm: MikroORM; enqueue: Enqueue; now?: () => Date }) {
  return async (payload: JobPayload<'detect-spikes'>) => {
    const em = deps.orm.em.fork();
    const dayStart = new Date(`${payload.day}T00:00:00Z`);
    const counts = await brandSafetyCounts(em, payload.workspaceId, {
      sourceId: payload.sourceId,
      from: new Date(dayStart.getTime() - LOOKBACK_DAYS * DAY_MS),
      to: new Date(dayStart.getTime() + DAY_MS),
    });
    const spikes = detectSpikes(counts.days.map(dailySafetyPoint)).filter((spike) => spike.day === payload.day);
    const created = await insertAlerts(
      em,
      spikes.map((spike) => ({ workspaceId: payload.workspaceId, sourceId: payload.sourceId, metric: spike.metric, day: spike.day, share: spike.share, baselineMean: spike.baselineMean, baselineSd: spike.baselineSd, comments: spike.comments })),
      deps.now?.() ?? new Date(),
    );
    for (const alertId of created) {
      await deps.enqueue('deliver-alert', { alertId });
      await queueAlertMessages(em, alertId, deps.enqueue);
    }
    return { spikes: spikes.length, newAlerts: created.length };
  };
}
