/*
 * Paid-social tests of a campaign: the rules their arms follow and what they show.
 * - creative_ab: exactly one treatment arm, the AI asset (aiGenerated), against one or more
 *   control arms (the brand's usual, non-AI creatives); no holdout arm. Result: paid_media_lift of
 *   the AI arm against each control on CTR and conversion rate (two-proportion test) and CPA.
 * - holdout: exactly one treatment arm and one holdout arm (no ad: no asset, no spend, not AI),
 *   both with their audience. Result: incremental_lift of the treatment's conversion rate
 *   (conversions / audience) over the holdout's.
 * Every arm is in the campaign's currency; clicks ≤ impressions; conversions ≤ clicks
 * (creative_ab) or ≤ audience (holdout; a treatment's conversions may follow a view, not a click).
 * A broken rule is a DomainError naming every offending field; nothing is stored.
 */
import { cpa } from './commercial.ts';
import { DomainError, DomainErrorCode } from './errors.ts';
import { incrementalLift, paidMediaLift, type Lift } from './lift.ts';
import { money } from './money.ts';
import { plural } from './plural.ts';
import { difference, percent } from './ratio.ts';
import type { RateOptions } from './tiers.ts';
import type { PaidTestArmRole, PaidTestKind, SourceKind } from './vocabulary.ts';

export type FieldError = { field: string; message: string };

/** The 95 % level of every interval and significance call (the core's default). */
export const LIFT_CONFIDENCE = 0.95;

export const PAID_TEST_KIND_LABEL: Record<PaidTestKind, string> = { creative_ab: 'creative A/B', holdout: 'holdout' };

type Count = number | null | undefined;
export type ArmCounts = { audience: number | null; impressions: number | null; clicks: number | null; conversions: number | null };

/** An arm's counts as sent: an omitted count is unknown (null), never 0. */
export function armCounts(input: { audience?: Count; impressions?: Count; clicks?: Count; conversions?: Count }): ArmCounts {
  return { audience: input.audience ?? null, impressions: input.impressions ?? null, clicks: input.clicks ?? null, conversions: input.conversions ?? null };
}

// ---- rules -------------------------------------------------------------------------------------

/** clicks ≤ impressions; conversions ≤ clicks (creative_ab) or ≤ audience, which a holdout test needs. */
export function armCountErrors(kind: PaidTestKind, counts: ArmCounts, at: (field: string) => string): FieldError[] {
  const errors: FieldError[] = [];
  const known = (value: number | null): value is number => value !== null;
  if (known(counts.clicks) && known(counts.impressions) && counts.clicks > counts.impressions) {
    errors.push({ field: at('clicks'), message: `${counts.clicks} clicks exceed the ${counts.impressions} impressions` });
  }
  if (kind === 'creative_ab') {
    if (known(counts.conversions) && known(counts.clicks) && counts.conversions > counts.clicks) {
      errors.push({ field: at('conversions'), message: `${counts.conversions} conversions exceed the ${counts.clicks} clicks` });
    }
  } else if (!known(counts.audience)) {
    errors.push({ field: at('audience'), message: 'is needed in a holdout test: the conversion rate is conversions over the audience' });
  } else if (known(counts.conversions) && counts.conversions > counts.audience) {
    errors.push({ field: at('conversions'), message: `${counts.conversions} conversions exceed the audience of ${counts.audience}` });
  }
  return errors;
}

const HOLDOUT_SPENT = 'a holdout arm saw no ad, so it spent nothing: send 0';

type DraftArm = { role: PaidTestArmRole; spendMinor: number; assetId?: string | undefined; aiGenerated: boolean; at: (field: string) => string };

/** Which arms a kind of test needs, and what each role may carry. */
function compositionErrors(kind: PaidTestKind, arms: readonly DraftArm[]): FieldError[] {
  const errors: FieldError[] = [];
  const withRole = (role: PaidTestArmRole) => arms.filter((arm) => arm.role === role);
  const treatments = withRole('treatment');
  const controls = withRole('control');
  const holdouts = withRole('holdout');
  if (kind === 'creative_ab') {
    if (treatments.length !== 1) {
      errors.push({ field: 'body.arms', message: `a creative_ab test has exactly one treatment arm, the AI asset (found ${treatments.length})` });
    }
    for (const arm of treatments) {
      if (!arm.aiGenerated) errors.push({ field: arm.at('aiGenerated'), message: 'the treatment arm of a creative_ab test is the AI asset: mark it aiGenerated (or name an asset of an AI character)' });
    }
    if (controls.length === 0) errors.push({ field: 'body.arms', message: 'a creative_ab test needs at least one control arm: the creative the AI asset is compared with' });
    for (const arm of controls) {
      if (arm.aiGenerated) errors.push({ field: arm.at('aiGenerated'), message: 'a control arm is the usual, non-AI creative; only the treatment arm is the AI asset' });
    }
    for (const arm of holdouts) errors.push({ field: arm.at('role'), message: 'a creative_ab test has no holdout arm; record a holdout test for incrementality' });
  } else {
    if (treatments.length !== 1) errors.push({ field: 'body.arms', message: `a holdout test has exactly one treatment arm (found ${treatments.length})` });
    if (holdouts.length !== 1) errors.push({ field: 'body.arms', message: `a holdout test has exactly one holdout arm (found ${holdouts.length})` });
    for (const arm of controls) errors.push({ field: arm.at('role'), message: 'a holdout test has no control arm; compare creatives in a creative_ab test' });
    for (const arm of holdouts) {
      if (arm.spendMinor !== 0) errors.push({ field: arm.at('spendMinor'), message: HOLDOUT_SPENT });
      if (arm.assetId !== undefined) errors.push({ field: arm.at('assetId'), message: 'a holdout arm saw no ad: leave assetId out' });
      if (arm.aiGenerated) errors.push({ field: arm.at('aiGenerated'), message: 'a holdout arm saw no ad: it cannot be aiGenerated' });
    }
  }
  return errors;
}

function refuse(code: DomainErrorCode, errors: FieldError[], message: string): void {
  if (errors.length > 0) throw new DomainError(code, message, { errors });
}

export type NewArm = {
  name: string;
  role: PaidTestArmRole;
  spendMinor: number;
  currency: string;
  assetId?: string | undefined;
  aiGenerated?: boolean | undefined;
  audience?: Count;
  impressions?: Count;
  clicks?: Count;
  conversions?: Count;
};

/**
 * A new test's arms checked against its campaign, each arm's named asset already looked up (its
 * campaign and its source's kind): every arm in the campaign's currency (currency_mismatch), then
 * assets of the campaign, the arms the kind needs and counts that agree (rule_violation). Returns
 * the arms with aiGenerated settled: as sent, else whether the asset is an AI character's.
 */
export function checkNewPaidTest(input: {
  kind: PaidTestKind;
  campaign: { id: string; name: string; currency: string };
  arms: ReadonlyArray<NewArm & { asset?: { campaignId: string; sourceKind: SourceKind } | undefined }>;
}): Array<NewArm & { aiGenerated: boolean }> {
  const { kind, campaign } = input;
  const at = (index: number) => (field: string) => `body.arms.${index}.${field}`;
  const wrongCurrency = input.arms.flatMap((arm, index) => (arm.currency === campaign.currency ? [] : [{ field: at(index)('currency'), message: `must be ${campaign.currency}, the campaign's currency` }]));
  refuse(DomainErrorCode.currency_mismatch, wrongCurrency, `${plural(wrongCurrency.length, 'arm')} are not in ${campaign.currency}, the currency of ${campaign.name}; a test never mixes currencies. Convert the spend and send it in ${campaign.currency}.`);

  const arms = input.arms.map(({ asset, ...arm }, index) => ({ ...arm, aiGenerated: arm.aiGenerated ?? asset?.sourceKind === 'ai_character', asset, at: at(index) }));
  const errors = [
    ...arms.flatMap((arm) => (arm.asset && arm.asset.campaignId !== campaign.id ? [{ field: arm.at('assetId'), message: `is an asset of another campaign, not of ${campaign.name}` }] : [])),
    ...compositionErrors(kind, arms),
    ...arms.flatMap((arm) => armCountErrors(kind, armCounts(arm), arm.at)),
  ];
  refuse(DomainErrorCode.rule_violation, errors, `The ${PAID_TEST_KIND_LABEL[kind]} test breaks ${plural(errors.length, 'rule')}; nothing was stored: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}.`);
  return arms.map(({ asset: _, at: __, ...arm }) => arm);
}

/** New counts of an existing arm (a PUT): in the arm's currency, agreeing with each other; a holdout arm spends nothing. */
export function checkArmUpdate(test: { kind: PaidTestKind }, arm: { name: string; role: PaidTestArmRole; currency: string }, input: { spendMinor: number; currency: string } & ArmCounts): void {
  if (input.currency !== arm.currency) {
    throw new DomainError(DomainErrorCode.currency_mismatch, `The arm ${arm.name} is in ${arm.currency}; send its spend in ${arm.currency}.`, { errors: [{ field: 'body.currency', message: `must be ${arm.currency}, the arm's currency` }] });
  }
  const errors = armCountErrors(test.kind, input, (field) => `body.${field}`);
  if (arm.role === 'holdout' && input.spendMinor !== 0) errors.push({ field: 'body.spendMinor', message: HOLDOUT_SPENT });
  refuse(DomainErrorCode.rule_violation, errors, `The counts of arm ${arm.name} contradict each other; nothing was changed: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}.`);
}

// ---- results -----------------------------------------------------------------------------------

/** An arm as recorded: what it spent and brought (a count null until it comes in). */
export type TestArm = {
  name: string;
  role: PaidTestArmRole;
  spendMinor: number;
  currency: string;
  audience?: number | null | undefined;
  impressions?: number | null | undefined;
  clicks?: number | null | undefined;
  conversions?: number | null | undefined;
};

type SuccessesAre = 'clicks' | 'conversions';
type TrialsAre = 'impressions' | 'clicks' | 'audience';
type Sample = { arm: string; successes: number | null; successesAre: SuccessesAre; trials: number | null; trialsAre: TrialsAre; rate: number | null };

function sample(arm: TestArm, successesAre: SuccessesAre, trialsAre: TrialsAre): Sample {
  const successes = arm[successesAre] ?? null;
  const trials = arm[trialsAre] ?? null;
  return { arm: arm.name, successes, successesAre, trials, trialsAre, rate: percent(successes, trials) };
}

/** Why a two-proportion lift of A over B is (partly) unknown, in words; null when it is whole. */
function liftReason(a: Sample, b: Sample, lift: Lift): string | null {
  const missing = [a, b].flatMap((s) => [
    ...(s.trials === null ? [`${s.arm} has no ${s.trialsAre} yet`] : []),
    ...(s.successes === null ? [`${s.arm} has no ${s.successesAre} yet`] : []),
  ]);
  if (missing.length > 0) return `Not enough data: ${missing.join('; ')}. Update the arm when the counts come in.`;
  const empty = [a, b].filter((s) => s.trials === 0);
  if (empty.length > 0) return `Not enough data: ${empty.map((s) => `${s.arm} has 0 ${s.trialsAre}`).join('; ')}.`;
  if (lift.value === null) return `${b.arm} has 0 ${b.successesAre}: a lift relative to 0 is undefined; read the difference in points.`;
  if (lift.test?.liftInterval === null) return `${a.arm} has 0 ${a.successesAre}: the interval of the lift is undefined (it is computed on the log of the ratio); read the interval of the difference.`;
  return null;
}

function statistics(lift: Lift, a: Sample, b: Sample) {
  const test = lift.test;
  return {
    value: lift.value,
    difference: test?.difference ?? null,
    differenceInterval: test?.differenceInterval ?? null,
    liftInterval: test?.liftInterval ?? null,
    z: test?.z ?? null,
    pValue: test?.pValue ?? null,
    confidence: test?.confidence ?? LIFT_CONFIDENCE,
    significant: test?.significant ?? null,
    reason: liftReason(a, b, lift),
  };
}

const DEFINITIONS = {
  ctr: 'CTR = clicks / impressions × 100; lift = (AI CTR − control CTR) / control CTR × 100',
  conversion_rate: 'conversion rate = conversions / clicks × 100; lift = (AI rate − control rate) / control rate × 100',
  cpa: 'CPA = spend / conversions; change = (AI CPA − control CPA) / control CPA × 100 (lower is better)',
  incremental_lift: 'conversion rate = conversions / audience × 100; incremental lift = (treatment rate − holdout rate) / holdout rate × 100',
} as const;

function proportionLift(metric: 'ctr' | 'conversion_rate', ai: TestArm, control: TestArm) {
  const [successesAre, trialsAre] = metric === 'ctr' ? (['clicks', 'impressions'] as const) : (['conversions', 'clicks'] as const);
  const a = sample(ai, successesAre, trialsAre);
  const b = sample(control, successesAre, trialsAre);
  const lift = paidMediaLift({ metric, aiAsset: { successes: a.successes, trials: a.trials }, control: { successes: b.successes, trials: b.trials }, confidence: LIFT_CONFIDENCE });
  return { metric, definition: DEFINITIONS[metric], aiAsset: a, control: b, ...statistics(lift, a, b) };
}

/** The CPA change of the AI arm against a control: money per conversion, so no two-proportion test. */
function cpaChange(ai: TestArm, control: TestArm, options: RateOptions) {
  const armCpa = (arm: TestArm) => {
    const spend = money(arm.spendMinor, arm.currency);
    const kpi = cpa({ cost: spend, targetActions: arm.conversions ?? null }, options);
    return { arm: arm.name, spend, conversions: arm.conversions ?? null, value: kpi.value, tier: kpi.tier };
  };
  const a = armCpa(ai);
  const b = armCpa(control);
  const unknown = [a, b].filter((s) => s.value === null).map((s) => (s.conversions === null ? `${s.arm} has no conversions yet` : `${s.arm} has 0 conversions`));
  const untested = 'CPA is money per conversion, not a proportion, so no two-proportion test applies: read the test of conversion_rate for the conversions behind it.';
  return {
    metric: 'cpa' as const,
    definition: DEFINITIONS.cpa,
    aiAsset: a,
    control: b,
    value: percent(difference(a.value, b.value), b.value),
    difference: difference(a.value, b.value),
    lowerIsBetter: true as const,
    differenceInterval: null,
    liftInterval: null,
    z: null,
    pValue: null,
    confidence: LIFT_CONFIDENCE,
    significant: null,
    reason: unknown.length > 0 ? `Not enough data: ${unknown.join('; ')}. ${untested}` : untested,
  };
}

/** paid_media_lift of a creative_ab test: the AI (treatment) arm against each control arm. */
function paidMediaLiftOf(ai: TestArm, controls: readonly TestArm[], options: RateOptions) {
  return {
    aiArm: ai.name,
    comparisons: controls.map((control) => ({
      controlArm: control.name,
      ctr: proportionLift('ctr', ai, control),
      conversion_rate: proportionLift('conversion_rate', ai, control),
      cpa: cpaChange(ai, control, options),
    })),
  };
}

/** incremental_lift of a holdout test: conversions over audience, treatment against holdout. */
function incrementalLiftOf(treatment: TestArm, holdout: TestArm) {
  const a = sample(treatment, 'conversions', 'audience');
  const b = sample(holdout, 'conversions', 'audience');
  const lift = incrementalLift({ treatment: { successes: a.successes, trials: a.trials }, holdout: { successes: b.successes, trials: b.trials }, confidence: LIFT_CONFIDENCE });
  return { definition: DEFINITIONS.incremental_lift, treatment: a, holdout: b, ...statistics(lift, a, b) };
}

export type PaidMediaLiftResult = ReturnType<typeof paidMediaLiftOf>;
export type IncrementalLiftResult = ReturnType<typeof incrementalLiftOf>;

/** The result a test's kind calls for; null for the other kind (or arms that do not fit, recorded outside this API). */
export function paidTestResult(kind: PaidTestKind, arms: readonly TestArm[], options: RateOptions) {
  const withRole = (role: PaidTestArmRole) => arms.filter((arm) => arm.role === role);
  const [treatment, ...extraTreatments] = withRole('treatment');
  const controls = withRole('control');
  const [holdout, ...extraHoldouts] = withRole('holdout');
  const fits = treatment !== undefined && extraTreatments.length === 0;
  return {
    incremental_lift: kind === 'holdout' && fits && holdout !== undefined && extraHoldouts.length === 0 ? incrementalLiftOf(treatment, holdout) : null,
    paid_media_lift: kind === 'creative_ab' && fits && controls.length > 0 ? paidMediaLiftOf(treatment, controls, options) : null,
  };
}

// ---- in the commercial report ------------------------------------------------------------------

export type TestRecord = { id: string; name: string; kind: PaidTestKind; campaignId: string; startsOn: string; endsOn: string };

/**
 * incremental_lift and paid_media_lift of the commercial report: the tests of the campaigns in
 * scope that run in the period. With exactly one test of a kind, its result; with several, each
 * listed (tests on different audiences and dates are never pooled); with none, null and why.
 */
export function paidTestLifts(tests: readonly TestRecord[], armsOf: ReadonlyMap<string, readonly TestArm[]>, period: { from?: Date | undefined; to?: Date | undefined }, options: RateOptions) {
  const inPeriod = period.from || period.to ? ' that runs in the period' : '';

  function summary<R>(kind: PaidTestKind, resultOf: (test: TestRecord) => R | null) {
    const listed = tests
      .filter((test) => test.kind === kind)
      .map((test) => ({ testId: test.id, name: test.name, campaignId: test.campaignId, startsOn: test.startsOn, endsOn: test.endsOn, result: resultOf(test) }));
    const label = PAID_TEST_KIND_LABEL[kind];
    const [only] = listed;
    if (only === undefined) {
      return { result: null, reason: `No ${label} paid test of the campaigns in scope${inPeriod}: record one with POST /v1/paid-tests.`, tests: listed };
    }
    if (listed.length === 1) {
      return { result: only.result, reason: only.result === null ? `The arms of ${only.name} do not fit a ${label} test.` : null, tests: listed };
    }
    return {
      result: null,
      reason: `${listed.length} ${label} tests apply (${listed.map((t) => t.name).join(', ')}); each ran on its own audience and dates, so they are listed per test, not pooled. Narrow the scope (one campaign, a shorter period) to single one out.`,
      tests: listed,
    };
  }

  return {
    incremental_lift: summary('holdout', (test) => paidTestResult('holdout', armsOf.get(test.id) ?? [], options).incremental_lift),
    paid_media_lift: summary('creative_ab', (test) => paidTestResult('creative_ab', armsOf.get(test.id) ?? [], options).paid_media_lift),
  };
}

export type PaidTestLifts = ReturnType<typeof paidTestLifts>;

/** What a report that does not read the paid tests puts in their place, saying why. */
export function paidTestsNotRead(reason: string): PaidTestLifts {
  const none = { result: null, reason, tests: [] };
  return { incremental_lift: none, paid_media_lift: none };
}
