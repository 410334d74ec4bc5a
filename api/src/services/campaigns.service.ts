import type { EntityManager } from '@mikro-orm/postgresql';
import { Campaign, type ICampaign } from '@persona-ops/domain/store';
import type { CampaignGoal, CampaignRecord } from '@persona-ops/domain/core';
import type { Patch } from '../http/merge-patch.ts';
import { findOwned } from './owned.ts';
import { paginate, type PageRequest } from './pagination.ts';

export type CampaignInput = Omit<CampaignRecord, 'id'>;

export function toCampaignDto(campaign: ICampaign) {
  return {
    id: campaign.id,
    name: campaign.name,
    goal: campaign.goal,
    startsOn: campaign.startsOn,
    endsOn: campaign.endsOn,
    attributionWindowDays: campaign.attributionWindowDays,
    budgetMinor: campaign.budgetMinor,
    currency: campaign.currency,
    trackingKeywords: campaign.trackingKeywords,
    targetAction: campaign.targetAction,
    createdAt: campaign.createdAt.toISOString(),
    updatedAt: campaign.updatedAt.toISOString(),
  };
}

export async function createCampaign(em: EntityManager, workspaceId: string, input: CampaignInput) {
  const campaign = em.create(Campaign, { workspace: workspaceId, ...input });
  await em.flush();
  return campaign;
}

/** Applies a merge patch (RFC 7396): members left out stay as they are; the result is checked whole. */
export async function updateCampaign(em: EntityManager, workspaceId: string, id: string, patch: Patch<CampaignInput>) {
  const campaign = await findOwned(em, Campaign, 'campaign', id, workspaceId);
  em.assign(campaign, patch(campaign));
  await em.flush();
  return campaign;
}

export async function listCampaigns(em: EntityManager, workspaceId: string, filter: { goal?: CampaignGoal | undefined; activeOn?: string | undefined }, page: PageRequest) {
  return paginate(em, Campaign, {
    workspace: workspaceId,
    ...(filter.goal ? { goal: filter.goal } : {}),
    ...(filter.activeOn ? { startsOn: { $lte: filter.activeOn }, endsOn: { $gte: filter.activeOn } } : {}),
  }, page);
}
