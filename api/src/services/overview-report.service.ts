import type { EntityManager } from '@mikro-orm/postgresql';
import {
  DEFAULT_LAG_DAYS,
  NO_POSTS,
  audienceReportOf,
  commercialRateDays,
  commercialReportOf,
  layerOrRefusal,
  liftNotRead,
  overviewReportOf,
  paidTestsNotRead,
  productionReportOf,
  sourceKinds,
  validateThresholdOverrides,
  type CommercialReportInputs,
  type KindLayers,
  type OverviewFilters,
} from '@persona-ops/domain/core';
import {
  Workspace,
  aiCharacterAssetsUsed,
  assetTransitions,
  audienceSums,
  campaignsInScope,
  conversionDayTotals,
  costLinesOf,
  costPartiesOf,
  paidSpendOf,
  followerGrowth,
  postAggregates,
  productionAssets,
  sourceKindsOf,
} from '@persona-ops/domain/store';
import { fxRatesFor } from './fx-rates-for.ts';
import { assertFilterIdsOwned } from './owned.ts';
import { placementsOf } from './production-report.service.ts';
import { reportBasis, type Basis } from './report-basis.ts';

// What the overview reads of neither the lift, the brand mentions, the comments, the survey answers
// nor the paid tests: nothing (none of its figures uses them).
const NOT_READ = 'Not read by the overview.';
const NO_COMMENTS = { comments: null, classified: 0, positive: 0, neutral: 0, negative: 0, flagged: 0, mentioning: 0 };

/**
 * Every kind's three layers from the rollups, each input read once for every kind (grouped by the
 * source's kind, or read for the whole scope and split by kind), then computed per kind by the
 * reports' own code: the same figures as the three reports asked once per kind.
 */
async function kindLayers(em: EntityManager, workspaceId: string, filters: OverviewFilters, now: Date, basis: Basis): Promise<KindLayers[]> {
  const { live: _, ...rest } = filters;
  const workspace = await em.findOneOrFail(Workspace, { id: workspaceId });
  const options = { overrides: validateThresholdOverrides(workspace.tierOverrides) };
  const from = rest.from ? new Date(rest.from) : undefined;
  const to = rest.to ? new Date(rest.to) : undefined;
  const scope = { workspaceId, campaignId: rest.campaignId, from, to };
  const startDay = from ? from.toISOString().slice(0, 10) : null;
  const endDay = to ? new Date(to.getTime() - 1).toISOString().slice(0, 10) : null;

  // Each layer's reads start as soon as what they need is in, not after the other layers'.
  const production = productionAssets(em.fork(), workspaceId, { campaignId: rest.campaignId, from, to }).then(async (assets) => {
    const ids = assets.map((asset) => asset.id);
    const [transitions, placements] = await Promise.all([assetTransitions(em.fork(), workspaceId, ids), placementsOf(em.fork(), workspaceId, ids, basis)]);
    return { assets, transitions, placements };
  });
  const commercial = campaignsInScope(em.fork(), { scope, grouping: { by: 'kind', kinds: sourceKinds } }).then(async (campaigns) => {
    const campaignsOf = new Map([...campaigns.entries()].filter(([, list]) => list.length > 0).map(([kind, list]) => [kind, list.map((c) => c.id)]));
    const everyCampaign = [...new Set([...campaignsOf.values()].flat())];
    const read = { scope, grouping: { by: 'kind', kinds: [...campaignsOf.keys()], campaignsOf }, basis } as const;
    const [posts, used, days, lines, parties, paidSpend] = await Promise.all([
      postAggregates(em.fork(), read),
      aiCharacterAssetsUsed(em.fork(), read),
      conversionDayTotals(em.fork(), read),
      costLinesOf(em.fork(), workspaceId, everyCampaign),
      costPartiesOf(em.fork(), workspaceId, everyCampaign),
      paidSpendOf(em.fork(), workspaceId, everyCampaign),
    ]);
    return { campaigns, posts, used, days, costs: { lines, parties, paidSpend } };
  });
  const [{ assets, transitions, placements }, aggregates, growth, kindOf, { campaigns, posts, used, days, costs }] = await Promise.all([
    production,
    audienceSums(em.fork(), { scope, grouping: { by: 'kind', kinds: sourceKinds }, basis }),
    followerGrowth(em.fork(), { scope, grouping: { by: 'none' }, basis }, startDay, endDay),
    sourceKindsOf(em.fork(), workspaceId),
    commercial,
  ]);
  const assetsOf = Map.groupBy(assets, (asset) => asset.sourceKind);
  const growthOf = Map.groupBy(growth, (g) => kindOf.get(g.sourceId));
  const extras = { surveyAnswers: null, lifts: paidTestsNotRead(NOT_READ), goal: null };

  return Promise.all(sourceKinds.map(async (sourceKind) => {
    const query = { ...rest, sourceKind };
    const own = assetsOf.get(sourceKind) ?? [];
    const ownIds = new Set(own.map((asset) => asset.id));
    const pipeline = await layerOrRefusal(() => productionReportOf(query, {
      assets: own,
      transitions: transitions.filter((t) => ownIds.has(t.assetId)),
      placements: placements.filter((p) => ownIds.has(p.assetId)),
      workspaceCurrency: workspace.currency,
    }, now));
    const audience = audienceReportOf({ ...query, lagDays: DEFAULT_LAG_DAYS }, {
      aggregates: aggregates.get(sourceKind)!,
      growth: growthOf.get(sourceKind) ?? [],
      mentions: { posts: 0, comments: null, mentions: 0 },
      comments: NO_COMMENTS,
      lift: liftNotRead(NOT_READ),
      reason: NOT_READ,
      startDay,
      endDay,
    }, options);
    const commercial: CommercialReportInputs = {
      campaigns: campaigns.get(sourceKind) ?? [],
      posts: posts.get(sourceKind) ?? NO_POSTS,
      assets: used.get(sourceKind) ?? [],
      days: days.get(sourceKind) ?? [],
      costs,
      workspaceCurrency: workspace.currency,
      // Kinds are read side by side: every one in the reporting currency.
      currencyRule: { reportingCurrency: workspace.reportingCurrency, alwaysReporting: true },
    };
    const commerce = await layerOrRefusal(fxRatesFor(em, workspaceId, commercialRateDays(query, commercial)).then((rates) => commercialReportOf(query, commercial, rates, extras, options)));
    return { sourceKind, pipeline, audience, commerce };
  }));
}

/**
 * The three layers side by side per source kind: the figures of the production, audience and
 * commercial reports asked once per kind (sourceKind set) with the same filters, their inputs read
 * for every kind at once (kindLayers) and computed by the reports' own code.
 * The layers read the rollups when they can answer (see report-basis.ts); freshness says which.
 */
export async function overviewReport(em: EntityManager, workspaceId: string, filters: OverviewFilters, now: Date) {
  await assertFilterIdsOwned(em, workspaceId, { campaignId: filters.campaignId });
  const { basis, freshness } = await reportBasis(em, workspaceId, { live: filters.live, from: filters.from ? new Date(filters.from) : undefined, to: filters.to ? new Date(filters.to) : undefined }, now);
  return { freshness, ...overviewReportOf(filters, await kindLayers(em, workspaceId, filters, now, basis)) };
}
