import type { EntityManager } from '@mikro-orm/postgresql';
import { DEFAULT_LAG_DAYS, DomainError, audienceReportOf, productionReportOf, sourceKinds, validateThresholdOverrides, type AudienceReport, type ProductionReport, type SourceKind } from '@persona-ops/domain/core';
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
import { ApiError } from '../http/api-error.ts';
import type { OverviewReport, OverviewReportFilters } from '../routes/reports/overview-report.schemas.ts';
import { NO_POSTS, commercialFromInputs, currencyInputs } from './commercial-report.service.ts';
import { assertFilterIdsOwned } from './owned.ts';
import { placementsOf } from './production-report.service.ts';
import { reportBasis, type Basis } from './report-basis.ts';

/**
 * A layer that refuses its scope (mixed currencies; an asset whose recorded times contradict each
 * other) is shown as unavailable with the refusal's message, so the other layers of the overview
 * still answer. Any other error fails the request.
 */
export async function layerOrRefusal<T>(work: Promise<T>): Promise<{ report: T | null; unavailable: string | null }> {
  try {
    return { report: await work, unavailable: null };
  } catch (error) {
    const refused = (error instanceof ApiError && error.status === 422) || (error instanceof DomainError && ['currency_mismatch', 'invalid_input'].includes(error.code));
    if (refused && error instanceof Error) return { report: null, unavailable: error.message };
    throw error;
  }
}

type Layers = {
  pipeline: { report: ProductionReport | null; unavailable: string | null };
  audience: AudienceReport;
  commerce: { report: Awaited<ReturnType<typeof commercialFromInputs>> | null; unavailable: string | null };
};

// What the overview reads of neither the lift, the brand mentions, the comments, the survey answers
// nor the paid tests: nothing (none of its figures uses them).
const NOT_READ = 'Not read by the overview.';
const NO_LIFT = { value: null, lagDays: DEFAULT_LAG_DAYS, window: null, baselineWindow: null, windowGain: null, baselineGain: null, sources: [], reason: NOT_READ };
const NO_TESTS = { result: null, reason: NOT_READ, tests: [] };
const NO_COMMENTS = { comments: null, classified: 0, positive: 0, neutral: 0, negative: 0, flagged: 0, mentioning: 0 };

/**
 * Every kind's three layers from the rollups, each input read once for every kind (grouped by the
 * source's kind, or read for the whole scope and split by kind), then computed per kind by the
 * reports' own code: the same figures as the three reports asked once per kind.
 */
async function kindLayers(em: EntityManager, workspaceId: string, filters: OverviewReportFilters, now: Date, basis: Basis): Promise<Layers[]> {
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
  const extras = async () => ({ surveyAnswers: null, lifts: { incremental_lift: NO_TESTS, paid_media_lift: NO_TESTS }, goal: null });

  return Promise.all(sourceKinds.map(async (sourceKind) => {
    const query = { ...rest, sourceKind };
    const own = assetsOf.get(sourceKind) ?? [];
    const ownIds = new Set(own.map((asset) => asset.id));
    const pipeline = await layerOrRefusal(Promise.resolve().then(() => productionReportOf(query, {
      assets: own,
      transitions: transitions.filter((t) => ownIds.has(t.assetId)),
      placements: placements.filter((p) => ownIds.has(p.assetId)),
      workspaceCurrency: workspace.currency,
    }, now)));
    const audience = audienceReportOf({ ...query, lagDays: DEFAULT_LAG_DAYS }, {
      aggregates: aggregates.get(sourceKind)!,
      growth: growthOf.get(sourceKind) ?? [],
      mentions: { posts: 0, comments: null, mentions: 0 },
      comments: NO_COMMENTS,
      lift: NO_LIFT,
      reason: NOT_READ,
      startDay,
      endDay,
    }, options);
    const commerce = await layerOrRefusal(commercialFromInputs(query, {
      campaigns: campaigns.get(sourceKind) ?? [],
      posts: posts.get(sourceKind) ?? NO_POSTS,
      assets: used.get(sourceKind) ?? [],
      days: days.get(sourceKind) ?? [],
      costs,
      // Kinds are read side by side: every one in the reporting currency.
      fx: currencyInputs(em, workspace, true),
      workspaceCurrency: workspace.currency,
    }, now, options, extras));
    return { pipeline, audience, commerce };
  }));
}

function kindFigures(sourceKind: SourceKind, { pipeline, audience, commerce }: Layers): OverviewReport['kinds'][number] {
  const production = pipeline.report;
  const commercial = commerce.report;
  return {
    sourceKind,
    production: production === null
      ? null
      : {
          currency: production.currency,
          assets_in_scope: production.kpis.assets_in_scope,
          approved_assets: production.kpis.approved_assets,
          approval_rate: production.kpis.approval_rate,
          cost_per_approved_asset: production.kpis.cost_per_approved_asset,
        },
    productionUnavailable: pipeline.unavailable,
    audience: {
      posts: audience.sample.posts,
      reach: audience.kpis.reach,
      engagement_rate: audience.kpis.engagement_rate,
      audience_growth_rate: audience.kpis.audience_growth_rate,
    },
    commerce: commercial === null
      ? null
      : {
          currency: commercial.currency,
          posts: commercial.inputs.posts,
          cost: commercial.kpis.cost,
          cpm: commercial.kpis.cpm,
          ctr: commercial.kpis.ctr,
          cpa: commercial.kpis.cpa,
          roi: commercial.kpis.roi,
        },
    commerceUnavailable: commerce.unavailable,
  };
}

/**
 * The three layers side by side per source kind: the figures of the production, audience and
 * commercial reports asked once per kind (sourceKind set) with the same filters, their inputs read
 * for every kind at once (kindLayers) and computed by the reports' own code.
 * The layers read the rollups when they can answer (see report-basis.ts); freshness says which.
 */
export async function overviewReport(em: EntityManager, workspaceId: string, filters: OverviewReportFilters, now: Date): Promise<OverviewReport> {
  await assertFilterIdsOwned(em, workspaceId, { campaignId: filters.campaignId });
  const { basis, freshness } = await reportBasis(em, workspaceId, { live: filters.live, from: filters.from ? new Date(filters.from) : undefined, to: filters.to ? new Date(filters.to) : undefined }, now);
  const kinds = (await kindLayers(em, workspaceId, filters, now, basis)).map((layers, i) => kindFigures(sourceKinds[i]!, layers));
  return {
    freshness,
    scope: { ...filters, basis: 'per source kind, the production, audience and commercial reports with that kind and these filters, each on its own basis' },
    kinds,
  };
}
