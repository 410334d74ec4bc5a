import { describe, expect, it } from 'vitest';
import { allocateCostLines, assertCostLine, campaignCost, campaignPacing, costLineAmount, missingCosts, splitMinor, type CostLine, type CostParty } from './campaign-cost.ts';

const line = (over: Partial<CostLine>): CostLine => ({
  id: 'l1',
  campaignId: 'c1',
  sourceId: 's1',
  kind: 'creator_fee',
  basis: 'flat',
  unitAmountMinor: 300_000,
  deliverables: 1,
  currency: 'USD',
  incurredOn: '2026-03-01',
  status: 'committed',
  split: null,
  shares: null,
  ...over,
});

const party = (over: Partial<CostParty>): CostParty => ({
  campaignId: 'c1', campaignName: 'Spring', sourceId: 's1', sourceName: 'Jon Rivera', sourceKind: 'human_creator', assetsUsed: 0, paidSpendMinor: 0, ...over,
});

describe('cost lines', () => {
  it('prices a flat fee as recorded and a per-deliverable fee as price × deliverables', () => {
    expect(costLineAmount(line({}))).toEqual({ amountMinor: 300_000, currency: 'USD' });
    expect(costLineAmount(line({ basis: 'per_deliverable', unitAmountMinor: 45_000, deliverables: 4 }))).toEqual({ amountMinor: 180_000, currency: 'USD' });
  });

  it('refuses lines that cannot be allocated, naming the field', () => {
    expect(() => assertCostLine(line({ sourceId: null }))).toThrow(/needs split/);
    expect(() => assertCostLine(line({ sourceId: null, split: 'explicit', shares: { s1: 60, s2: 30 } }))).toThrow(/sum to 90 %, not 100 %/);
    expect(() => assertCostLine(line({ split: 'deliverables' }))).toThrow(/shared line only/);
    expect(() => assertCostLine(line({ basis: 'flat', deliverables: 3 }))).toThrow(/deliverables only applies/);
    expect(() => assertCostLine(line({ unitAmountMinor: -1 }))).toThrow(/negative/);
    expect(() => assertCostLine(line({ sourceId: null, split: 'explicit', shares: { s1: 50, s2: 50 } }))).not.toThrow();
  });

  it('splits by largest remainder so the parts add up to the cent', () => {
    expect(splitMinor(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(splitMinor(300_000, [3, 1])).toEqual([225_000, 75_000]);
    expect(splitMinor(1, [1, 1])).toEqual([1, 0]);
  });

  it("shares a $3,000 fee between two creators in proportion to their posts (3 and 1)", () => {
    const deliverables = new Map([['c1', new Map([['s1', 3], ['s2', 1]])]]);
    const shares = allocateCostLines([line({ sourceId: null, split: 'deliverables' })], deliverables);
    expect(shares.map((s) => [s.sourceId, s.amount.amountMinor, s.rule])).toEqual([['s1', 225_000, 'deliverables'], ['s2', 75_000, 'deliverables']]);
  });

  it('shares by explicit percentages, and keeps a deliverables split unallocated until there are posts', () => {
    const explicit = allocateCostLines([line({ sourceId: null, split: 'explicit', shares: { s1: 70, s2: 30 } })], new Map());
    expect(explicit.map((s) => [s.sourceId, s.amount.amountMinor])).toEqual([['s1', 210_000], ['s2', 90_000]]);
    const waiting = allocateCostLines([line({ sourceId: null, split: 'deliverables' })], new Map());
    expect(waiting.map((s) => [s.sourceId, s.amount.amountMinor])).toEqual([[null, 300_000]]);
  });
});

describe('missing costs', () => {
  const campaigns = [{ id: 'c1', name: 'Spring' }];

  it('names a creator with no fee recorded, and not one whose cost is known', () => {
    const parties = [party({}), party({ sourceId: 's2', sourceName: 'Léa Nova', sourceKind: 'ai_character', assetsUsed: 2 }), party({ sourceId: 's3', sourceName: 'Ads', sourceKind: 'product_ad', paidSpendMinor: 5_000 })];
    const missing = missingCosts({ campaigns, parties, shares: [] });
    expect(missing.map((m) => m.sourceId)).toEqual(['s1']);
    expect(missing[0]!.prompt).toBe('No cost recorded for Jon Rivera on Spring: record the creator fee (flat or per deliverable) with POST /v1/cost-lines.');
    const shares = allocateCostLines([line({})], new Map());
    expect(missingCosts({ campaigns, parties, shares })).toEqual([]);
  });

  it('calls a campaign with a budget and nothing else unknown, not free', () => {
    const missing = missingCosts({ campaigns, parties: [], shares: [] });
    expect(missing).toHaveLength(1);
    expect(missing[0]!.prompt).toMatch(/^No cost recorded for Spring: its budget is a plan, not a cost/);
  });
});

describe('pacing', () => {
  it('puts budget, committed and spent side by side with the share of the run elapsed, per source too', () => {
    const shares = allocateCostLines([line({ unitAmountMinor: 200_000, status: 'spent' }), line({ id: 'l2', sourceId: 's2', unitAmountMinor: 100_000 })], new Map());
    const parties = [party({}), party({ sourceId: 's2', sourceName: 'Ads', sourceKind: 'product_ad', paidSpendMinor: 50_000 })];
    // 10 days, 1–10 March; at the start of 6 March, 5 of them have passed.
    const pacing = campaignPacing({ budgetMinor: 500_000, currency: 'USD', startsOn: '2026-03-01', endsOn: '2026-03-10', shares, parties, now: new Date('2026-03-06T00:00:00Z') });
    expect(pacing).toEqual({
      budget: { amountMinor: 500_000, currency: 'USD' },
      committed: { amountMinor: 350_000, currency: 'USD' },
      spent: { amountMinor: 250_000, currency: 'USD' },
      committedOfBudget: 70,
      spentOfBudget: 50,
      periodElapsed: 50,
      sources: [
        { sourceId: 's1', sourceName: 'Jon Rivera', committed: { amountMinor: 200_000, currency: 'USD' }, spent: { amountMinor: 200_000, currency: 'USD' } },
        { sourceId: 's2', sourceName: 'Ads', committed: { amountMinor: 150_000, currency: 'USD' }, spent: { amountMinor: 50_000, currency: 'USD' } },
      ],
    });
    const noBudget = campaignPacing({ budgetMinor: 0, currency: 'USD', startsOn: '2026-03-01', endsOn: '2026-03-10', shares: [], parties: [], now: new Date('2026-04-01T00:00:00Z') });
    expect([noBudget.budget, noBudget.committedOfBudget, noBudget.periodElapsed]).toEqual([null, null, 100]);
  });
});

describe('campaignCost', () => {
  it('adds the components up in their one currency, and refuses to mix currencies', () => {
    expect(campaignCost([{ amount: { amountMinor: 100_000, currency: 'USD' } }, { amount: { amountMinor: 300_000, currency: 'USD' } }], 'USD')).toEqual({ amountMinor: 400_000, currency: 'USD' });
    expect(() => campaignCost([{ amount: { amountMinor: 1, currency: 'USD' } }, { amount: { amountMinor: 1, currency: 'GBP' } }], 'USD')).toThrow(expect.objectContaining({ code: 'currency_mismatch' }));
  });
});
