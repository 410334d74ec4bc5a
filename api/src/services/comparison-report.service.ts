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
  type ComparisonSource,
  type ScopedCampaign,
  type SourceWindow,
  type WindowSample,
} from '@persona-ops/domain/store';
import {
  COMPARISON_KPIS,
  COST_DEPENDENT_KPIS,
  DEFAULT_LAG_DAYS,
  alignWindow,
  audienceReportOf,
  type AudienceReport,
  campaignGoals,
  compareByGoal,
  decisiveKpis,
  rankSources,
  difference,
  toMajor,
  type ComparisonKpiId,
  type SourceKpiValues,
  type WindowAlignment,
  validateThresholdOverrides,
} from '@persona-ops/domain/core';
import type { ComparisonReport, ComparisonReportFilters } from '../routes/reports/comparison-report.schemas.ts';
import { NO_POSTS, commercialFromInputs, currencyInputs } from './commercial-report.service.ts';
import { findOwned } from './owned.ts';
import { liveBecause, reportBasis, type Basis } from './report-basis.ts';

type Audience = AudienceReport;
type Commercial = Awaited<ReturnType<typeof commercialFromInputs>>;
type Figure = { value: number | null; currency: string | null; sample: Record<string, number | null> };
type Layers = { audience: Audience | null; commercial: Commercial | null; window: WindowSample };

// Which report each comparison KPI comes from. likes, comments, shares and saves are raw counters
// no report sums on their own, so they come from the window's latest snapshots (windowSamples).
const LAYER: Record<ComparisonKpiId, 'audience' | 'commercial' | 'window'> = {
  reach: 'audience',
  impressions: 'audience',
  cpm: 'commercial',
  brand_mentions_per_post: 'audience',
  sentiment: 'audience',
  ctr: 'commercial',
  clicks: 'commercial',
  cpc: 'commercial',
  likes: 'window',
  comments: 'window',
  shares: 'window',
  saves: 'window',
  engagement_rate: 'audience',
  save_rate: 'audience',
  share_rate: 'audience',
  target_actions: 'commercial',
  conversions: 'commercial',
  cpa: 'commercial',
  sales: 'commercial',
  revenue: 'commercial',
  roi: 'commercial',
  conversion_rate: 'commercial',
};

const cost = (c: Commercial) => c.kpis.cost?.total?.amountMinor ?? null;

/** The figure of one KPI, read from the report that computes it, with the counts behind it. */
function figure(kpiId: ComparisonKpiId, { audience: a, commercial: c, window: w }: Layers): Figure {
  const plain = (value: number | null, sample: Record<string, number | null>): Figure => ({ value, currency: null, sample });
  if (a) {
    const k = a.kpis;
    switch (kpiId) {
      case 'reach':
        return plain(k.reach.value, { posts: k.reach.posts });
      case 'impressions':
        return plain(k.impressions.value, { posts: k.impressions.posts });
      case 'brand_mentions_per_post':
        return plain(k.brand_mentions_per_post.value, { mentions: k.brand_mentions_per_post.mentions, posts: k.brand_mentions_per_post.posts });
      case 'sentiment':
        // Net sentiment (comparison.ts): positive share minus negative share, in points.
        return plain(difference(k.sentiment_share.positive, k.sentiment_share.negative), { classified: k.sentiment_share.classified });
      case 'engagement_rate':
        return plain(k.engagement_rate.value, { posts: k.engagement_rate.posts, interactions: k.engagement_rate.interactions, followers: k.engagement_rate.followers });
      case 'save_rate':
        return plain(k.save_rate.value, { posts: k.save_rate.posts, saves: k.save_rate.count, base: k.save_rate.denominator });
      case 'share_rate':
        return plain(k.share_rate.value, { posts: k.share_rate.posts, shares: k.share_rate.count, base: k.share_rate.denominator });
      default:
        break;
    }
  }
  if (c) {
    const k = c.kpis;
    const i = c.inputs;
    const money = (value: number | null, sample: Record<string, number | null>): Figure => ({ value, currency: c.currency, sample });
    switch (kpiId) {
      case 'cpm':
        return money(k.cpm.value, { costMinor: cost(c), impressions: i.impressions, postsWithImpressions: i.postsWithImpressions });
      case 'ctr':
        return plain(k.ctr.value, { clicks: i.clicks, [k.ctr.base ?? 'impressions']: k.ctr.base === 'views' ? i.views : i.impressions });
      case 'clicks':
        return plain(i.clicks, { posts: i.posts });
      case 'cpc':
        return money(k.cpc.value, { costMinor: cost(c), clicks: i.clicks });
      case 'target_actions':
        return plain(k.target_actions.value, { clicks: i.clicks });
      case 'conversions':
        // A conversion is the campaign's target action (kpi-spec: cpa = cost / target actions (conversions)).
        return plain(i.targetActions, { clicks: i.clicks });
      case 'cpa':
        return money(k.cpa.value, { costMinor: cost(c), targetActions: i.targetActions });
      case 'sales':
        return plain(k.sales, { targetActions: i.targetActions });
      case 'revenue':
        return money(k.revenue === null ? null : toMajor(k.revenue), { sales: k.sales });
      case 'roi':
        return plain(k.roi.value, { revenueMinor: k.revenue?.amountMinor ?? null, costMinor: cost(c) });
      case 'conversion_rate':
        return plain(k.conversion_rate.value, { targetActions: i.targetActions, clicks: i.clicks });
      default:
        break;
    }
  }
  switch (kpiId) {
    case 'likes':
    case 'comments':
    case 'shares':
    case 'saves':
      return plain(w[kpiId], { posts: w.reported[kpiId] });
    default:
      return plain(null, {});
  }
}

const utcDay = (date: Date) => date.toISOString().slice(0, 10);

function launchOf(source: ComparisonSource): { on: string; basis: 'launched_on' | 'first_post' } | null {
  if (source.launchedOn) return { on: source.launchedOn, basis: 'launched_on' };
  if (source.firstPostAt) return { on: utcDay(source.firstPostAt), basis: 'first_post' };
  return null;
}

// What the comparison reads of the lift and the paid tests: nothing (no comparison KPI uses them).
const NO_LIFT = { value: null, lagDays: DEFAULT_LAG_DAYS, window: null, baselineWindow: null, windowGain: null, baselineGain: null, sources: [], reason: 'Not read by the comparison.' };
const NOT_READ = { result: null, reason: 'Not read by the comparison.', tests: [] };

/**
 * Every source's audience and commercial layers, their inputs read for all the sources at once (one
 * statement per input, grouped by source; from the rollups or live), then computed per source by
 * the reports' own code (audienceReportOf, commercialFromInputs): the figures of the audience and
 * commercial reports asked once per source with its window as the period.
 */
async function sourceLayers(
  em: EntityManager,
  workspaceId: string,
  windows: SourceWindow[],
  read: { basis: Basis; campaignId: string | undefined; audience: boolean; commercial: boolean },
  samples: Map<string, WindowSample>,
  now: Date,
) {
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
  const extras = async () => ({ surveyAnswers: null, lifts: { incremental_lift: NOT_READ, paid_media_lift: NOT_READ }, goal: null });
  return Promise.all(windows.map(async (w) => {
    const query = { sourceId: w.sourceId, campaignId: read.campaignId, from: w.from.toISOString(), to: w.to.toISOString() };
    const audience = aggregates && mentions && comments
      ? audienceReportOf({ ...query, lagDays: DEFAULT_LAG_DAYS }, {
          aggregates: aggregates.get(w.sourceId)!,
          growth: [],
          mentions: mentions.get(w.sourceId)!,
          comments: comments.get(w.sourceId)!,
          lift: NO_LIFT,
          reason: null,
          startDay: null,
          endDay: null,
        }, options)
      : null;
    const commercial = campaigns && posts && assets && days
      ? await commercialFromInputs(query, {
          campaigns: campaigns.get(w.sourceId) ?? [],
          posts: posts.get(w.sourceId) ?? NO_POSTS,
          assets: assets.get(w.sourceId) ?? [],
          days: days.get(w.sourceId) ?? [],
          costs: { lines, parties, paidSpend },
          // Sources are ranked against each other: every one in the reporting currency.
          fx: currencyInputs(em, workspace, true),
          workspaceCurrency: workspace.currency,
        }, now, options, extras)
      : null;
    return { sourceId: w.sourceId, audience, commercial, window: samples.get(w.sourceId)! };
  }));
}

/**
 * Sources compared by the job: the goal's deciding KPIs (decisiveKpis; every goal's when none is
 * given), each source over its own
 * window [launch, launch + windowDays) (alignWindow), in one currency, ranked per KPI (rankSources
 * via compareByGoal). Each source's KPIs come from the audience and commercial reports asked with
 * its id and its window as the period; a source younger than the window is too new to compare.
 */
export async function comparisonReport(em: EntityManager, workspaceId: string, filters: ComparisonReportFilters, now: Date): Promise<ComparisonReport> {
  const campaign = filters.campaignId ? await findOwned(em, Campaign, 'campaign', filters.campaignId, workspaceId) : null;
  // Without a goal or a campaign, every job's deciding KPIs: the executive's first look.
  const goal = filters.goal ?? campaign?.goal ?? null;
  const asOf = filters.asOf ? new Date(filters.asOf.length === 10 ? `${filters.asOf}T00:00:00Z` : filters.asOf) : now;
  const kpiIds = goal ? decisiveKpis(goal) : [...new Set(campaignGoals.flatMap((g) => decisiveKpis(g)))];
  const needs = new Set(kpiIds.map((id) => LAYER[id]));
  const moneyKpis = kpiIds.filter((id) => COMPARISON_KPIS[id].money);

  const sources = await comparisonSources(em, workspaceId, { campaignId: filters.campaignId, sourceKind: filters.sourceKind });
  const aligned = sources.map((source) => {
    const launch = launchOf(source);
    const window: WindowAlignment | null = launch ? alignWindow(new Date(`${launch.on}T00:00:00Z`), filters.windowDays, asOf) : null;
    return { source, launch, window };
  });
  const measured = aligned.flatMap((entry) => (entry.window?.status === 'aligned' ? [{ ...entry, window: entry.window }] : []));

  // The rollups answer windows of whole UTC days (a launch date or a first post's day always is).
  let { basis, freshness } = await reportBasis(em, workspaceId, { live: filters.live }, now);
  const windows = measured.map((m) => ({ sourceId: m.source.id, from: m.window.start, to: m.window.end }));
  const byWindow = { by: 'window', windows } as const;
  if (basis === 'rollup' && !rollupCanAnswer({ workspaceId }, byWindow)) ({ basis, freshness } = liveBecause('A window does not start on a UTC midnight, and the rollups are per UTC day: computed live.'));
  const samples = await windowSamples(em, { scope: { workspaceId, campaignId: filters.campaignId }, grouping: byWindow, basis });
  const layers = await sourceLayers(em, workspaceId, windows, { basis, campaignId: filters.campaignId, audience: needs.has('audience'), commercial: needs.has('commercial') }, samples, now);
  const layersOf = new Map(layers.map((l) => [l.sourceId, l]));

  // One currency for every money KPI: every source's commercial figures are in the workspace's
  // reporting currency (converted at each amount's day when they spend in others).
  const currency = moneyKpis.length > 0 ? (layers.find((l) => l.commercial !== null)?.commercial?.currency ?? null) : null;

  const rows = aligned.map(({ source, launch, window }) => {
    const l = layersOf.get(source.id);
    const figures = l ? kpiIds.map((kpiId) => ({ kpiId, ...figure(kpiId, l) })) : [];
    return {
      source,
      launch,
      window,
      figures,
      dto: {
        sourceId: source.id,
        name: source.name,
        kind: source.kind,
        launch: { on: launch?.on ?? null, basis: launch?.basis ?? null },
        status: window === null ? ('no_launch_date' as const) : window.status,
        daysSinceLaunch: window?.daysSinceLaunch ?? null,
        window: window?.status === 'aligned' ? { from: window.start.toISOString(), to: window.end.toISOString() } : null,
        currency: l?.commercial?.currency ?? null,
        cost: l?.commercial?.kpis.cost ? { known: l.commercial.kpis.cost.total !== null, missing: l.commercial.kpis.cost.missing.map((m) => m.prompt) } : null,
        sample: l
          ? {
              posts: l.window.posts,
              postsWithSnapshot: l.window.postsWithSnapshot,
              snapshots: l.window.snapshots,
              clicks: l.commercial?.inputs.clicks ?? null,
              classifiedComments: l.audience?.kpis.sentiment_share.classified ?? null,
            }
          : null,
        kpis: figures,
      },
    };
  });

  const compared: SourceKpiValues[] = rows.flatMap(({ source, window, figures }) =>
    window === null
      ? []
      : [{
          sourceId: source.id,
          kind: source.kind,
          window,
          ...(currency === null ? {} : { currency }),
          values: Object.fromEntries(figures.map((f) => [f.kpiId, f.value])),
        }],
  );
  const named = new Map(sources.map((s) => [s.id, s]));
  const costUnknown = new Set(rows.filter((row) => row.dto.cost?.known === false).map((row) => row.source.id));
  const ranked = goal
    ? compareByGoal(goal, compared)
    : kpiIds.map((kpiId) => rankSources(kpiId, compared.map(({ values, ...entry }) => ({ ...entry, value: values[kpiId] ?? null }))));
  const rankings = ranked.map((ranking) => ({
    kpiId: ranking.kpiId,
    direction: ranking.direction,
    currency: ranking.currency,
    entries: ranking.entries.map((entry) => ({
      sourceId: entry.sourceId,
      name: named.get(entry.sourceId)?.name ?? '',
      kind: entry.kind,
      // Unknown because its cost is not recorded: said so, never read as "no data" or ranked.
      status: entry.status === 'no_data' && COST_DEPENDENT_KPIS.has(ranking.kpiId) && costUnknown.has(entry.sourceId) ? ('cost_not_recorded' as const) : entry.status,
      rank: entry.rank,
      value: entry.value,
    })),
  }));

  const notes: string[] = [];
  const tooNew = rows.filter((r) => r.window?.status === 'too_new_to_compare');
  if (tooNew.length > 0) {
    notes.push(`Too new to compare (younger than ${filters.windowDays} days on ${utcDay(asOf)}): ${tooNew.map((r) => `${r.source.name} (${r.window!.daysSinceLaunch} days)`).join(', ')}. They are listed, never ranked: compare them again once their window has elapsed, or shorten windowDays.`);
  }
  const undated = rows.filter((r) => r.window === null);
  if (undated.length > 0) notes.push(`No launch date and no post, so no window: ${undated.map((r) => r.source.name).join(', ')}. Record their launch (or first-post) date.`);
  const fromFirstPost = rows.filter((r) => r.launch?.basis === 'first_post');
  if (fromFirstPost.length > 0) notes.push(`Aligned on their first post because no launch date is recorded: ${fromFirstPost.map((r) => r.source.name).join(', ')}.`);

  return {
    freshness,
    scope: {
      ...filters,
      goal,
      goalFrom: filters.goal ? 'query' : campaign ? 'campaign' : 'every_goal',
      asOf: asOf.toISOString(),
      basis: "each source over its own window [launch, launch + windowDays): the audience and commercial reports asked with the source and that window as the period (posts published in it, each at its latest snapshot in it; conversions on days in it)",
    },
    currency,
    decisiveKpis: kpiIds.map((id) => ({
      kpiId: id,
      direction: COMPARISON_KPIS[id].direction,
      money: COMPARISON_KPIS[id].money,
      goals: campaignGoals.filter((g) => decisiveKpis(g).includes(id)),
    })),
    sources: rows.map((r) => r.dto),
    rankings,
    notes,
  };
}
