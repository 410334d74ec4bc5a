import type { EntityManager } from '@mikro-orm/postgresql';
import { matchPost, trackCampaign, type PostMetricRow } from '@persona-ops/domain/core';
import type { ConnectorPlatform, PlatformPost } from '@persona-ops/domain/connectors';
import { candidatePosts, keepUnlinkedRows, publishAssetAsPost, rememberPlatformPostIds, trackingCandidates, type IncomingUnlinkedRow } from '@persona-ops/domain/store';

// What becomes of the posts a pull finds on a connected account: one the workspace has already
// (by platform id or URL) is kept up to date; a new one whose caption names a running campaign and
// one of its approved assets is published from that asset (the same publication rule as the API);
// any other waits in the unlinked list with the reason, for a person to link or dismiss.

export type TrackingScope = { workspaceId: string; sourceId: string; connectionId: string; platform: ConnectorPlatform };
export type Tracked = { known: string[]; linked: number; unlinked: number };

export async function trackPosts(em: EntityManager, scope: TrackingScope, posts: readonly PlatformPost[], now: Date): Promise<Tracked> {
  const tracked: Tracked = { known: [], linked: 0, unlinked: 0 };
  if (posts.length === 0) return tracked;
  const channel = scope.platform;
  const candidates = await candidatePosts(em, scope.workspaceId, { channel, sourceId: scope.sourceId }, posts.map((post) => post.platformPostId), posts.map((post) => post.url));
  const { campaigns, assets } = await trackingCandidates(em, scope.workspaceId, scope.sourceId);
  const unlinked: IncomingUnlinkedRow[] = [];
  const learnt: Array<{ postId: string; platformPostId: string }> = [];
  for (const post of posts) {
    const existing = matchPost({ platformPostId: post.platformPostId, postUrl: post.url }, candidates);
    if (existing) {
      // A post entered by hand (by URL) learns its platform id, as when an import names it.
      if (existing.platformPostId === null) learnt.push({ postId: existing.id, platformPostId: post.platformPostId });
      tracked.known.push(post.platformPostId);
      continue;
    }
    const match = trackCampaign({ caption: post.caption, publishedAt: post.publishedAt }, campaigns, assets);
    if (!('assetId' in match)) {
      unlinked.push(unlinkedRow(scope.platform, post, match.reason));
      continue;
    }
    const published = await publishAssetAsPost(em.fork(), scope.workspaceId, null, match.assetId, {
      channel,
      url: post.url,
      publishedAt: post.publishedAt,
      platformPostId: post.platformPostId,
      placement: 'organic',
      spendMinor: 0,
      // The platforms do not say whether their AI-content label was applied: recorded as not applied.
      aiLabelApplied: false,
    }, now).catch((error: unknown) => ({ refused: (error as Error).message }));
    if (published && !('refused' in published)) {
      tracked.known.push(post.platformPostId);
      tracked.linked += 1;
      // Published now: no later post of this pull can claim the same asset.
      assets.splice(assets.findIndex((asset) => asset.id === match.assetId), 1);
      continue;
    }
    const why = published ? published.refused : 'the asset is gone';
    unlinked.push(unlinkedRow(scope.platform, post, `the caption names the approved asset ${match.assetId} of a campaign, but it could not be published: ${why}`));
  }
  await rememberPlatformPostIds(em, scope.workspaceId, learnt, now);
  tracked.unlinked = await keepUnlinkedRows(em, scope.workspaceId, { connectionId: scope.connectionId }, unlinked, now);
  return tracked;
}

// The row a person links to a post (or dismisses): stable values only, so the same post found
// again is the same row; linking it teaches the post its platform id, and the next pull tracks it.
function unlinkedRow(platform: ConnectorPlatform, post: PlatformPost, reason: string): IncomingUnlinkedRow {
  const parsed: PostMetricRow & { capturedAt: string } = { platformPostId: post.platformPostId, postUrl: post.url, publishedAt: post.publishedAt, capturedAt: post.publishedAt, counters: {} };
  return { line: 0, kind: 'post-metrics', platform, matchKey: `url:${post.url}`, raw: { url: post.url, caption: post.caption.slice(0, 2000), publishedAt: post.publishedAt }, parsed, reason: `unlinked: ${reason}` };
}
