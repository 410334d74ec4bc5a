import { DomainError, DomainErrorCode, invalidInput } from './errors.ts';
import { assertValidDate } from './guards.ts';
import type { Direction } from './tiers.ts';
import type { CampaignGoal, SourceKind } from './vocabulary.ts';

/** Every KPI a source comparison can rank on, with which way is better and whether it is money. */
export const COMPARISON_KPIS = {
  reach: { direction: 'higher_is_better', money: false },
  impressions: { direction: 'higher_is_better', money: false },
  cpm: { direction: 'lower_is_better', money: true },
  brand_mentions_per_post: { direction: 'higher_is_better', money: false },
  /** Net sentiment: positive share minus negative share of classified comments, in points. */
  sentiment: { direction: 'higher_is_better', money: false },
  ctr: { direction: 'higher_is_better', money: false },
  clicks: { direction: 'higher_is_better', money: false },
  cpc: { direction: 'lower_is_better', money: true },
  likes: { direction: 'higher_is_better', money: false },
  comments: { direction: 'higher_is_better', money: false },
  shares: { direction: 'higher_is_better', money: false },
  saves: { direction: 'higher_is_better', money: false },
  engagement_rate: { direction: 'higher_is_better', money: false },
  save_rate: { direction: 'higher_is_better', money: false },
  share_rate: { direction: 'higher_is_better', money: false },
  target_actions: { direction: 'higher_is_better', money: false },
  conversions: { direction: 'higher_is_better', money: false },
  cpa: { direction: 'lower_is_better', money: true },
  sales: { direction: 'higher_is_better', money: false },
  revenue: { direction: 'higher_is_better', money: true },
  roi: { direction: 'higher_is_better', money: false },
  conversion_rate: { direction: 'higher_is_better', money: false },
} as const satisfies Record<string, { direction: Direction; money: boolean }>;
export type ComparisonKpiId = keyof typeof COMPARISON_KPIS;

/**
 * The KPIs a source's cost feeds (cost per result and ROI): unknown while its cost is not recorded,
 * so such a source is never ranked on them (it is "cost not recorded", not free).
 */
export const COST_DEPENDENT_KPIS: ReadonlySet<string> = new Set(['cpm', 'cpv', 'cpc', 'cpr', 'cpa', 'roi']);

/** The campaign's goal picks the KPIs that decide a comparison (kpi-spec.md, "Compare by job"). */
export const DECISIVE_KPIS = {
  awareness: ['reach', 'impressions', 'cpm', 'brand_mentions_per_post', 'sentiment'],
  traffic: ['ctr', 'clicks', 'cpc'],
  engagement: ['likes', 'comments', 'shares', 'saves', 'engagement_rate', 'save_rate', 'share_rate'],
  lead_generation: ['target_actions', 'conversions', 'ctr', 'cpa'],
  sales: ['sales', 'revenue', 'roi', 'conversion_rate', 'cpa'],
} as const satisfies Record<CampaignGoal, readonly ComparisonKpiId[]>;

export function decisiveKpis(goal: CampaignGoal): readonly ComparisonKpiId[] {
  return DECISIVE_KPIS[goal];
}

const DAY_MS = 86_400_000;

export type AlignedWindow = { status: 'aligned'; start: Date; end: Date; daysSinceLaunch: number };
export type TooNewToCompare = { status: 'too_new_to_compare'; daysSinceLaunch: number };
export type WindowAlignment = AlignedWindow | TooNewToCompare;

/**
 * The window [launch, launch + windowDays) every source is compared over, so a two-week-old
 * character is never ranked against years-old accounts. A source whose window has not fully
 * elapsed by `asOf` is too new to compare. daysSinceLaunch is whole days (negative before launch).
 */
export function alignWindow(launchDate: Date, windowDays: number, asOf: Date): WindowAlignment {
  assertValidDate('launchDate', launchDate);
  assertValidDate('asOf', asOf);
  if (!Number.isInteger(windowDays) || windowDays < 1) {
    throw invalidInput(`windowDays must be a whole number of days, 1 or more (got ${String(windowDays)}).`);
  }
  const elapsed = asOf.getTime() - launchDate.getTime();
  const daysSinceLaunch = Math.floor(elapsed / DAY_MS);
  if (elapsed < windowDays * DAY_MS) return { status: 'too_new_to_compare', daysSinceLaunch };
  return {
    status: 'aligned',
    start: new Date(launchDate.getTime()),
    end: new Date(launchDate.getTime() + windowDays * DAY_MS),
    daysSinceLaunch,
  };
}

export type ComparisonEntry = {
  sourceId: string;
  kind: SourceKind;
  window: WindowAlignment;
  /** The KPI over the source's aligned window; money KPIs in major units of `currency`. */
  value: number | null;
  currency?: string;
};

export type RankStatus = 'ranked' | 'no_data' | 'too_new_to_compare';
export type RankedEntry = ComparisonEntry & { status: RankStatus; rank: number | null };
export type KpiRanking = { kpiId: ComparisonKpiId; direction: Direction; currency: string | null; entries: RankedEntry[] };

/**
 * Ranks sources on one KPI, best first, respecting its direction. Ties share a rank (1, 2, 2, 4).
 * Too-new sources are listed with their status and never ranked; so are sources with no value.
 * Money KPIs refuse to rank values in different currencies.
 */
export function rankSources(kpiId: ComparisonKpiId, entries: readonly ComparisonEntry[]): KpiRanking {
  const { direction, money } = COMPARISON_KPIS[kpiId];
  const comparable = entries.filter(
    (e): e is ComparisonEntry & { value: number } => e.window.status === 'aligned' && e.value !== null,
  );
  for (const e of comparable) {
    if (!Number.isFinite(e.value)) throw invalidInput(`${kpiId} of source ${e.sourceId} is not a finite number.`);
    if (money && e.currency === undefined) {
      throw invalidInput(`${kpiId} is money: source ${e.sourceId} needs a currency.`, { sourceId: e.sourceId });
    }
  }
  const currencies = money ? [...new Set(comparable.map((e) => e.currency ?? ''))].sort() : [];
  if (currencies.length > 1) {
    throw new DomainError(
      DomainErrorCode.currency_mismatch,
      `Cannot rank ${kpiId} across currencies (${currencies.join(', ')}); compare sources in one currency.`,
      { kpiId, currencies },
    );
  }
  const currency = currencies[0] ?? null;
  const better = direction === 'higher_is_better' ? (a: number, b: number) => b - a : (a: number, b: number) => a - b;
  const sorted = [...comparable].sort((a, b) => better(a.value, b.value));
  const ranked: RankedEntry[] = sorted.map((e) => ({
    ...e,
    status: 'ranked',
    rank: sorted.findIndex((other) => other.value === e.value) + 1,
  }));
  const unranked = (status: RankStatus) =>
    entries
      .filter((e) => (status === 'too_new_to_compare' ? e.window.status === 'too_new_to_compare' : e.window.status === 'aligned' && e.value === null))
      .map((e): RankedEntry => ({ ...e, status, rank: null }));
  return { kpiId, direction, currency, entries: [...ranked, ...unranked('no_data'), ...unranked('too_new_to_compare')] };
}

export type SourceKpiValues = {
  sourceId: string;
  kind: SourceKind;
  window: WindowAlignment;
  currency?: string;
  values: Partial<Record<ComparisonKpiId, number | null>>;
};

/** One ranking per KPI that decides for the goal. */
export function compareByGoal(goal: CampaignGoal, sources: readonly SourceKpiValues[]): KpiRanking[] {
  return decisiveKpis(goal).map((kpiId) =>
    rankSources(
      kpiId,
      sources.map((s) => ({
        sourceId: s.sourceId,
        kind: s.kind,
        window: s.window,
        value: s.values[kpiId] ?? null,
        ...(s.currency === undefined ? {} : { currency: s.currency }),
      })),
    ),
  );
}
