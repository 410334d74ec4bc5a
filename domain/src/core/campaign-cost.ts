/*
 * What a campaign costs, per source (kpi-spec.md, "Cost for a campaign KPI"): the money committed or
 * spent, never the budget. Cost lines are recorded per campaign, for one source or shared by the
 * campaign's sources under a rule the user picks; the AI characters' and the studio's production
 * cost and the paid spend of paid posts come from the pipeline. A source that works on a campaign
 * and has none of these recorded makes the cost unknown (null), never zero.
 */
import { invalidInput } from './errors.ts';
import { money, sameCurrency, type Money } from './money.ts';
import type { SourceKind } from './vocabulary.ts';

export const costKinds = ['creator_fee', 'usage_rights', 'product_seeding', 'agency_commission', 'paid_boost', 'other'] as const;
export type CostKind = (typeof costKinds)[number];

/** A creator fee is flat, or a price per deliverable (post, story, video) times the deliverables. */
export const costBases = ['flat', 'per_deliverable'] as const;
export type CostBasis = (typeof costBases)[number];

/** Committed: agreed (a signed contract, an order); spent: paid. Both are cost; the budget is not. */
export const costStatuses = ['committed', 'spent'] as const;
export type CostStatus = (typeof costStatuses)[number];

/**
 * How a shared line is split among the campaign's sources: in proportion to each source's
 * deliverables (its posts on the campaign), or by explicit percentages.
 */
export const costSplitRules = ['deliverables', 'explicit'] as const;
export type CostSplitRule = (typeof costSplitRules)[number];

export const COST_KIND_LABELS: Record<CostKind, string> = {
  creator_fee: 'Creator fees',
  usage_rights: 'Usage rights and whitelisting',
  product_seeding: 'Product seeding',
  agency_commission: 'Agency commission',
  paid_boost: 'Paid boosts',
  other: 'Other costs',
};

export const SPLIT_RULE_LABELS: Record<CostSplitRule, string> = {
  deliverables: 'split in proportion to each source’s deliverables (posts) on the campaign',
  explicit: 'split by the percentages recorded with the line',
};

export type CostLine = {
  id: string;
  campaignId: string;
  /** null: shared by the campaign's sources under `split`. */
  sourceId: string | null;
  kind: CostKind;
  basis: CostBasis;
  unitAmountMinor: number;
  /** Deliverables a per-deliverable price is paid for; 1 for a flat amount. */
  deliverables: number;
  currency: string;
  incurredOn: string;
  status: CostStatus;
  split: CostSplitRule | null;
  /** Explicit split: source id → percent, summing to 100. */
  shares: Record<string, number> | null;
};

/** The amount of one line: flat, or price × deliverables. */
export function costLineAmount(line: Pick<CostLine, 'basis' | 'unitAmountMinor' | 'deliverables' | 'currency'>): Money {
  return money(line.basis === 'flat' ? line.unitAmountMinor : line.unitAmountMinor * line.deliverables, line.currency);
}

/** The rules a line must meet before it is stored; each refusal names the field and the fix. */
export function assertCostLine(line: Pick<CostLine, 'sourceId' | 'basis' | 'unitAmountMinor' | 'deliverables' | 'split' | 'shares'>): void {
  if (line.unitAmountMinor < 0) throw invalidInput('amountMinor cannot be negative: record a refund as a smaller line instead.', { field: 'amountMinor' });
  if (line.basis === 'flat' && line.deliverables !== 1) {
    throw invalidInput('deliverables only applies to basis "per_deliverable": leave it out for a flat amount.', { field: 'deliverables' });
  }
  if (line.basis === 'per_deliverable' && line.deliverables < 1) {
    throw invalidInput('deliverables must be at least 1 for a per-deliverable price.', { field: 'deliverables' });
  }
  const amount = line.basis === 'flat' ? line.unitAmountMinor : line.unitAmountMinor * line.deliverables;
  if (!Number.isSafeInteger(amount)) throw invalidInput('The line amount (price × deliverables) is too large.', { field: 'amountMinor' });
  if (line.sourceId !== null) {
    if (line.split !== null || line.shares !== null) {
      throw invalidInput('split and shares apply to a shared line only: leave sourceId out to share a cost among the campaign’s sources.', { field: 'split' });
    }
    return;
  }
  if (line.split === null) {
    throw invalidInput('A shared line (no sourceId) needs split: "deliverables" (in proportion to posts) or "explicit" (with shares).', { field: 'split' });
  }
  if (line.split === 'deliverables' && line.shares !== null) {
    throw invalidInput('shares apply to split "explicit" only.', { field: 'shares' });
  }
  if (line.split === 'explicit') {
    const entries = Object.entries(line.shares ?? {});
    if (entries.length === 0) throw invalidInput('split "explicit" needs shares: { "<sourceId>": percent, … } summing to 100.', { field: 'shares' });
    if (entries.some(([, share]) => !(share > 0))) throw invalidInput('Each share must be a percentage above 0.', { field: 'shares' });
    const total = entries.reduce((sum, [, share]) => sum + share, 0);
    if (Math.abs(total - 100) > 1e-9) throw invalidInput(`The shares sum to ${total} %, not 100 %.`, { field: 'shares' });
  }
}

/** One line's part that falls on one source (or on nobody yet: a deliverables split with no posts). */
export type CostShare = {
  lineId: string;
  campaignId: string;
  sourceId: string | null;
  kind: CostKind;
  status: CostStatus;
  incurredOn: string;
  amount: Money;
  rule: 'own' | CostSplitRule;
};

/** Integer parts of `total` in proportion to `weights`, summing exactly to `total` (largest remainder). */
export function splitMinor(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) throw invalidInput('Cannot split by weights that sum to 0.');
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((value, i) => ({ i, rest: value - Math.floor(value) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i]! += 1;
    left -= 1;
  }
  return parts;
}

/**
 * Each line's parts per source. `deliverables` counts each source's posts on each campaign
 * (campaign id → source id → posts); a deliverables split of a campaign without posts yet stays
 * with nobody (sourceId null): it counts for the campaign, and for no source until there are posts.
 */
export function allocateCostLines(lines: readonly CostLine[], deliverables: ReadonlyMap<string, ReadonlyMap<string, number>>): CostShare[] {
  return lines.flatMap((line): CostShare[] => {
    const amount = costLineAmount(line);
    const base = { lineId: line.id, campaignId: line.campaignId, kind: line.kind, status: line.status, incurredOn: line.incurredOn };
    if (line.sourceId !== null) return [{ ...base, sourceId: line.sourceId, amount, rule: 'own' }];
    const weights = line.split === 'explicit'
      ? Object.entries(line.shares ?? {})
      : [...(deliverables.get(line.campaignId) ?? new Map<string, number>())].filter(([, posts]) => posts > 0);
    const rule = line.split ?? 'deliverables';
    if (weights.length === 0) return [{ ...base, sourceId: null, amount, rule }];
    const parts = splitMinor(amount.amountMinor, weights.map(([, weight]) => weight));
    return weights.map(([sourceId], i) => ({ ...base, sourceId, amount: money(parts[i]!, amount.currency), rule }));
  });
}

/** Each source's deliverables (posts) per campaign, as allocateCostLines splits by them. */
export function deliverablesOf(parties: ReadonlyArray<{ campaignId: string; sourceId: string; deliverables: number }>): Map<string, Map<string, number>> {
  const byCampaign = new Map<string, Map<string, number>>();
  for (const party of parties) byCampaign.set(party.campaignId, (byCampaign.get(party.campaignId) ?? new Map<string, number>()).set(party.sourceId, party.deliverables));
  return byCampaign;
}

/** A source that works on a campaign (a brief, post, link or code names it), with what it costs. */
export type CostParty = {
  campaignId: string;
  campaignName: string;
  sourceId: string;
  sourceName: string;
  sourceKind: SourceKind;
  /** Its assets the campaign's posts used: their production cost is recorded with them. */
  assetsUsed: number;
  paidSpendMinor: number;
};

export type MissingCost = { campaignId: string; campaignName: string; sourceId: string | null; sourceName: string | null; prompt: string };

const PROMPT: Record<SourceKind, string> = {
  ai_character: 'record its cost lines (e.g. usage rights) or publish its posts from approved assets, whose production cost is recorded',
  human_creator: 'record the creator fee (flat or per deliverable) with POST /v1/cost-lines',
  studio: 'record the shoot’s cost lines or publish its posts from approved assets, whose production cost is recorded',
  product_ad: 'record the ad spend (a paid post’s spend or a paid_boost cost line)',
};

/**
 * Who in scope has no cost recorded: a party with no share of any line, no paid spend and no
 * produced asset used; or a campaign in scope with neither parties nor lines. Any of them makes
 * the scope's cost unknown.
 */
export function missingCosts(input: { campaigns: ReadonlyArray<{ id: string; name: string }>; parties: readonly CostParty[]; shares: readonly CostShare[] }): MissingCost[] {
  const covered = new Set(input.shares.map((share) => `${share.campaignId}/${share.sourceId ?? ''}`));
  const missing: MissingCost[] = input.parties
    .filter((party) => !covered.has(`${party.campaignId}/${party.sourceId}`) && party.paidSpendMinor <= 0 && party.assetsUsed === 0)
    .map((party) => ({
      campaignId: party.campaignId,
      campaignName: party.campaignName,
      sourceId: party.sourceId,
      sourceName: party.sourceName,
      prompt: `No cost recorded for ${party.sourceName} on ${party.campaignName}: ${PROMPT[party.sourceKind]}.`,
    }));
  const campaignsWithCost = new Set([...input.parties.map((party) => party.campaignId), ...input.shares.map((share) => share.campaignId)]);
  for (const campaign of input.campaigns) {
    if (!campaignsWithCost.has(campaign.id)) {
      missing.push({
        campaignId: campaign.id,
        campaignName: campaign.name,
        sourceId: null,
        sourceName: null,
        prompt: `No cost recorded for ${campaign.name}: its budget is a plan, not a cost; record what its sources cost with POST /v1/cost-lines.`,
      });
    }
  }
  return missing;
}

/** Committed (agreed or paid) and spent (paid) money of one source on a campaign. */
export type SourcePacing = { sourceId: string; sourceName: string; committed: Money; spent: Money };

/** Budget, committed and spent side by side, with how much of the campaign's run has passed. */
export type Pacing = {
  budget: Money | null;
  committed: Money;
  spent: Money;
  /** committed / budget × 100; null without a budget. */
  committedOfBudget: number | null;
  spentOfBudget: number | null;
  /** Share of the campaign's days (UTC, inclusive) elapsed at `now`, 0–100. */
  periodElapsed: number;
  sources: SourcePacing[];
};

const DAY_MS = 86_400_000;

/**
 * Pacing counts the money paid or owed to others: cost lines (a committed line is owed, a spent
 * one paid) and the paid spend of paid posts (paid when placed). The production cost of the
 * brand's own assets is part of the cost, not of the budget's pacing. A shared line that cannot be
 * split yet counts for the campaign only.
 */
export function campaignPacing(input: {
  budgetMinor: number;
  currency: string;
  startsOn: string;
  endsOn: string;
  shares: readonly CostShare[];
  parties: readonly CostParty[];
  now: Date;
}): Pacing {
  const sum = (shares: readonly CostShare[], status?: CostStatus) =>
    shares.filter((share) => status === undefined || share.status === status).reduce((total, share) => total + share.amount.amountMinor, 0);
  const paidSpend = input.parties.reduce((total, party) => total + party.paidSpendMinor, 0);
  const committed = sum(input.shares) + paidSpend;
  const spent = sum(input.shares, 'spent') + paidSpend;
  const start = Date.parse(`${input.startsOn}T00:00:00Z`);
  const end = Date.parse(`${input.endsOn}T00:00:00Z`) + DAY_MS;
  const elapsed = Math.min(1, Math.max(0, (input.now.getTime() - start) / (end - start)));
  const ofBudget = (amount: number) => (input.budgetMinor > 0 ? (amount / input.budgetMinor) * 100 : null);
  const sources = input.parties.map((party) => {
    const own = input.shares.filter((share) => share.sourceId === party.sourceId);
    return {
      sourceId: party.sourceId,
      sourceName: party.sourceName,
      committed: money(sum(own) + party.paidSpendMinor, input.currency),
      spent: money(sum(own, 'spent') + party.paidSpendMinor, input.currency),
    };
  });
  return {
    budget: input.budgetMinor > 0 ? money(input.budgetMinor, input.currency) : null,
    committed: money(committed, input.currency),
    spent: money(spent, input.currency),
    committedOfBudget: ofBudget(committed),
    spentOfBudget: ofBudget(spent),
    periodElapsed: elapsed * 100,
    sources,
  };
}

/** What a report lists as its cost: the cost lines by kind, then the pipeline's own costs. */
export const COST_COMPONENT_KINDS = [...costKinds, 'paid_spend', 'production'] as const;
export type CostComponentKind = (typeof COST_COMPONENT_KINDS)[number];

export type ScopeCostComponent = { kind: CostComponentKind; label: string; amount: Money; items: number };

/** The total of cost components, all in one currency (a currency_mismatch error otherwise). */
export function campaignCost(components: ReadonlyArray<{ amount: Money }>, currency: string): Money {
  const shared = sameCurrency(components.map((c) => c.amount.currency), currency) ?? currency;
  for (const c of components) if (c.amount.amountMinor < 0) throw invalidInput('A cost cannot be negative.', { field: 'cost' });
  return money(components.reduce((sum, c) => sum + c.amount.amountMinor, 0), shared);
}

export type ScopeCost = {
  /** null: some source in scope has no cost recorded (see `missing`); never a partial sum. */
  total: Money | null;
  /** What is recorded, listed even when the total is unknown. */
  components: ScopeCostComponent[];
  missing: MissingCost[];
  /** The split rules of the shared lines in scope, in words. */
  splitRules: string[];
  notes: string[];
};

export type ScopeCostInput = {
  campaigns: ReadonlyArray<{ id: string; name: string }>;
  lines: readonly CostLine[];
  /** Every source of those campaigns (the split needs them all, whatever the filter). */
  parties: ReadonlyArray<CostParty & { deliverables: number }>;
  filter: { sourceId?: string | undefined; sourceKind?: string | undefined };
  /** Already in the report's currency. */
  paidSpend: { amount: Money; posts: number };
  production: { amount: Money; assets: number };
  /** Into the report's currency at the line's day (see report-currency.ts); none: one currency. */
  convert?: (amount: Money, day: string) => Money;
};

/**
 * The cost of a report's scope (campaigns, optionally narrowed to a source or a source kind): each
 * source's own lines and its parts of the shared ones, the paid spend of its paid posts and the
 * production cost of its AI-character assets used. Unknown when any source in scope, or a campaign
 * in an unfiltered scope, has nothing recorded.
 */
export function scopeCost(input: ScopeCostInput): ScopeCost {
  const campaignIds = new Set(input.campaigns.map((campaign) => campaign.id));
  const parties = input.parties.filter((party) => campaignIds.has(party.campaignId));
  const lines = input.lines.filter((line) => campaignIds.has(line.campaignId));
  const convert = input.convert;
  const allocated = allocateCostLines(lines, deliverablesOf(parties));
  const shares = convert ? allocated.map((share) => ({ ...share, amount: convert(share.amount, share.incurredOn) })) : allocated;

  const filtered = Boolean(input.filter.sourceId || input.filter.sourceKind);
  const kindOf = new Map(parties.map((party) => [party.sourceId, party.sourceKind]));
  const matches = (sourceId: string) =>
    (!input.filter.sourceId || sourceId === input.filter.sourceId) && (!input.filter.sourceKind || kindOf.get(sourceId) === input.filter.sourceKind);
  const inScope = shares.filter((share) => (share.sourceId === null ? !filtered : matches(share.sourceId)));
  const partiesInScope = parties.filter((party) => matches(party.sourceId));
  const missing = missingCosts({ campaigns: filtered ? [] : input.campaigns, parties: partiesInScope, shares: inScope });

  const currency = input.paidSpend.amount.currency;
  const components: ScopeCostComponent[] = costKinds.flatMap((kind) => {
    const ofKind = inScope.filter((share) => share.kind === kind);
    if (ofKind.length === 0) return [];
    const lineCurrency = ofKind[0]!.amount.currency;
    return [{ kind, label: COST_KIND_LABELS[kind], amount: money(ofKind.reduce((sum, share) => sum + share.amount.amountMinor, 0), lineCurrency), items: new Set(ofKind.map((share) => share.lineId)).size }];
  });
  components.push(
    { kind: 'paid_spend', label: 'Paid spend of the paid posts', amount: input.paidSpend.amount, items: input.paidSpend.posts },
    { kind: 'production', label: "Production cost of the AI characters' assets used", amount: input.production.amount, items: input.production.assets },
  );
  const notes: string[] = [];
  const unallocated = filtered ? shares.filter((share) => share.sourceId === null) : [];
  if (unallocated.length > 0) {
    notes.push(`${unallocated.length === 1 ? 'A shared cost line is' : `${unallocated.length} shared cost lines are`} not in any source's cost yet: split by deliverables, and the campaign has no posts to split by.`);
  }
  const rulesInScope = new Set(inScope.map((share) => share.rule));
  const splitRules = costSplitRules.filter((rule) => rulesInScope.has(rule)).map((rule) => SPLIT_RULE_LABELS[rule]);
  const total = missing.length > 0 || input.campaigns.length === 0 ? null : campaignCost(components, currency);
  return { total, components, missing, splitRules, notes };
}
