import type { EntityManager } from '@mikro-orm/postgresql';
import { Campaign, campaignListPage, type CampaignListFilter, type CampaignView, type campaignListSorts } from '@persona-ops/domain/store';
import type { CampaignRecord } from '@persona-ops/domain/core';
import type { Patch } from '../http/merge-patch.ts';
import { findOwned } from './owned.ts';
import { checkCursor, type PageRequest } from './pagination.ts';

export type CampaignInput = Omit<CampaignRecord, 'id'>;

/** The entity or a list's row. */
export function toCampaignDto(campaign: CampaignView) {
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

// Read as rows, not hydrated entities (the ORM's hydration was most of the request's time).
export async function listCampaigns(em: EntityManager, workspaceId: string, filter: CampaignListFilter, page: PageRequest & { sort: keyof typeof campaignListSorts }) {
  checkCursor(em, Campaign, page);
  const { rows, nextCursor } = await campaignListPage(em, workspaceId, filter, page);
  return { items: rows, nextCursor };
}
