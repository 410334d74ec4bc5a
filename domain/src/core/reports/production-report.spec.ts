import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors.ts';
import { productionReportOf, type ProductionAssetRecord } from './production-report.ts';

const now = new Date('2026-03-10T00:00:00Z');
const asset = (id: string, over: Partial<ProductionAssetRecord> = {}): ProductionAssetRecord => ({
  id, sourceId: 'lea', sourceKind: 'ai_character', briefOpenedAt: new Date('2026-03-01T00:00:00Z'), state: 'approved',
  generationCostMinor: 1_000, otherCostMinor: 0, productionHours: 2, currency: 'EUR', hourlyRateMinor: 2_500, ...over,
});
const approvedAfter = (assetId: string, hours: number) => [
  { assetId, from: 'draft' as const, to: 'in_review' as const, at: new Date(Date.UTC(2026, 2, 1, hours - 1)) },
  { assetId, from: 'in_review' as const, to: 'approved' as const, at: new Date(Date.UTC(2026, 2, 1, hours)) },
];

describe('productionReportOf', () => {
  const report = productionReportOf({ sourceKind: 'ai_character' }, {
    assets: [asset('a'), asset('b', { state: 'rejected', sourceKind: 'human_creator', sourceId: 'maya' })],
    transitions: [...approvedAfter('a', 10), { assetId: 'b', from: 'in_review', to: 'rejected', at: new Date('2026-03-02T00:00:00Z') }],
    placements: [
      { assetId: 'a', channel: 'instagram', publishedAt: new Date('2026-03-03T00:00:00Z'), paid: false, posts: 2, unlabeledPosts: 1 },
      { assetId: 'a', channel: 'tiktok', publishedAt: new Date('2026-03-04T00:00:00Z'), paid: true, posts: 1, unlabeledPosts: 0 },
    ],
    workspaceCurrency: 'USD',
  }, now);

  it('computes the KPIs over the assets in scope, in their one currency', () => {
    expect(report.currency).toBe('EUR');
    expect(report.kpis).toMatchObject({ assets_in_scope: 2, approved_assets: 1, rejected_assets: 1, approval_rate: { value: 50, decided: 2 } });
    // 1,000 generation + 2 h × 25.00 per asset, both assets.
    expect(report.kpis.production_cost?.total).toEqual({ amountMinor: 12_000, currency: 'EUR' });
    expect(report.kpis.channel_reuse).toEqual({ value: 2, n: 1 });
    expect(report.kpis.paid_reuse_rate).toMatchObject({ paidReused: 1, n: 1 });
  });

  it("counts the AI characters' posts and those without the AI label", () => {
    expect(report.aiDisclosure).toEqual({ aiCharacterPosts: 3, missingLabel: 1 });
  });

  it('echoes the filters with the basis', () => {
    expect(report.scope).toEqual({ sourceKind: 'ai_character', basis: 'assets whose brief opened in the period' });
  });

  it("answers an empty scope in the workspace's currency", () => {
    const empty = productionReportOf({}, { assets: [], transitions: [], placements: [], workspaceCurrency: 'USD' }, now);
    expect(empty.currency).toBe('USD');
    expect(empty.kpis.production_cost?.total).toEqual({ amountMinor: 0, currency: 'USD' });
  });

  it('refuses assets in two currencies with a domain error', () => {
    let refusal: unknown;
    try {
      productionReportOf({}, { assets: [asset('a'), asset('b', { currency: 'USD' })], transitions: [], placements: [], workspaceCurrency: 'USD' }, now);
    } catch (error) {
      refusal = error;
    }
    expect(isDomainError(refusal) && refusal.code).toBe('currency_mismatch');
  });
});
