/*
 * Sources compared by the job: the goal's deciding KPIs (decisiveKpis; every goal's when none is
 * given), each source over its own window [launch, launch + windowDays) (alignWindow), in one
 * currency, ranked per KPI (rankSources via compareByGoal). Each source's figures are those of the
 * audience and commercial reports asked with its id and its window as the period (the caller reads
 * and assembles them); a source younger than the window is too new to compare, listed, never ranked.
 */
import { netSentiment } from '../audience.ts';
import { COMPARISON_KPIS, COST_DEPENDENT_KPIS, alignWindow, compareByGoal, decisiveKpis, rankSources, type ComparisonKpiId, type SourceKpiValues, type WindowAlignment } from '../comparison.ts';
import { toMajor } from '../money.ts';
import { isoDayOf, utcMidnight } from '../utc-day.ts';
import { campaignGoals, type CampaignGoal, type SourceKind } from '../vocabulary.ts';
import type { AudienceReport } from './audience-report.ts';
import type { CommercialReport } from './commercial-report.ts';

/** A source with what dates its window: its recorded launch date, else its first post. */
export type ComparisonSource = { id: string; name: string; kind: SourceKind; launchedOn: string | null; firstPostAt: Date | null };

/** A source's posts in its window, each at its latest snapshot there, with the raw counters summed. */
export type WindowSample = {
  sourceId: string;
  posts: number;
  postsWithSnapshot: number;
  snapshots: number;
  likes: number | null;
  comments: number | null;
  shares: number | null;
  saves: number | null;
  reported: { likes: number; comments: number; shares: number; saves: number };
};

type Audience = AudienceReport;
type Commercial = CommercialReport;
type Figure = { value: number | null; currency: string | null; sample: Record<string, number | null> };
/** A source's audience and commercial reports over its window (null: not needed by the KPIs), and its sample. */
export type SourceLayers = { sourceId: string; audience: Audience | null; commercial: Commercial | null; window: WindowSample };

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

const costOf = (c: Commercial) => c.kpis.cost?.total?.amountMinor ?? null;

/** The figure of one KPI, read from the report that computes it, with the counts behind it. */
export function comparisonFigure(kpiId: ComparisonKpiId, { audience: a, commercial: c, window: w }: SourceLayers): Figure {
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
        return plain(netSentiment(k.sentiment_share), { classified: k.sentiment_share.classified });
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
        return money(k.cpm.value, { costMinor: costOf(c), impressions: i.impressions, postsWithImpressions: i.postsWithImpressions });
      case 'ctr':
        return plain(k.ctr.value, { clicks: i.clicks, [k.ctr.base ?? 'impressions']: k.ctr.base === 'views' ? i.views : i.impressions });
      case 'clicks':
        return plain(i.clicks, { posts: i.posts });
      case 'cpc':
        return money(k.cpc.value, { costMinor: costOf(c), clicks: i.clicks });
      case 'target_actions':
        return plain(k.target_actions.value, { clicks: i.clicks });
      case 'conversions':
        // A conversion is the campaign's target action (kpi-spec: cpa = cost / target actions (conversions)).
        return plain(i.targetActions, { clicks: i.clicks });
      case 'cpa':
        return money(k.cpa.value, { costMinor: costOf(c), targetActions: i.targetActions });
      case 'sales':
        return plain(k.sales, { targetActions: i.targetActions });
      case 'revenue':
        return money(k.revenue === null ? null : toMajor(k.revenue), { sales: k.sales });
      case 'roi':
        return plain(k.roi.value, { revenueMinor: k.revenue?.amountMinor ?? null, costMinor: costOf(c) });
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

function launchOf(source: ComparisonSource): { on: string; basis: 'launched_on' | 'first_post' } | null {
  if (source.launchedOn) return { on: source.launchedOn, basis: 'launched_on' };
  if (source.firstPostAt) return { on: isoDayOf(source.firstPostAt), basis: 'first_post' };
  return null;
}

export type ComparisonFilters = { goal?: CampaignGoal | undefined; windowDays: number; asOf?: string | undefined; campaignId?: string | undefined; sourceKind?: SourceKind | undefined; live: boolean };

/**
 * What a comparison reads: its goal (asked, else the campaign's; none: every goal's deciding KPIs,
 * the executive's first look), the moment it is made, its KPIs and which reports they need, and each
 * source's window (aligned ones are read).
 */
export function comparisonPlan(filters: ComparisonFilters, campaign: { goal: CampaignGoal } | null, sources: readonly ComparisonSource[], now: Date) {
  const goal = filters.goal ?? campaign?.goal ?? null;
  const asOf = filters.asOf ? new Date(filters.asOf.length === 10 ? `${filters.asOf}T00:00:00Z` : filters.asOf) : now;
  const kpiIds = goal ? decisiveKpis(goal) : [...new Set(campaignGoals.flatMap((g) => decisiveKpis(g)))];
  const needs = new Set(kpiIds.map((id) => LAYER[id]));
  const aligned = sources.map((source) => {
    const launch = launchOf(source);
    const window: WindowAlignment | null = launch ? alignWindow(utcMidnight(launch.on), filters.windowDays, asOf) : null;
    return { source, launch, window };
  });
  const windows = aligned.flatMap(({ source, window }) => (window?.status === 'aligned' ? [{ sourceId: source.id, from: window.start, to: window.end }] : []));
  return { goal, goalFrom: filters.goal ? ('query' as const) : campaign ? ('campaign' as const) : ('every_goal' as const), asOf, kpiIds, reads: { audience: needs.has('audience'), commercial: needs.has('commercial') }, aligned, windows };
}

export type ComparisonPlan = ReturnType<typeof comparisonPlan>;

export function comparisonReportOf<F extends ComparisonFilters>(filters: F, plan: ComparisonPlan, sources: readonly ComparisonSource[], layers: readonly SourceLayers[]) {
  const { goal, asOf, kpiIds, aligned } = plan;
  const layersOf = new Map(layers.map((l) => [l.sourceId, l]));
  const moneyKpis = kpiIds.filter((id) => COMPARISON_KPIS[id].money);
  // One currency for every money KPI: every source's commercial figures are in the workspace's
  // reporting currency (converted at each amount's day when they spend in others).
  const currency = moneyKpis.length > 0 ? (layers.find((l) => l.commercial !== null)?.commercial?.currency ?? null) : null;

  const rows = aligned.map(({ source, launch, window }) => {
    const l = layersOf.get(source.id);
    const figures = l ? kpiIds.map((kpiId) => ({ kpiId, ...comparisonFigure(kpiId, l) })) : [];
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
    notes.push(`Too new to compare (younger than ${filters.windowDays} days on ${isoDayOf(asOf)}): ${tooNew.map((r) => `${r.source.name} (${r.window!.daysSinceLaunch} days)`).join(', ')}. They are listed, never ranked: compare them again once their window has elapsed, or shorten windowDays.`);
  }
  const undated = rows.filter((r) => r.window === null);
  if (undated.length > 0) notes.push(`No launch date and no post, so no window: ${undated.map((r) => r.source.name).join(', ')}. Record their launch (or first-post) date.`);
  const fromFirstPost = rows.filter((r) => r.launch?.basis === 'first_post');
  if (fromFirstPost.length > 0) notes.push(`Aligned on their first post because no launch date is recorded: ${fromFirstPost.map((r) => r.source.name).join(', ')}.`);

  return {
    scope: {
      ...filters,
      goal,
      goalFrom: plan.goalFrom,
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

export type ComparisonReport = ReturnType<typeof comparisonReportOf<ComparisonFilters>>;
