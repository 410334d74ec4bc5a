import type { EntityManager } from '@mikro-orm/postgresql';
import { PaidTestArm, paidTestArmRoles, type IPaidTestArm } from '../entities/paid-test-arm.entity.ts';
import { PaidTest, paidTestKinds, type IPaidTest } from '../entities/paid-test.entity.ts';

// Paid-social tests of a campaign (creative A/B and holdouts) and their arms. The entities are
// re-exported with their vocabularies so the api names them from one place.

export { paidTestArmRoles, paidTestKinds, type IPaidTest, type IPaidTestArm };
export type PaidTestKind = (typeof paidTestKinds)[number];
export type PaidTestArmRole = (typeof paidTestArmRoles)[number];

const ROLE_ORDER: Record<PaidTestArmRole, number> = { treatment: 0, control: 1, holdout: 2 };

/** The arms of the given tests (this workspace's only), per test id: treatment, controls, holdout, then by name. */
export async function armsOfPaidTests(em: EntityManager, workspaceId: string, testIds: readonly string[]): Promise<Map<string, IPaidTestArm[]>> {
  const byTest = new Map<string, IPaidTestArm[]>(testIds.map((id) => [id, []]));
  if (testIds.length === 0) return byTest;
  const arms = await em.find(PaidTestArm, { workspace: workspaceId, test: { $in: [...testIds] } });
  arms.sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const arm of arms) byTest.get(arm.test.id)?.push(arm);
  return byTest;
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The tests of the given campaigns whose run overlaps the period [from, to): a test runs from
 * its first day's 00:00 UTC to the end of its last day. Oldest first.
 */
export async function paidTestsOfCampaigns(
  em: EntityManager,
  workspaceId: string,
  campaignIds: readonly string[],
  period: { from?: Date | undefined; to?: Date | undefined } = {},
): Promise<IPaidTest[]> {
  if (campaignIds.length === 0) return [];
  return em.find(
    PaidTest,
    {
      workspace: workspaceId,
      campaign: { $in: [...campaignIds] },
      // starts before `to`: its first day is on or before the day of the last instant before `to`.
      ...(period.to ? { startsOn: { $lte: isoDay(new Date(period.to.getTime() - 1)) } } : {}),
      // ends after `from`: its last day is on or after the day of `from`.
      ...(period.from ? { endsOn: { $gte: isoDay(period.from) } } : {}),
    },
    { orderBy: { startsOn: 'asc', createdAt: 'asc', id: 'asc' } },
  );
}
