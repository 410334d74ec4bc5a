import type { EntityManager } from '@mikro-orm/postgresql';
import { Post, postListPage, type PostListFilter, type PostView, type postListSorts } from '@persona-ops/domain/store';
import type { Channel } from '@persona-ops/domain/core';
import { assertFilterIdsOwned } from './owned.ts';
import { checkCursor, periodDates, type PageRequest, type WithTextPeriod } from './pagination.ts';

/** The entity or a list's row. */
export function toPostDto(post: PostView) {
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

export type PostFilter = WithTextPeriod<PostListFilter>;

// Read as rows, not hydrated entities.
export async function listPosts(em: EntityManager, workspaceId: string, filter: PostFilter, page: PageRequest & { sort: keyof typeof postListSorts }) {
  await assertFilterIdsOwned(em, workspaceId, { campaignId: filter.campaignId, sourceId: filter.sourceId, assetId: filter.assetId });
  checkCursor(em, Post, page);
  const { from, to, ...rest } = filter;
  const { rows, nextCursor } = await postListPage(em, workspaceId, { ...rest, ...periodDates(from, to) }, page);
  return { items: rows, nextCursor };
}
