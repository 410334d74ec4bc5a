import type { EntityManager } from '@mikro-orm/postgresql';
import { executiveAnswer, sourceKinds, type AnswerSource, type CampaignGoal, type ComparisonFilters, type SourceKind } from '@persona-ops/domain/core';
import { comparisonReport } from './comparison-report.service.ts';
import { productionReport } from './production-report.service.ts';

const DAY_MS = 86_400_000;

/** The job the character is judged on, over the comparison's aligned window. */
export type ExecutiveAnswerQuery = { goal: CampaignGoal } & Pick<ComparisonFilters, 'windowDays' | 'asOf' | 'campaignId'>;

/**
 * "Is the AI character worth it?": the comparison's age-aligned figures of every source (all
 * goals' KPIs, so cost per result, ROI and net sentiment are there whatever the goal), each kind's
 * approved assets (for production velocity), and the answer assembled by the core (executiveAnswer).
 */
export async function executiveAnswerReport(em: EntityManager, workspaceId: string, query: ExecutiveAnswerQuery, now: Date) {
  const comparison = await comparisonReport(em, workspaceId, { windowDays: query.windowDays, asOf: query.asOf, campaignId: query.campaignId, live: false }, now);
  const asOf = new Date(comparison.scope.asOf);
  const from = new Date(asOf.getTime() - query.windowDays * DAY_MS);
  const approvedAssets = Object.fromEntries(await Promise.all(sourceKinds.map(async (kind): Promise<[SourceKind, number | null]> => {
    const production = await productionReport(em.fork(), workspaceId, { sourceKind: kind, campaignId: query.campaignId, from: from.toISOString(), to: asOf.toISOString() }, now);
    return [kind, production.kpis.assets_in_scope === 0 ? null : production.kpis.approved_assets];
  })));
  const sources: AnswerSource[] = comparison.sources.map((source) => ({
    sourceId: source.sourceId,
    name: source.name,
    kind: source.kind,
    status: source.status,
    daysSinceLaunch: source.daysSinceLaunch,
    posts: source.sample?.posts ?? null,
    // No campaign in its window: no cost to know, and no cost KPI either.
    costKnown: source.cost?.known ?? true,
    values: Object.fromEntries(source.kpis.map((kpi) => [kpi.kpiId, kpi.value])),
  }));
  const answer = executiveAnswer({ goal: query.goal, windowDays: query.windowDays, currency: comparison.currency, sources, approvedAssets });
  return { ...answer, asOf: asOf.toISOString() };
}
