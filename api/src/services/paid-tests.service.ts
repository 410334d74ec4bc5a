import type { EntityManager } from '@mikro-orm/postgresql';
import { Asset, Campaign, PaidTest, PaidTestArm, Workspace, armsOfPaidTests, paidTestsOfCampaigns, type IPaidTest, type IPaidTestArm } from '@persona-ops/domain/store';
import {
  armCounts,
  checkArmUpdate,
  checkNewPaidTest,
  paidTestLifts,
  paidTestResult,
  plural,
  validateThresholdOverrides,
  type NewArm,
  type PaidTestKind,
  type RateOptions,
} from '@persona-ops/domain/core';
import { ApiError } from '../http/api-error.ts';
import { assertFilterIdsOwned, findOwned } from './owned.ts';
import { paginate, type PageRequest } from './pagination.ts';

/*
 * Paid-social tests of a campaign: stored, updated and read here; their rules (which arms a kind
 * needs, counts that agree, one currency) and results (paid_media_lift, incremental_lift, the CPA
 * change) are the core's (paid-test.ts).
 */

export type ArmCountsInput = { spendMinor: number; currency: string; audience?: number | null | undefined; impressions?: number | null | undefined; clicks?: number | null | undefined; conversions?: number | null | undefined };
export type PaidTestInput = { campaignId: string; name: string; kind: PaidTestKind; startsOn: string; endsOn: string; arms: NewArm[] };

/**
 * 404 for a campaign or asset not in this workspace; the core's refusals (checkNewPaidTest) for an
 * arm not in the campaign's currency, an asset of another campaign, arms that do not fit the kind,
 * or counts that contradict each other. Nothing is stored unless all is well.
 */
export async function createPaidTest(em: EntityManager, workspaceId: string, input: PaidTestInput) {
  const campaign = await em.findOne(Campaign, { id: input.campaignId, workspace: workspaceId });
  if (!campaign) {
    throw new ApiError(404, 'not_found', `No campaign with id ${input.campaignId} exists in this workspace. Check the id, or list campaigns to find it.`, [
      { field: 'body.campaignId', message: 'is not a campaign of this workspace' },
    ]);
  }
  const assetIds = [...new Set(input.arms.flatMap((arm) => (arm.assetId === undefined ? [] : [arm.assetId])))];
  const assets = new Map(
    (assetIds.length === 0 ? [] : await em.find(Asset, { id: { $in: assetIds }, workspace: workspaceId }, { populate: ['source'] })).map((asset) => [asset.id, asset]),
  );
  const unknown = input.arms.flatMap((arm, index) => (arm.assetId !== undefined && !assets.has(arm.assetId) ? [{ field: `body.arms.${index}.assetId`, message: `no asset ${arm.assetId} in this workspace` }] : []));
  if (unknown.length > 0) {
    throw new ApiError(404, 'not_found', `${plural(unknown.length, 'arm')} name an asset that does not exist in this workspace; nothing was stored. List the campaign's assets to find the right ids.`, unknown);
  }
  const arms = checkNewPaidTest({
    kind: input.kind,
    campaign,
    arms: input.arms.map((arm) => {
      const asset = arm.assetId === undefined ? undefined : assets.get(arm.assetId);
      return { ...arm, asset: asset && { campaignId: asset.campaign.id, sourceKind: asset.source.kind } };
    }),
  });

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
      ...armCounts(arm),
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
  const counts = armCounts(input);
  checkArmUpdate(test, arm, { spendMinor: input.spendMinor, currency: input.currency, ...counts });
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

/**
 * incremental_lift and paid_media_lift of the commercial report (paidTestLifts): the tests of the
 * campaigns in scope that run in the period, with their arms.
 */
export async function reportLifts(em: EntityManager, workspaceId: string, campaignIds: readonly string[], period: { from?: Date | undefined; to?: Date | undefined }, options: RateOptions) {
  const tests = await paidTestsOfCampaigns(em, workspaceId, campaignIds, period);
  const arms = await armsOfPaidTests(em, workspaceId, tests.map((test) => test.id));
  return paidTestLifts(tests.map((test) => ({ id: test.id, name: test.name, kind: test.kind, campaignId: test.campaign.id, startsOn: test.startsOn, endsOn: test.endsOn })), arms, period, options);
}
