import type { EntityManager } from '@mikro-orm/postgresql';
import { Brief, Campaign, Source, type IBrief } from '@persona-ops/domain/store';
import { ApiError } from '../http/api-error.ts';
import { findOwned, assertFilterIdsOwned } from './owned.ts';
import { period, paginate, type PageRequest } from './pagination.ts';

export function toBriefDto(brief: IBrief) {
  return {
    id: brief.id,
    campaignId: brief.campaign.id,
    sourceId: brief.source.id,
    title: brief.title,
    description: brief.description,
    openedAt: brief.openedAt.toISOString(),
    createdAt: brief.createdAt.toISOString(),
    updatedAt: brief.updatedAt.toISOString(),
  };
}

export async function createBrief(
  em: EntityManager,
  workspaceId: string,
  input: { campaignId: string; sourceId: string; title: string; description: string; openedAt?: string | undefined },
  now: Date,
) {
  const campaign = await findOwned(em, Campaign, 'campaign', input.campaignId, workspaceId);
  const source = await findOwned(em, Source, 'source', input.sourceId, workspaceId);
  const openedAt = input.openedAt ? new Date(input.openedAt) : now;
  if (openedAt.getTime() > now.getTime() + 60_000) {
    throw new ApiError(400, 'invalid_input', 'A brief cannot open in the future. Leave openedAt out to use the current time.', [{ field: 'body.openedAt', message: 'is in the future' }]);
  }
  const brief = em.create(Brief, { workspace: workspaceId, campaign, source, title: input.title, description: input.description, openedAt });
  await em.flush();
  return brief;
}

export async function listBriefs(em: EntityManager, workspaceId: string, filter: { campaignId?: string | undefined; sourceId?: string | undefined; from?: string | undefined; to?: string | undefined }, page: PageRequest) {
  await assertFilterIdsOwned(em, workspaceId, { campaignId: filter.campaignId, sourceId: filter.sourceId });
  return paginate(em, Brief, {
    workspace: workspaceId,
    ...(filter.campaignId ? { campaign: filter.campaignId } : {}),
    ...(filter.sourceId ? { source: filter.sourceId } : {}),
    ...period('openedAt', filter.from, filter.to),
  }, page);
}

export const getBrief = (em: EntityManager, workspaceId: string, id: string) => findOwned(em, Brief, 'brief', id, workspaceId);
