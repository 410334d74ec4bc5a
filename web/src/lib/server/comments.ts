import type { RequestEvent } from '@sveltejs/kit';
import type { ApiClient, CommentListQuery, Problem } from '#lib/api/client.ts';
import type { CommentPost, CommentRow } from '#lib/brand-safety.ts';
import { attempt } from './api.ts';
import { nameOf, type Lookups } from './lookups.ts';

/**
 * One page of comments, each with the post it was left on (channel, link, who posted it, in which
 * campaign). The comment list carries only the post id, so each distinct post is read once.
 */
export async function loadCommentPage(
  event: Pick<RequestEvent, 'cookies' | 'url'>,
  api: ApiClient,
  query: CommentListQuery,
  lookups: Lookups,
): Promise<{ items: CommentRow[]; nextCursor: string | null; problem: Problem | null }> {
  const page = await attempt(event, () => api.GET('/v1/comments', { params: { query } }));
  if (!page.data) return { items: [], nextCursor: null, problem: page.problem };
  const postIds = [...new Set(page.data.items.map((c) => c.postId))];
  const posts = new Map<string, CommentPost>(
    await Promise.all(
      postIds.map(async (id): Promise<[string, CommentPost]> => {
        // A post that cannot be read (e.g. deleted meanwhile) leaves its comments listed without it.
        const { data } = await attempt(event, () => api.GET('/v1/posts/{id}', { params: { path: { id } } }));
        if (!data) return [id, null];
        return [id, { id, channel: data.channel, url: data.url, publishedAt: data.publishedAt, assetId: data.assetId, source: nameOf(lookups.sources, data.sourceId), campaign: nameOf(lookups.campaigns, data.campaignId) }];
      }),
    ),
  );
  return { items: page.data.items.map((c) => ({ ...c, post: posts.get(c.postId) ?? null })), nextCursor: page.data.nextCursor, problem: null };
}
