import { describe, expect, it } from 'vitest';
import { isDomainError } from './errors.ts';
import { checkArmUpdate, checkNewPaidTest, paidTestLifts, paidTestResult, type TestArm } from './paid-test.ts';

const campaign = { id: 'spring', name: 'Spring', currency: 'USD' };
const refusal = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    if (isDomainError(error)) return { code: error.code, message: error.message, errors: error.details?.['errors'] };
    throw error;
  }
  return null;
};

describe('the rules of a new paid test', () => {
  it('settles aiGenerated from the asset and accepts a creative A/B test that fits', () => {
    const arms = checkNewPaidTest({
      kind: 'creative_ab',
      campaign,
      arms: [
        { name: 'AI', role: 'treatment', spendMinor: 100, currency: 'USD', assetId: 'a', asset: { campaignId: 'spring', sourceKind: 'ai_character' }, impressions: 1_000, clicks: 50 },
        { name: 'Usual', role: 'control', spendMinor: 100, currency: 'USD' },
      ],
    });
    expect(arms.map((arm) => [arm.name, arm.aiGenerated])).toEqual([['AI', true], ['Usual', false]]);
  });

  it('refuses another currency before any other rule', () => {
    expect(refusal(() => checkNewPaidTest({ kind: 'holdout', campaign, arms: [{ name: 'T', role: 'treatment', spendMinor: 1, currency: 'EUR' }] }))).toEqual({
      code: 'currency_mismatch',
      message: '1 arm are not in USD, the currency of Spring; a test never mixes currencies. Convert the spend and send it in USD.',
      errors: [{ field: 'body.arms.0.currency', message: "must be USD, the campaign's currency" }],
    });
  });

  it('names every arm that does not fit the kind, and counts that contradict each other', () => {
    const refused = refusal(() => checkNewPaidTest({
      kind: 'holdout',
      campaign,
      arms: [
        { name: 'T', role: 'treatment', spendMinor: 100, currency: 'USD', audience: 100, conversions: 101 },
        { name: 'H', role: 'holdout', spendMinor: 5, currency: 'USD', audience: 100, assetId: 'a', asset: { campaignId: 'autumn', sourceKind: 'studio' } },
      ],
    }));
    expect(refused?.code).toBe('rule_violation');
    expect(refused?.errors).toEqual([
      { field: 'body.arms.1.assetId', message: 'is an asset of another campaign, not of Spring' },
      { field: 'body.arms.1.spendMinor', message: 'a holdout arm saw no ad, so it spent nothing: send 0' },
      { field: 'body.arms.1.assetId', message: 'a holdout arm saw no ad: leave assetId out' },
      { field: 'body.arms.0.conversions', message: '101 conversions exceed the audience of 100' },
    ]);
    expect(refused?.message).toMatch(/^The holdout test breaks 4 rules; nothing was stored: body\.arms\.1\.assetId is an asset/);
  });

  it('checks an arm update in its own currency and role', () => {
    const holdout = { name: 'H', role: 'holdout' as const, currency: 'USD' };
    expect(refusal(() => checkArmUpdate({ kind: 'holdout' }, holdout, { spendMinor: 0, currency: 'EUR', audience: 1, impressions: null, clicks: null, conversions: null }))?.code).toBe('currency_mismatch');
    expect(refusal(() => checkArmUpdate({ kind: 'holdout' }, holdout, { spendMinor: 3, currency: 'USD', audience: null, impressions: 10, clicks: 20, conversions: null }))?.errors).toEqual([
      { field: 'body.clicks', message: '20 clicks exceed the 10 impressions' },
      { field: 'body.audience', message: 'is needed in a holdout test: the conversion rate is conversions over the audience' },
      { field: 'body.spendMinor', message: 'a holdout arm saw no ad, so it spent nothing: send 0' },
    ]);
  });
});

describe('results', () => {
  const ai: TestArm = { name: 'AI', role: 'treatment', spendMinor: 10_000, currency: 'USD', impressions: 10_000, clicks: 300, conversions: 30 };
  const usual: TestArm = { name: 'Usual', role: 'control', spendMinor: 10_000, currency: 'USD', impressions: 10_000, clicks: 200, conversions: 10 };

  it("compares the AI arm with each control: CTR and conversion-rate lifts, and CPA's change", () => {
    const [comparison] = paidTestResult('creative_ab', [ai, usual], {}).paid_media_lift!.comparisons;
    expect(comparison?.ctr).toMatchObject({ aiAsset: { rate: 3 }, control: { rate: 2 }, significant: true });
    expect(comparison?.ctr.value).toBeCloseTo(50, 9);
    // CPA 3.33 against 10.00: about 67 % lower.
    expect(comparison?.cpa.value).toBeCloseTo(-66.67, 2);
    expect(paidTestResult('holdout', [ai, usual], {})).toEqual({ incremental_lift: null, paid_media_lift: null });
  });

  it('lists several tests of a kind rather than pooling them, and says when there is none', () => {
    const test = (id: string) => ({ id, name: id, kind: 'creative_ab' as const, campaignId: 'spring', startsOn: '2026-03-01', endsOn: '2026-03-31' });
    const arms = new Map([['one', [ai, usual]], ['two', [ai, usual]]]);
    const one = paidTestLifts([test('one')], arms, {}, {});
    expect(one.paid_media_lift.result?.aiArm).toBe('AI');
    expect(one.incremental_lift).toEqual({ result: null, reason: 'No holdout paid test of the campaigns in scope: record one with POST /v1/paid-tests.', tests: [] });
    const two = paidTestLifts([test('one'), test('two')], arms, { from: new Date() }, {});
    expect(two.paid_media_lift.result).toBeNull();
    expect(two.paid_media_lift.reason).toMatch(/^2 creative A\/B tests apply \(one, two\)/);
    expect(two.incremental_lift.reason).toMatch(/that runs in the period/);
  });
});
