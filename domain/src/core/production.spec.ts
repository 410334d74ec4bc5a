import { describe, expect, it } from 'vitest';
import type { AssetState } from './asset-state.ts';
import { DomainError } from './errors.ts';
import type { AssetPlacement, ProductionAsset } from './production.ts';
import { computeProductionKpis } from './production.ts';

const at = (iso: string) => new Date(`${iso}Z`);
type Step = [from: AssetState | null, to: AssetState, when: string];

function asset(
  id: string,
  state: AssetState,
  brief: string,
  steps: Step[],
  cost: { generation: number; other: number; hours: number },
  placements: Array<[channel: string, when: string, paid: boolean]> = [],
): ProductionAsset {
  return {
    id,
    sourceId: 'character-1',
    briefCreatedAt: at(brief),
    state,
    generationCostMinor: cost.generation,
    otherCostMinor: cost.other,
    productionHours: cost.hours,
    currency: 'USD',
    hourlyRateMinor: 5000, // USD 50.00 an hour
    transitions: steps.map(([from, to, when]) => ({ from, to, at: at(when) })),
    placements: placements.map(([channel, when, paid]): AssetPlacement => ({ channel, publishedAt: at(when), paid })),
  };
}

/*
 * Six hand-built assets (times UTC; 2026-W02 starts Mon Jan 5, W03 Jan 12, W04 Jan 19, W05 Jan 26).
 *
 * | id | state     | rounds | brief→approval | review  | brief→post | channels | paid | cost (gen+people+other) |
 * |----|-----------|--------|----------------|---------|------------|----------|------|-------------------------|
 * | a1 | published | 0      | 27 h (W02)     | 24 h    | 48 h       | 2        | yes  | 1000 + 2×5000 + 0       |
 * | a2 | approved  | 2      | 168 h (W03)    | 162 h   | –          | 0        | no   | 2500 + 3×5000 + 500     |
 * | a3 | published | 0      | 12 h (W02)     | 6 h     | 336 h      | 2        | yes  | 800 + 1.5×5000 + 200    |
 * | a4 | rejected  | –      | –              | –       | –          | –        | –    | 3000 + 1×5000 + 0       |
 * | a5 | in_review | –      | –              | –       | –          | –        | –    | 400 + 0.5×5000 + 0      |
 * | a6 | approved  | 1      | 192 h (W05)    | 180 h   | –          | 0        | no   | 1200 + 4×5000 + 300     |
 */
const assets: ProductionAsset[] = [
  asset(
    'a1',
    'published',
    '2026-01-05T09:00',
    [
      [null, 'draft', '2026-01-05T10:00'],
      ['draft', 'in_review', '2026-01-05T12:00'],
      ['in_review', 'approved', '2026-01-06T12:00'],
      ['approved', 'published', '2026-01-07T09:00'],
    ],
    { generation: 1000, other: 0, hours: 2 },
    [
      ['instagram', '2026-01-07T09:00', false],
      ['tiktok', '2026-01-08T09:00', true],
      ['Instagram', '2026-01-09T09:00', false], // same channel again, any case: still 2 channels
    ],
  ),
  asset(
    'a2',
    'approved',
    '2026-01-05T09:00',
    // Deliberately out of order: "first" must mean first in time.
    [
      ['in_review', 'approved', '2026-01-12T09:00'],
      [null, 'draft', '2026-01-05T09:30'],
      ['draft', 'in_review', '2026-01-05T15:00'],
      ['in_review', 'changes_requested', '2026-01-06T09:00'],
      ['changes_requested', 'in_review', '2026-01-07T09:00'],
      ['in_review', 'changes_requested', '2026-01-08T09:00'],
      ['changes_requested', 'in_review', '2026-01-09T09:00'],
    ],
    { generation: 2500, other: 500, hours: 3 },
  ),
  asset(
    'a3',
    'published',
    '2026-01-06T00:00',
    [
      ['draft', 'in_review', '2026-01-06T06:00'],
      ['in_review', 'approved', '2026-01-06T12:00'],
      ['approved', 'published', '2026-01-20T00:00'],
    ],
    { generation: 800, other: 200, hours: 1.5 },
    [
      ['youtube', '2026-01-20T00:00', true],
      ['instagram', '2026-01-21T00:00', false],
    ],
  ),
  asset(
    'a4',
    'rejected',
    '2026-01-05T09:00',
    [
      ['draft', 'in_review', '2026-01-06T09:00'],
      ['in_review', 'rejected', '2026-01-07T09:00'],
    ],
    { generation: 3000, other: 0, hours: 1 },
  ),
  asset('a5', 'in_review', '2026-01-26T00:00', [['draft', 'in_review', '2026-01-26T09:00']], { generation: 400, other: 0, hours: 0.5 }),
  asset(
    'a6',
    'approved',
    '2026-01-19T00:00',
    [
      ['draft', 'in_review', '2026-01-19T12:00'],
      ['in_review', 'changes_requested', '2026-01-20T12:00'],
      ['changes_requested', 'in_review', '2026-01-21T12:00'],
      ['in_review', 'approved', '2026-01-27T00:00'],
    ],
    { generation: 1200, other: 300, hours: 4 },
  ),
];

const now = at('2026-01-28T09:00');

function byId(id: string): ProductionAsset {
  const found = assets.find((a) => a.id === id);
  if (found === undefined) throw new Error(`no asset ${id}`);
  return found;
}

describe('computeProductionKpis', () => {
  const kpis = computeProductionKpis({ assets }, { now });

  it('counts approved output and the approval rate over decided assets', () => {
    expect(kpis.assets_in_scope).toBe(6);
    expect(kpis.approved_assets).toBe(4); // a1, a2, a3, a6
    expect(kpis.rejected_assets).toBe(1);
    expect(kpis.approval_rate).toEqual({ value: 80, decided: 5 }); // 4 / (4 + 1)
  });

  it('counts revision rounds of approved assets', () => {
    expect(kpis.revisions_per_approved).toEqual({ value: 0.75, rounds: 3, n: 4 }); // (0 + 2 + 0 + 1) / 4
    expect(kpis.first_pass_approval_rate).toEqual({ value: 50, firstPass: 2, n: 4 }); // a1, a3
  });

  it('measures cycle times as median and p90', () => {
    // [12, 27, 168, 192]: median (27 + 168) / 2; p90 rank 2.7 -> 168 + 0.7 × 24
    expect(kpis.brief_to_approval_hours.median).toBe(97.5);
    expect(kpis.brief_to_approval_hours.p90).toBeCloseTo(184.8, 10);
    expect(kpis.brief_to_approval_hours.n).toBe(4);
    // [6, 24, 162, 180]: median 93; p90 162 + 0.7 × 18
    expect(kpis.time_in_review_hours.median).toBe(93);
    expect(kpis.time_in_review_hours.p90).toBeCloseTo(174.6, 10);
    // [48, 336]: median 192; p90 48 + 0.9 × 288
    expect(kpis.brief_to_post_hours).toEqual({ median: 192, p90: expect.closeTo(307.2, 10), n: 2 });
  });

  it('reports velocity per ISO week, zero weeks included', () => {
    expect(kpis.content_velocity.series).toEqual([
      { week: '2026-W02', approved: 2 },
      { week: '2026-W03', approved: 1 },
      { week: '2026-W04', approved: 0 },
      { week: '2026-W05', approved: 1 },
    ]);
    expect(kpis.content_velocity.meanPerWeek).toBe(1); // 4 approvals over 4 weeks
    expect(kpis.content_velocity.weeks).toBe(4);
  });

  it('costs all work in scope, rejected included, with people time', () => {
    const cost = kpis.production_cost;
    expect(cost?.generation).toEqual({ amountMinor: 8900, currency: 'USD' });
    expect(cost?.people).toEqual({ amountMinor: 60_000, currency: 'USD' }); // 12 h × 5000
    expect(cost?.other).toEqual({ amountMinor: 1000, currency: 'USD' });
    expect(cost?.total).toEqual({ amountMinor: 69_900, currency: 'USD' });
    expect(cost?.hours).toBe(12);
    expect(kpis.cost_per_approved_asset).toEqual({ amountMinor: 17_475, currency: 'USD' }); // 69,900 / 4
  });

  it('measures reuse of approved assets', () => {
    expect(kpis.channel_reuse).toEqual({ value: 1, n: 4 }); // (2 + 0 + 2 + 0) / 4
    expect(kpis.paid_reuse_rate).toEqual({ value: 50, paidReused: 2, n: 4 });
  });

  it('ages the review queue from the latest submission', () => {
    expect(kpis.review_queue).toEqual({ n: 1, oldestHours: 48, medianAgeHours: 48 });
  });

  it('returns nulls, not zeros, for an empty scope', () => {
    const empty = computeProductionKpis({ assets: [] }, { now });
    expect(empty.approved_assets).toBe(0);
    expect(empty.approval_rate.value).toBeNull();
    expect(empty.revisions_per_approved.value).toBeNull();
    expect(empty.brief_to_approval_hours).toEqual({ median: null, p90: null, n: 0 });
    expect(empty.content_velocity).toEqual({ series: [], meanPerWeek: null, weeks: 0, approved: 0 });
    expect(empty.production_cost).toBeNull();
    expect(empty.cost_per_approved_asset).toBeNull();
    expect(computeProductionKpis({ assets: [] }, { now, currency: 'EUR' }).production_cost?.total).toEqual({
      amountMinor: 0,
      currency: 'EUR',
    });
  });

  it('has no cost per approved asset when nothing is approved', () => {
    const onlyRejected = computeProductionKpis({ assets: assets.filter((a) => a.id === 'a4') }, { now });
    expect(onlyRejected.approval_rate.value).toBe(0);
    expect(onlyRejected.cost_per_approved_asset).toBeNull();
    expect(onlyRejected.production_cost?.total.amountMinor).toBe(8000);
  });

  it('refuses mixed currencies', () => {
    const eur = { ...byId('a1'), id: 'eur', currency: 'EUR' };
    expect(() => computeProductionKpis({ assets: [...assets, eur] }, { now })).toThrow(
      expect.objectContaining({ code: 'currency_mismatch' }),
    );
    expect(() => computeProductionKpis({ assets }, { now, currency: 'EUR' })).toThrow(DomainError);
  });

  it('refuses negative hours and impossible timelines', () => {
    const bad = { ...byId('a1'), productionHours: -1 };
    expect(() => computeProductionKpis({ assets: [bad] }, { now })).toThrow(/productionHours/);
    const early = { ...byId('a1'), briefCreatedAt: at('2026-02-01T00:00') };
    expect(() => computeProductionKpis({ assets: [early] }, { now })).toThrow(/before its start/);
  });
});
