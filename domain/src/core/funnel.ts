import { assertCount } from './guards.ts';
import type { MaybeNumber } from './ratio.ts';
import { percent } from './ratio.ts';

export const FUNNEL_STEPS = ['views', 'clicks', 'registrations', 'target_actions'] as const;
export type FunnelStepId = (typeof FUNNEL_STEPS)[number];

export type FunnelStep = {
  step: FunnelStepId;
  count: number | null;
  /** Percent of the previous step that reached this one; null for the first step. */
  rate: number | null;
  /** Percent of the first step that reached this one. */
  overallRate: number | null;
};

export type FunnelDrop = { from: FunnelStepId; to: FunnelStepId; rate: number; drop: number };
export type Funnel = { steps: FunnelStep[]; biggestDrop: FunnelDrop | null };

/**
 * views → clicks → registrations → target actions. The biggest drop is the step with the lowest
 * step-to-step rate (the largest share lost), not the largest head count lost, which would
 * always be the first step; ties go to the earlier step.
 */
export function funnel(views: MaybeNumber, clicks: MaybeNumber, registrations: MaybeNumber, targetActions: MaybeNumber): Funnel {
  const counts = [views, clicks, registrations, targetActions];
  counts.forEach((c, i) => assertCount(FUNNEL_STEPS[i] ?? 'count', c));
  const steps = FUNNEL_STEPS.map((step, i): FunnelStep => ({
    step,
    count: counts[i] ?? null,
    rate: i === 0 ? null : percent(counts[i], counts[i - 1]),
    overallRate: percent(counts[i], views),
  }));
  let biggestDrop: FunnelDrop | null = null;
  for (const [i, s] of steps.entries()) {
    const previous = steps[i - 1];
    if (previous === undefined || s.rate === null) continue;
    if (biggestDrop === null || s.rate < biggestDrop.rate) {
      biggestDrop = { from: previous.step, to: s.step, rate: s.rate, drop: 100 - s.rate };
    }
  }
  return { steps, biggestDrop };
}
