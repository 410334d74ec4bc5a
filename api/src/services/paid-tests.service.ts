import type { EntityManager } from '@mikro-orm/postgresql';
import {
  Asset,
  Campaign,
  PaidTest,
  PaidTestArm,
  Workspace,
  armsOfPaidTests,
  paidTestsOfCampaigns,
  type IPaidTest,
  type IPaidTestArm,
  type PaidTestArmRole,
  type PaidTestKind,
} from '@persona-ops/domain/store';
import {
  cpa,
  difference,
  incrementalLift,
  money,
  paidMediaLift,
  percent,
  validateThresholdOverrides,
  type Lift,
  type RateOptions,
} from '@persona-ops/domain/core';
import { ApiError } from '../http/api-error.ts';
import { assertFilterIdsOwned, findOwned } from './owned.ts';
import { paginate, type PageRequest } from './pagination.ts';

/*
 * Paid-social tests of a campaign and what they show:
 * - creative_ab: exactly one treatment arm, the AI asset (aiGenerated), against one or more
 *   control arms (the brand's usual, non-AI creatives); no holdout arm. Result: paid_media_lift of
 *   the AI arm against each control on CTR and conversion rate (two-proportion test) and CPA.
 * - holdout: exactly one treatment arm and one holdout arm (no ad: no asset, no spend, not AI),
 *   both with their audience. Result: incremental_lift of the treatment's conversion rate
 *   (conversions / audience) over the holdout's.
 * Every arm is in the campaign's currency; clicks ≤ impressions; conversions ≤ clicks
 * (creative_ab) or ≤ audience (holdout; a treatment's conversions may follow a view, not a click).
 * Formulas are the core's (paidMediaLift, incrementalLift, cpa); this file only picks the counts.
 */

type FieldError = { field: string; message: string };
type Count = number | null | undefined;

/** The 95 % level of every interval and significance call (the core's default). */
export const LIFT_CONFIDENCE = 0.95;

export type ArmCountsInput = {
  spendMinor: number;
  currency: string;
  audience?: Count;
  impressions?: Count;
  clicks?: Count;
  conversions?: Count;
};

export type ArmInput = ArmCountsInput & { name: string; role: PaidTestArmRole; assetId?: string | undefined; aiGenerated?: boolean | undefined };

export type PaidTestInput = { campaignId: string; name: string; kind: PaidTestKind; startsOn: string; endsOn: string; arms: ArmInput[] };

type Counts = { audience: number | null; impressions: number | null; clicks: number | null; conversions: number | null };

const KIND_LABEL: Record<PaidTestKind, string> = { creative_ab: 'creative A/B', holdout: 'holdout' };
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

// ---- rules -------------------------------------------------------------------------------------

/** clicks ≤ impressions; conversions ≤ clicks (creative_ab) or ≤ audience, which a holdout test needs. */
function countErrors(kind: PaidTestKind, counts: Counts, at: (field: string) => string): FieldError[] {
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

type ResolvedArm = ArmInput & { aiGenerated: boolean; at: (field: string) => string };

/** Which arms a kind of test needs, and what each role may carry. */
function compositionErrors(kind: PaidTestKind, arms: ResolvedArm[]): FieldError[] {
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
      if (arm.spendMinor !== 0) errors.push({ field: arm.at('spendMinor'), message: 'a holdout arm saw no ad, so it spent nothing: send 0' });
      if (arm.assetId !== undefined) errors.push({ field: arm.at('assetId'), message: 'a holdout arm saw no ad: leave assetId out' });
      if (arm.aiGenerated) errors.push({ field: arm.at('aiGenerated'), message: 'a holdout arm saw no ad: it cannot be aiGenerated' });
    }
  }
  return errors;
}

const countsOf = (input: ArmCountsInput): Counts => ({
  audience: input.audience ?? null,
  impressions: input.impressions ?? null,
  clicks: input.clicks ?? null,
  conversions: input.conversions ?? null,
});

function refuseRules(errors: FieldError[], what: string): void {
  if (errors.length > 0) {
    throw new ApiError(422, 'rule_violation', `${what}: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}.`, errors);
  }
}

// ---- create, update, read ----------------------------------------------------------------------

/**
 * 404 for a campaign or asset not in this workspace; 422 (currency_mismatch) for an arm not in the
 * campaign's currency; 422 (rule_violation) for an asset of another campaign, arms that do not fit
 * the kind, or counts that contradict each other. Nothing is stored unless all is well.
 */
export async function createPaidTest(em: EntityManager, workspaceId: string, input: PaidTestInput) {
  const campaign = await em.findOne(Campaign, { id: input.campaignId, workspace: workspaceId });
  if (!campaign) {
    throw new ApiError(404, 'not_found', `No campaign with id ${input.campaignId} exists in this workspace. Check the id, or list campaigns to find it.`, [
      { field: 'body.campaignId', message: 'is not a campaign of this workspace' },
    ]);
  }
  const at = (index: number) => (field: string) => `body.arms.${index}.${field}`;

  const assetIds = [...new Set(input.arms.flatMap((arm) => (arm.assetId === undefined ? [] : [arm.assetId])))];
  const assets = new Map(
    (assetIds.length === 0 ? [] : await em.find(Asset, { id: { $in: assetIds }, workspace: workspaceId }, { populate: ['source'] })).map((asset) => [asset.id, asset]),
  );
  const unknown = input.arms.flatMap((arm, index) => (arm.assetId !== undefined && !assets.has(arm.assetId) ? [{ field: at(index)('assetId'), message: `no asset ${arm.assetId} in this workspace` }] : []));
  if (unknown.length > 0) {
    throw new ApiError(404, 'not_found', `${plural(unknown.length, 'arm')} name an asset that does not exist in this workspace; nothing was stored. List the campaign's assets to find the right ids.`, unknown);
  }

  const wrongCurrency = input.arms.flatMap((arm, index) => (arm.currency === campaign.currency ? [] : [{ field: at(index)('currency'), message: `must be ${campaign.currency}, the campaign's currency` }]));
  if (wrongCurrency.length > 0) {
    throw new ApiError(422, 'currency_mismatch', `${plural(wrongCurrency.length, 'arm')} are not in ${campaign.currency}, the currency of ${campaign.name}; a test never mixes currencies. Convert the spend and send it in ${campaign.currency}.`, wrongCurrency);
  }

  const arms: ResolvedArm[] = input.arms.map((arm, index) => {
    const asset = arm.assetId === undefined ? undefined : assets.get(arm.assetId);
    return { ...arm, aiGenerated: arm.aiGenerated ?? asset?.source.kind === 'ai_character', at: at(index) };
  });
  const errors = [
    ...arms.flatMap((arm) => {
      const asset = arm.assetId === undefined ? undefined : assets.get(arm.assetId);
      return asset && asset.campaign.id !== campaign.id ? [{ field: arm.at('assetId'), message: `is an asset of another campaign, not of ${campaign.name}` }] : [];
    }),
    ...compositionErrors(input.kind, arms),
    ...arms.flatMap((arm) => countErrors(input.kind, countsOf(arm), arm.at)),
  ];
  refuseRules(errors, `The ${KIND_LABEL[input.kind]} test breaks ${plural(errors.length, 'rule')}; nothing was stored`);

  const test = em.create(PaidTest, { workspace: workspaceId, campaign, name: input.name, kind: input.kind, startsOn: input.startsOn, endsOn: input.endsOn });
  for (const arm of arms) {
    em.create(PaidTestArm, {
      workspace: workspaceId,
      test,
      name: arm.name,
      role: arm.role,
      asset: arm.assetId ?? null,
      aiGenerated: arm.aiGenerated,
      spendMinor: arm.spendMinor,
      currency: arm.currency,
      ...countsOf(arm),
    });
  }
  await em.flush();
  return test;
}

/**
 * Replaces one arm's counts (PUT): the same body twice leaves the arm as it was. 404 for a test
 * of another workspace or an unknown arm name; 422 for another currency or contradictory counts.
 */
export async function updatePaidTestArm(em: EntityManager, workspaceId: string, testId: string, armName: string, input: ArmCountsInput) {
  const test = await findOwned(em, PaidTest, 'paid test', testId, workspaceId);
  const arm = await em.findOne(PaidTestArm, { workspace: workspaceId, test: test.id, name: armName });
  if (!arm) {
    const names = (await armsOfPaidTests(em, workspaceId, [test.id])).get(test.id)?.map((a) => `"${a.name}"`) ?? [];
    throw new ApiError(404, 'not_found', `The paid test ${test.name} has no arm named "${armName}"; its arms are ${names.join(', ')}.`, [{ field: 'params.name', message: 'is not an arm of this test' }]);
  }
  if (input.currency !== arm.currency) {
    throw new ApiError(422, 'currency_mismatch', `The arm ${arm.name} is in ${arm.currency}; send its spend in ${arm.currency}.`, [{ field: 'body.currency', message: `must be ${arm.currency}, the arm's currency` }]);
  }
  const counts = countsOf(input);
  const errors = countErrors(test.kind, counts, (field) => `body.${field}`);
  if (arm.role === 'holdout' && input.spendMinor !== 0) errors.push({ field: 'body.spendMinor', message: 'a holdout arm saw no ad, so it spent nothing: send 0' });
  refuseRules(errors, `The counts of arm ${arm.name} contradict each other; nothing was changed`);
  em.assign(arm, { spendMinor: input.spendMinor, ...counts });
  await em.flush();
  return test;
}

async function rateOptions(em: EntityManager, workspaceId: string): Promise<RateOptions> {
  const workspace = await em.findOneOrFail(Workspace, { id: workspaceId });
  return { overrides: validateThresholdOverrides(workspace.tierOverrides) };
}

/** Tests with their arms and results, as the API returns them. */
export async function paidTestViews(em: EntityManager, workspaceId: string, tests: IPaidTest[]) {
  if (tests.length === 0) return [];
  const [arms, options] = await Promise.all([armsOfPaidTests(em, workspaceId, tests.map((t) => t.id)), rateOptions(em, workspaceId)]);
  return tests.map((test) => toPaidTestDto(test, arms.get(test.id) ?? [], options));
}

export async function getPaidTest(em: EntityManager, workspaceId: string, id: string) {
  const [view] = await paidTestViews(em, workspaceId, [await findOwned(em, PaidTest, 'paid test', id, workspaceId)]);
  if (!view) throw new Error(`paid test ${id} vanished while read`);
  return view;
}

export async function listPaidTests(em: EntityManager, workspaceId: string, filter: { campaignId?: string | undefined; kind?: PaidTestKind | undefined }, page: PageRequest) {
  await assertFilterIdsOwned(em, workspaceId, { campaignId: filter.campaignId });
  const result = await paginate(em, PaidTest, {
    workspace: workspaceId,
    ...(filter.campaignId ? { campaign: filter.campaignId } : {}),
    ...(filter.kind ? { kind: filter.kind } : {}),
  }, page);
  return { items: await paidTestViews(em, workspaceId, result.items), nextCursor: result.nextCursor };
}

function toArmDto(arm: IPaidTestArm) {
  return {
    name: arm.name,
    role: arm.role,
    assetId: arm.asset?.id ?? null,
    aiGenerated: arm.aiGenerated,
    spendMinor: arm.spendMinor,
    currency: arm.currency,
    audience: arm.audience ?? null,
    impressions: arm.impressions ?? null,
    clicks: arm.clicks ?? null,
    conversions: arm.conversions ?? null,
    updatedAt: arm.updatedAt.toISOString(),
  };
}

export function toPaidTestDto(test: IPaidTest, arms: IPaidTestArm[], options: RateOptions) {
  return {
    id: test.id,
    campaignId: test.campaign.id,
    name: test.name,
    kind: test.kind,
    startsOn: test.startsOn,
    endsOn: test.endsOn,
    arms: arms.map(toArmDto),
    result: paidTestResult(test.kind, arms, options),
    createdAt: test.createdAt.toISOString(),
    updatedAt: test.updatedAt.toISOString(),
  };
}

// ---- results -----------------------------------------------------------------------------------

type SuccessesAre = 'clicks' | 'conversions';
type TrialsAre = 'impressions' | 'clicks' | 'audience';
type Sample = { arm: string; successes: number | null; successesAre: SuccessesAre; trials: number | null; trialsAre: TrialsAre; rate: number | null };

function sample(arm: IPaidTestArm, successesAre: SuccessesAre, trialsAre: TrialsAre): Sample {
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

function proportionLift(metric: 'ctr' | 'conversion_rate', ai: IPaidTestArm, control: IPaidTestArm) {
  const [successesAre, trialsAre] = metric === 'ctr' ? (['clicks', 'impressions'] as const) : (['conversions', 'clicks'] as const);
  const a = sample(ai, successesAre, trialsAre);
  const b = sample(control, successesAre, trialsAre);
  const lift = paidMediaLift({ metric, aiAsset: { successes: a.successes, trials: a.trials }, control: { successes: b.successes, trials: b.trials }, confidence: LIFT_CONFIDENCE });
  return { metric, definition: DEFINITIONS[metric], aiAsset: a, control: b, ...statistics(lift, a, b) };
}

function cpaLift(ai: IPaidTestArm, control: IPaidTestArm, options: RateOptions) {
  const armCpa = (arm: IPaidTestArm) => {
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

export type PaidMediaLiftResult = ReturnType<typeof paidMediaLiftOf>;

/** paid_media_lift of a creative_ab test: the AI (treatment) arm against each control arm. */
function paidMediaLiftOf(ai: IPaidTestArm, controls: IPaidTestArm[], options: RateOptions) {
  return {
    aiArm: ai.name,
    comparisons: controls.map((control) => ({
      controlArm: control.name,
      ctr: proportionLift('ctr', ai, control),
      conversion_rate: proportionLift('conversion_rate', ai, control),
      cpa: cpaLift(ai, control, options),
    })),
  };
}

export type IncrementalLiftResult = ReturnType<typeof incrementalLiftOf>;

/** incremental_lift of a holdout test: conversions over audience, treatment against holdout. */
function incrementalLiftOf(treatment: IPaidTestArm, holdout: IPaidTestArm) {
  const a = sample(treatment, 'conversions', 'audience');
  const b = sample(holdout, 'conversions', 'audience');
  const lift = incrementalLift({ treatment: { successes: a.successes, trials: a.trials }, holdout: { successes: b.successes, trials: b.trials }, confidence: LIFT_CONFIDENCE });
  return { definition: DEFINITIONS.incremental_lift, treatment: a, holdout: b, ...statistics(lift, a, b) };
}

/** The result a test's kind calls for; null for the other kind (or arms that do not fit, recorded outside this API). */
export function paidTestResult(kind: PaidTestKind, arms: IPaidTestArm[], options: RateOptions) {
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

/**
 * incremental_lift and paid_media_lift of the commercial report: the tests of the campaigns in
 * scope that run in the period. With exactly one test of a kind, its result; with several, each
 * listed (tests on different audiences and dates are never pooled); with none, null and why.
 */
export async function reportLifts(em: EntityManager, workspaceId: string, campaignIds: readonly string[], period: { from?: Date | undefined; to?: Date | undefined }, options: RateOptions) {
  const tests = await paidTestsOfCampaigns(em, workspaceId, campaignIds, period);
  const arms = await armsOfPaidTests(em, workspaceId, tests.map((test) => test.id));
  const inPeriod = period.from || period.to ? ' that runs in the period' : '';

  function summary<R>(kind: PaidTestKind, resultOf: (test: IPaidTest) => R | null) {
    const listed = tests
      .filter((test) => test.kind === kind)
      .map((test) => ({ testId: test.id, name: test.name, campaignId: test.campaign.id, startsOn: test.startsOn, endsOn: test.endsOn, result: resultOf(test) }));
    const label = KIND_LABEL[kind];
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
    incremental_lift: summary('holdout', (test) => paidTestResult('holdout', arms.get(test.id) ?? [], options).incremental_lift),
    paid_media_lift: summary('creative_ab', (test) => paidTestResult('creative_ab', arms.get(test.id) ?? [], options).paid_media_lift),
  };
}
