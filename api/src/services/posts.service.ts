import type { EntityManager } from '@mikro-orm/postgresql';
import { Post, type IPost } from '@persona-ops/domain/store';
import type { Channel, PlacementKind } from '@persona-ops/domain/core';
import { assertFilterIdsOwned } from './owned.ts';
import { period, paginate, type PageRequest } from './pagination.ts';

export function toPostDto(post: IPost) {
  return {
    id: post.id,
    assetId: post.asset.id,
    campaignId: post.campaign.id,
    sourceId: post.source.id,
    channel: post.channel as Channel,
    url: post.url,
    publishedAt: post.publishedAt.toISOString(),
    placement: post.placement,
    spendMinor: post.spendMinor,
    currency: post.currency,
    aiLabelApplied: post.aiLabelApplied,
    createdAt: post.createdAt.toISOString(),
  };
}

export type PostFilter = {
  campaignId?: string | undefined;
  sourceId?: string | undefined;
  assetId?: string | undefined;
  channel?: Channel | undefined;
  placement?: PlacementKind | undefined;
  aiLabelApplied?: boolean | undefined;
  from?: string | undefined;
  to?: string | undefined;
};

export async function listPosts(em: EntityManager, workspaceId: string, filter: PostFilter, page: PageRequest) {
  await assertFilterIdsOwned(em, workspaceId, { campaignId: filter.campaignId, sourceId: filter.sourceId, assetId: filter.assetId });
  return paginate(em, Post, {
    workspace: workspaceId,
    ...(filter.campaignId ? { campaign: filter.campaignId } : {}),
    ...(filter.sourceId ? { source: filter.sourceId } : {}),
    ...(filter.assetId ? { asset: filter.assetId } : {}),
    ...(filter.channel ? { channel: filter.channel } : {}),
    ...(filter.placement ? { placement: filter.placement } : {}),
    ...(filter.aiLabelApplied !== undefined ? { aiLabelApplied: filter.aiLabelApplied } : {}),
    ...period('publishedAt', filter.from, filter.to),
  }, page);
}
