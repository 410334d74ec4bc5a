import { DomainError, DomainErrorCode, invalidInput } from './errors.ts';
import { isKnownCurrency } from './currencies.ts';

export const Tier = {
  weak: 'weak',
  average: 'average',
  strong: 'strong',
  exceptional: 'exceptional',
} as const;
export type Tier = (typeof Tier)[keyof typeof Tier];
export const TIERS = ['weak', 'average', 'strong', 'exceptional'] as const satisfies readonly Tier[];

export const Direction = {
  higher_is_better: 'higher_is_better',
  lower_is_better: 'lower_is_better',
} as const;
export type Direction = (typeof Direction)[keyof typeof Direction];

export const TIERED_KPI_IDS = [
  'engagement_rate',
  'audience_growth_rate',
  'brand_mentions_per_post',
  'cpv',
  'ctr',
  'cpc',
  'cpa',
  'conversion_rate',
  'target_actions',
  'roi',
] as const;
export type TieredKpiId = (typeof TIERED_KPI_IDS)[number];

/** KPIs whose values are money per unit, so their cut points are in some currency. */
export const MONEY_TIERED_KPI_IDS = ['cpv', 'cpc', 'cpa'] as const satisfies readonly TieredKpiId[];
export type MoneyTieredKpiId = (typeof MONEY_TIERED_KPI_IDS)[number];

/**
 * The three cut points between the four tiers. For higher_is_better a value >= exceptional is
 * exceptional, >= strong is strong, >= average is average, else weak; for lower_is_better the
 * comparisons flip (<=). Either way a value on a cut point goes to the better tier.
 */
export type Thresholds = {
  direction: Direction;
  average: number;
  strong: number;
  exceptional: number;
};

export type ThresholdSource = 'default' | 'workspace';

export type ResolvedThresholds = Thresholds & {
  kpiId: TieredKpiId;
  source: ThresholdSource;
  /**
   * Currency of the cut points for money KPIs (major units): 'USD' for the defaults. Null means
   * "in whatever currency the value is", which is what a workspace override without a currency
   * says: its own history is its benchmark. Always null for non-money KPIs.
   */
  currency: string | null;
};

/** A workspace's replacement cut points for one KPI (direction is fixed by the KPI). */
export type ThresholdOverride = { average: number; strong: number; exceptional: number; currency?: string };
export type ThresholdOverrides = Partial<Record<TieredKpiId, ThresholdOverride>>;

const higher = 'higher_is_better' as const;
const lower = 'lower_is_better' as const;

// Industry rules of thumb from kpi-spec.md. Percent KPIs are in percent; cpv/cpc/cpa in USD.
export const DEFAULT_THRESHOLDS = {
  engagement_rate: { direction: higher, average: 2, strong: 4, exceptional: 6 },
  audience_growth_rate: { direction: higher, average: 3, strong: 8, exceptional: 15 },
  brand_mentions_per_post: { direction: higher, average: 5, strong: 15, exceptional: 30 },
  cpv: { direction: lower, average: 0.1, strong: 0.05, exceptional: 0.02 },
  ctr: { direction: higher, average: 0.5, strong: 1.5, exceptional: 3 },
  cpc: { direction: lower, average: 2, strong: 1, exceptional: 0.5 },
  cpa: { direction: lower, average: 100, strong: 50, exceptional: 20 },
  conversion_rate: { direction: higher, average: 1, strong: 3, exceptional: 5 },
  target_actions: { direction: higher, average: 50, strong: 200, exceptional: 500 },
  roi: { direction: higher, average: 100, strong: 200, exceptional: 400 },
} as const satisfies Record<TieredKpiId, Thresholds>;

const DEFAULT_MONEY_CURRENCY = 'USD';

export function isTieredKpiId(id: string): id is TieredKpiId {
  return (TIERED_KPI_IDS as readonly string[]).includes(id);
}

export function isMoneyTieredKpiId(id: string): id is MoneyTieredKpiId {
  return (MONEY_TIERED_KPI_IDS as readonly string[]).includes(id);
}

export function directionOf(kpiId: TieredKpiId): Direction {
  return DEFAULT_THRESHOLDS[kpiId].direction;
}

/** Throws invalid_input unless the cut points are finite and strictly ordered for the direction. */
export function assertMonotonic(kpiId: string, t: Thresholds): void {
  const points = [t.average, t.strong, t.exceptional];
  const ordered =
    t.direction === 'higher_is_better'
      ? t.average < t.strong && t.strong < t.exceptional
      : t.average > t.strong && t.strong > t.exceptional;
  if (!points.every(Number.isFinite) || !ordered) {
    const order = t.direction === 'higher_is_better' ? 'average < strong < exceptional' : 'average > strong > exceptional';
    throw invalidInput(`Thresholds for ${kpiId} must satisfy ${order} (${t.direction.replaceAll('_', ' ')}).`, {
      kpiId,
      thresholds: t,
    });
  }
}

/** Validates a whole workspace override map, e.g. before saving workspace settings. */
export function validateThresholdOverrides(overrides: Record<string, ThresholdOverride | undefined>): ThresholdOverrides {
  const valid: ThresholdOverrides = {};
  for (const [kpiId, override] of Object.entries(overrides)) {
    if (!isTieredKpiId(kpiId)) {
      throw invalidInput(`${kpiId} has no tiers to override; tiered KPIs are ${TIERED_KPI_IDS.join(', ')}.`, { kpiId });
    }
    if (override === undefined) continue;
    resolveThresholds(kpiId, { [kpiId]: override });
    valid[kpiId] = override;
  }
  return valid;
}

/** The thresholds that apply to a KPI: the workspace's override when it has one, else the default. */
export function resolveThresholds(kpiId: TieredKpiId, overrides?: ThresholdOverrides): ResolvedThresholds {
  const defaults = DEFAULT_THRESHOLDS[kpiId];
  const isMoney = isMoneyTieredKpiId(kpiId);
  const override = overrides?.[kpiId];
  if (override === undefined) {
    return { ...defaults, kpiId, source: 'default', currency: isMoney ? DEFAULT_MONEY_CURRENCY : null };
  }
  if (override.currency !== undefined) {
    if (!isMoney) {
      throw invalidInput(`${kpiId} is not a money KPI, so its thresholds take no currency.`, { kpiId });
    }
    if (!isKnownCurrency(override.currency)) {
      throw invalidInput(`Threshold currency for ${kpiId} must be an ISO 4217 code (got "${override.currency}").`, {
        kpiId,
      });
    }
  }
  const resolved: ResolvedThresholds = {
    kpiId,
    direction: defaults.direction,
    average: override.average,
    strong: override.strong,
    exceptional: override.exceptional,
    source: 'workspace',
    currency: override.currency ?? null,
  };
  assertMonotonic(kpiId, resolved);
  if (isMoney && resolved.exceptional < 0) {
    throw invalidInput(`Thresholds for ${kpiId} are costs and cannot be negative.`, { kpiId });
  }
  return resolved;
}

export function tierOf(value: number | null, t: Thresholds): Tier | null {
  if (value === null || !Number.isFinite(value)) return null;
  if (t.direction === 'higher_is_better') {
    if (value >= t.exceptional) return 'exceptional';
    if (value >= t.strong) return 'strong';
    if (value >= t.average) return 'average';
    return 'weak';
  }
  if (value <= t.exceptional) return 'exceptional';
  if (value <= t.strong) return 'strong';
  if (value <= t.average) return 'average';
  return 'weak';
}

export type Rated = { value: number | null; tier: Tier | null };

/** { value, tier } under the given thresholds (the KPI's defaults when omitted). */
export function rated(kpiId: TieredKpiId, value: number | null, thresholds?: Thresholds): Rated {
  const t = thresholds ?? DEFAULT_THRESHOLDS[kpiId];
  if (t.direction !== directionOf(kpiId)) {
    throw new DomainError(DomainErrorCode.invalid_input, `${kpiId} is ${directionOf(kpiId).replaceAll('_', ' ')}.`, {
      kpiId,
    });
  }
  return { value, tier: tierOf(value, t) };
}

/** A tiered KPI as reported: the value, its tier, and the thresholds that produced the tier. */
export type RatedKpi = Rated & {
  kpiId: TieredKpiId;
  thresholds: ResolvedThresholds;
  /** Why tier is null although value is not (e.g. USD cut points for a EUR campaign). */
  tierUnavailable: string | null;
};

export type RateOptions = { overrides?: ThresholdOverrides | undefined };

/**
 * Rates a KPI value under the workspace's thresholds. Money KPIs pass the value's currency:
 * cut points in another currency are not applied (no silent FX), so the tier is null with a
 * reason that tells the user to set workspace thresholds.
 */
export function rateKpi(kpiId: TieredKpiId, value: number | null, options?: RateOptions & { currency?: string }): RatedKpi {
  const thresholds = resolveThresholds(kpiId, options?.overrides);
  const currency = options?.currency;
  if (
    value !== null &&
    thresholds.currency !== null &&
    currency !== undefined &&
    currency !== thresholds.currency
  ) {
    return {
      kpiId,
      value,
      tier: null,
      thresholds,
      tierUnavailable: `The ${thresholds.source} ${kpiId} tiers are in ${thresholds.currency} and this value is in ${currency}; set workspace thresholds for ${kpiId} to rate it.`,
    };
  }
  return { kpiId, ...rated(kpiId, value, thresholds), thresholds, tierUnavailable: null };
}
