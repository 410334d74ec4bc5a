import type { AssetState } from './asset-state.ts';
import { isApprovedState } from './asset-state.ts';
import { invalidInput } from './errors.ts';
import { assertNonNegative, assertValidDate } from './guards.ts';
import { isoWeek, isoWeekSpan } from './iso-week.ts';
import type { Money } from './money.ts';
import { assertCurrency, money, sameCurrency } from './money.ts';
import { mean, percent, ratio } from './ratio.ts';
import type { Distribution } from './stats.ts';
import { distribution, median } from './stats.ts';

export type AssetTransition = { from: AssetState | null; to: AssetState; at: Date };
export type AssetPlacement = { channel: string; publishedAt: Date; paid: boolean };

export type ProductionAsset = {
  id: string;
  sourceId: string;
  briefCreatedAt: Date;
  state: AssetState;
  generationCostMinor: number;
  otherCostMinor: number;
  /** Required, 0 allowed: production time is never hidden. */
  productionHours: number;
  currency: string;
  /** Already resolved by the caller: the source's override, else the workspace setting. */
  hourlyRateMinor: number;
  transitions: readonly AssetTransition[];
  placements: readonly AssetPlacement[];
};

export type ProductionInput = { assets: readonly ProductionAsset[] };
export type ProductionOptions = {
  now: Date;
  /** The workspace currency: enforced on every asset, and what an empty scope's zero cost is in. */
  currency?: string;
};

export type ProductionCost = { total: Money; generation: Money; people: Money; other: Money; hours: number };
export type VelocityWeek = { week: string; approved: number };

export type ProductionKpis = {
  assets_in_scope: number;
  approved_assets: number;
  rejected_assets: number;
  approval_rate: { value: number | null; decided: number };
  revisions_per_approved: { value: number | null; rounds: number; n: number };
  first_pass_approval_rate: { value: number | null; firstPass: number; n: number };
  brief_to_approval_hours: Distribution;
  time_in_review_hours: Distribution;
  brief_to_post_hours: Distribution;
  content_velocity: { series: VelocityWeek[]; meanPerWeek: number | null; weeks: number; approved: number };
  production_cost: ProductionCost | null;
  cost_per_approved_asset: Money | null;
  channel_reuse: { value: number | null; n: number };
  paid_reuse_rate: { value: number | null; paidReused: number; n: number };
  /** Assets waiting in review now, aged from their latest submission: what is stuck. */
  review_queue: { n: number; oldestHours: number | null; medianAgeHours: number | null };
};

const HOUR_MS = 3_600_000;

type Timeline = {
  asset: ProductionAsset;
  approved: boolean;
  approvedAt: Date | null;
  firstSubmittedAt: Date | null;
  lastSubmittedAt: Date | null;
  revisionRounds: number;
  firstPublishedAt: Date | null;
  channels: number;
  paidReused: boolean;
};

function validate(asset: ProductionAsset): void {
  const at = (field: string) => `asset ${asset.id} ${field}`;
  assertCurrency(asset.currency, at('currency'));
  for (const field of ['generationCostMinor', 'otherCostMinor', 'hourlyRateMinor'] as const) {
    if (!Number.isSafeInteger(asset[field]) || asset[field] < 0) {
      throw invalidInput(`${at(field)} must be a whole number of minor units, 0 or more.`, { assetId: asset.id, field });
    }
  }
  assertNonNegative(at('productionHours'), asset.productionHours);
  assertValidDate(at('briefCreatedAt'), asset.briefCreatedAt);
  for (const t of asset.transitions) assertValidDate(at('transition time'), t.at);
  for (const p of asset.placements) assertValidDate(at('placement time'), p.publishedAt);
}

function timeline(asset: ProductionAsset): Timeline {
  // Sorted by time, stable for equal times, so "first" means first in time whatever the input order.
  const transitions = [...asset.transitions].sort((a, b) => a.at.getTime() - b.at.getTime());
  const firstTo = (state: AssetState) => transitions.find((t) => t.to === state)?.at ?? null;
  const submissions = transitions.filter((t) => t.to === 'in_review');
  const publishTimes = [
    ...asset.placements.map((p) => p.publishedAt.getTime()),
    ...transitions.filter((t) => t.to === 'published').map((t) => t.at.getTime()),
  ];
  const approved = isApprovedState(asset.state);
  return {
    asset,
    approved,
    approvedAt: firstTo('approved'),
    firstSubmittedAt: submissions[0]?.at ?? null,
    lastSubmittedAt: submissions.at(-1)?.at ?? null,
    revisionRounds: transitions.filter((t) => t.to === 'changes_requested').length,
    firstPublishedAt: publishTimes.length === 0 ? null : new Date(Math.min(...publishTimes)),
    channels: new Set(asset.placements.map((p) => p.channel.trim().toLowerCase())).size,
    paidReused: asset.placements.some((p) => p.paid),
  };
}

/** Hours from `from` to `to`; a negative span is a data error, not a fast asset. */
function hoursBetween(assetId: string, what: string, from: Date, to: Date): number {
  const hours = (to.getTime() - from.getTime()) / HOUR_MS;
  if (hours < 0) throw invalidInput(`Asset ${assetId}: ${what} is before its start.`, { assetId, what });
  return hours;
}

function velocity(approvalDates: readonly Date[]): ProductionKpis['content_velocity'] {
  const counts = new Map<string, number>();
  for (const date of approvalDates) {
    const week = isoWeek(date);
    counts.set(week, (counts.get(week) ?? 0) + 1);
  }
  const weeks = [...counts.keys()].sort();
  const first = weeks[0];
  const last = weeks.at(-1);
  if (first === undefined || last === undefined) return { series: [], meanPerWeek: null, weeks: 0, approved: 0 };
  // Zero weeks inside the span count: a stalled week is exactly what a velocity chart must show.
  const series = isoWeekSpan(first, last).map((week) => ({ week, approved: counts.get(week) ?? 0 }));
  return {
    series,
    meanPerWeek: ratio(approvalDates.length, series.length),
    weeks: series.length,
    approved: approvalDates.length,
  };
}

/** What an asset's production cost is made of; the pipeline (brief, transitions, placements) plays no part. */
export type CostedAsset = Pick<ProductionAsset, 'generationCostMinor' | 'otherCostMinor' | 'productionHours' | 'hourlyRateMinor'>;

export function productionCost(assets: readonly CostedAsset[], currency: string): ProductionCost {
  let generation = 0;
  let people = 0;
  let other = 0;
  let hours = 0;
  for (const a of assets) {
    generation += a.generationCostMinor;
    // Rounded per asset so the total equals the sum of the per-asset costs the UI shows.
    people += Math.round(a.productionHours * a.hourlyRateMinor);
    other += a.otherCostMinor;
    hours += a.productionHours;
  }
  return {
    total: money(generation + people + other, currency),
    generation: money(generation, currency),
    people: money(people, currency),
    other: money(other, currency),
    hours,
  };
}

/** Every layer-1 (production efficiency) KPI over the assets in scope. */
export function computeProductionKpis(input: ProductionInput, options: ProductionOptions): ProductionKpis {
  assertValidDate('now', options.now);
  if (options.currency !== undefined) assertCurrency(options.currency);
  input.assets.forEach(validate);
  const currency = sameCurrency(
    input.assets.map((a) => a.currency),
    options.currency,
  );

  const all = input.assets.map(timeline);
  const approved = all.filter((t) => t.approved);
  const rejected = all.filter((t) => t.asset.state === 'rejected').length;
  const rounds = approved.reduce((sum, t) => sum + t.revisionRounds, 0);
  const firstPass = approved.filter((t) => t.revisionRounds === 0).length;
  const paidReused = approved.filter((t) => t.paidReused).length;

  const briefToApproval: number[] = [];
  const timeInReview: number[] = [];
  const approvalDates: Date[] = [];
  for (const t of approved) {
    if (t.approvedAt === null) continue;
    approvalDates.push(t.approvedAt);
    briefToApproval.push(hoursBetween(t.asset.id, 'approval', t.asset.briefCreatedAt, t.approvedAt));
    if (t.firstSubmittedAt !== null) {
      timeInReview.push(hoursBetween(t.asset.id, 'approval', t.firstSubmittedAt, t.approvedAt));
    }
  }
  const briefToPost = all.flatMap((t) =>
    t.firstPublishedAt === null ? [] : [hoursBetween(t.asset.id, 'first publication', t.asset.briefCreatedAt, t.firstPublishedAt)],
  );

  const queueAges = all.flatMap((t) =>
    t.asset.state === 'in_review' && t.lastSubmittedAt !== null
      ? [Math.max(0, (options.now.getTime() - t.lastSubmittedAt.getTime()) / HOUR_MS)]
      : [],
  );

  const cost = currency === null ? null : productionCost(input.assets, currency);
  const perApproved = ratio(cost?.total.amountMinor, approved.length);

  return {
    assets_in_scope: all.length,
    approved_assets: approved.length,
    rejected_assets: rejected,
    approval_rate: { value: percent(approved.length, approved.length + rejected), decided: approved.length + rejected },
    revisions_per_approved: { value: ratio(rounds, approved.length), rounds, n: approved.length },
    first_pass_approval_rate: { value: percent(firstPass, approved.length), firstPass, n: approved.length },
    brief_to_approval_hours: distribution(briefToApproval),
    time_in_review_hours: distribution(timeInReview),
    brief_to_post_hours: distribution(briefToPost),
    content_velocity: velocity(approvalDates),
    production_cost: cost,
    // Money is whole minor units, so the per-asset cost is rounded to the nearest one.
    cost_per_approved_asset: perApproved === null || currency === null ? null : money(Math.round(perApproved), currency),
    channel_reuse: { value: mean(approved.map((t) => t.channels)), n: approved.length },
    paid_reuse_rate: { value: percent(paidReused, approved.length), paidReused, n: approved.length },
    review_queue: {
      n: all.filter((t) => t.asset.state === 'in_review').length,
      oldestHours: queueAges.length === 0 ? null : Math.max(...queueAges),
      medianAgeHours: median(queueAges),
    },
  };
}
