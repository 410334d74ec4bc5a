import type { EntityManager } from '@mikro-orm/postgresql';
import {
  Campaign,
  Workspace,
  aiCharacterAssetsUsed,
  audienceSums,
  brandMentionCounts,
  campaignsInScope,
  commentCounts,
  comparisonSources,
  conversionDayTotals,
  costLinesOf,
  costPartiesOf,
  paidSpendOf,
  postAggregates,
  rollupCanAnswer,
  windowSamples,
  type ScopedCampaign,
  type SourceWindow,
  type WindowSample,
} from '@persona-ops/domain/store';
import {
  DEFAULT_LAG_DAYS,
  NO_POSTS,
  audienceReportOf,
  commercialRateDays,
  commercialReportOf,
  comparisonPlan,
  comparisonReportOf,
  liftNotRead,
  paidTestsNotRead,
  validateThresholdOverrides,
  type CommercialReportInputs,
  type ComparisonFilters,
  type SourceLayers,
} from '@persona-ops/domain/core';
import { fxRatesFor } from './fx-rates-for.ts';
import { findOwned } from './owned.ts';
import { liveBecause, reportBasis, type Basis } from './report-basis.ts';

// What the comparison reads of the lift and the paid tests: nothing (no comparison KPI uses them).
const NOT_READ = 'Not read by the comparison.';

/**
 * Every source's audience and commercial layers, their inputs read for all the sources at once (one
 * statement per input, grouped by source; from the rollups or live), then computed per source by
 * the reports' own code (audienceReportOf, commercialReportOf): the figures of the audience and
 * commercial reports asked once per source with its window as the period.
 */
async function sourceLayers(
  em: EntityManager,
  workspaceId: string,
  windows: SourceWindow[],
  read: { basis: Basis; campaignId: string | undefined; audience: boolean; commercial: boolean },
  samples: Map<string, WindowSample>,
): Promise<SourceLayers[]> {
  const workspace = await em.findOneOrFail(Workspace, { id: workspaceId });
  const options = { overrides: validateThresholdOverrides(workspace.tierOverrides) };
  const scope = { workspaceId, campaignId: read.campaignId };
  const [aggregates, mentions, comments, campaigns] = await Promise.all([
    read.audience ? audienceSums(em.fork(), { scope, grouping: { by: 'window', windows }, basis: read.basis }) : null,
    read.audience ? brandMentionCounts(em.fork(), { scope, grouping: { by: 'window', windows }, basis: read.basis }) : null,
    read.audience ? commentCounts(em.fork(), { scope, grouping: { by: 'window', windows } }) : null,
    read.commercial ? campaignsInScope(em.fork(), { scope, grouping: { by: 'window', windows } }) : null,
  ]);
  const campaignsOf = new Map([...(campaigns ?? new Map<string, ScopedCampaign[]>()).entries()].map(([sourceId, list]) => [sourceId, list.map((c) => c.id)]));
  const spending = windows.filter((w) => (campaignsOf.get(w.sourceId) ?? []).length > 0);
  const everyCampaign = [...new Set([...campaignsOf.values()].flat())];
  const spent = { scope, grouping: { by: 'window', windows: spending, campaignsOf }, basis: read.basis } as const;
  const [posts, assets, days, lines, parties, paidSpend] = read.commercial
    ? await Promise.all([
        postAggregates(em.fork(), spent),
        aiCharacterAssetsUsed(em.fork(), spent),
        conversionDayTotals(em.fork(), spent),
        costLinesOf(em.fork(), workspaceId, everyCampaign),
        costPartiesOf(em.fork(), workspaceId, everyCampaign),
        paidSpendOf(em.fork(), workspaceId, everyCampaign),
      ])
    : [null, null, null, [], [], []];
  const extras = { surveyAnswers: null, lifts: paidTestsNotRead(NOT_READ), goal: null };
  return Promise.all(windows.map(async (w) => {
    const query = { sourceId: w.sourceId, campaignId: read.campaignId, from: w.from.toISOString(), to: w.to.toISOString() };
    const audience = aggregates && mentions && comments
      ? audienceReportOf({ ...query, lagDays: DEFAULT_LAG_DAYS }, {
          aggregates: aggregates.get(w.sourceId)!,
          growth: [],
          mentions: mentions.get(w.sourceId)!,
          comments: comments.get(w.sourceId)!,
          lift: liftNotRead(NOT_READ),
          reason: null,
          startDay: null,
          endDay: null,
        }, options)
      : null;
    const inputs: CommercialReportInputs | null = campaigns && posts && assets && days
      ? {
          campaigns: campaigns.get(w.sourceId) ?? [],
          posts: posts.get(w.sourceId) ?? NO_POSTS,
          assets: assets.get(w.sourceId) ?? [],
          days: days.get(w.sourceId) ?? [],
          costs: { lines, parties, paidSpend },
          workspaceCurrency: workspace.currency,
          // Sources are ranked against each other: every one in the reporting currency.
          currencyRule: { reportingCurrency: workspace.reportingCurrency, alwaysReporting: true },
        }
      : null;
    const commercial = inputs && commercialReportOf(query, inputs, await fxRatesFor(em, workspaceId, commercialRateDays(query, inputs)), extras, options);
    return { sourceId: w.sourceId, audience, commercial, window: samples.get(w.sourceId)! };
  }));
}

/**
 * Sources compared by the job (comparisonPlan and comparisonReportOf say how): reads the sources,
 * each aligned source's window sample and its audience and commercial layers, on the rollups when
 * every window starts on a UTC midnight.
 */
export async function comparisonReport(em: EntityManager, workspaceId: string, filters: ComparisonFilters, now: Date) {
  const campaign = filters.campaignId ? await findOwned(em, Campaign, 'campaign', filters.campaignId, workspaceId) : null;
  const sources = await comparisonSources(em, workspaceId, { campaignId: filters.campaignId, sourceKind: filters.sourceKind });
  const plan = comparisonPlan(filters, campaign, sources, now);

  // The rollups answer windows of whole UTC days (a launch date or a first post's day always is).
  let { basis, freshness } = await reportBasis(em, workspaceId, { live: filters.live }, now);
  const { windows } = plan;
  const byWindow = { by: 'window', windows } as const;
  if (basis === 'rollup' && !rollupCanAnswer({ workspaceId }, byWindow)) ({ basis, freshness } = liveBecause('A window does not start on a UTC midnight, and the rollups are per UTC day: computed live.'));
  const samples = await windowSamples(em, { scope: { workspaceId, campaignId: filters.campaignId }, grouping: byWindow, basis });
  const layers = await sourceLayers(em, workspaceId, windows, { basis, campaignId: filters.campaignId, ...plan.reads }, samples);
  return { freshness, ...comparisonReportOf(filters, plan, sources, layers) };
}
