import type { EntityManager } from '@mikro-orm/postgresql';
import type { TrackableAsset, TrackedCampaign } from '../../core/index.ts';
import { METRIC_COUNTERS } from './metrics.repository.ts';
import type { KnownImportPost } from './platform-imports.repository.ts';
import { query, textArray, uuidArray } from './sql.ts';

// What a pull of a connected account reads and holds: its lease on the connection, the posts it
// keeps up to date, their latest counters, and what campaign tracking compares captions with.

/** Takes the connection for one pull until `until`; false when another pull holds it or it is not connected. */
export async function claimConnectionPull(em: EntityManager, connectionId: string, now: Date, until: Date): Promise<boolean> {
  const rows = await query<{ id: string }>(
    em,
    `update platform_connection set pulling_until = ? where id = ? and state = 'connected' and (pulling_until is null or pulling_until < ?) returning id`,
    [until, connectionId, now],
  );
  return rows.length === 1;
}

export async function releaseConnectionPull(em: EntityManager, connectionId: string): Promise<void> {
  await query(em, `update platform_connection set pulling_until = null where id = ?`, [connectionId]);
}

/** The source's posts on the channel that carry a platform id and went live since `since`, or are among `platformPostIds`. */
export async function trackedPosts(em: EntityManager, workspaceId: string, sourceId: string, channel: string, since: Date, platformPostIds: readonly string[]): Promise<KnownImportPost[]> {
  const rows = await query<{ id: string; url: string; platform_post_id: string; source_id: string; published_at: Date; channel: string }>(
    em,
    `select id, url, platform_post_id, source_id, published_at, channel from post
     where workspace_id = ? and source_id = ? and channel = ? and platform_post_id is not null
       and (published_at >= ? or platform_post_id = any(?::text[]))
     order by published_at desc`,
    [workspaceId, sourceId, channel, since, textArray(platformPostIds)],
  );
  return rows.map((row) => ({ id: row.id, url: row.url, platformPostId: row.platform_post_id, sourceId: row.source_id, publishedAt: new Date(row.published_at), channel: row.channel }));
}

const column = (counter: string) => counter.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** Each post's latest snapshot counters (null: not reported). */
export async function latestSnapshotCounters(em: EntityManager, workspaceId: string, postIds: readonly string[]): Promise<Map<string, Record<string, number | null>>> {
  if (postIds.length === 0) return new Map();
  const rows = await query<Record<string, unknown>>(
    em,
    `select distinct on (post_id) post_id, ${METRIC_COUNTERS.map((counter) => `${column(counter)} as "${counter}"`).join(', ')}
     from metric_snapshot where workspace_id = ? and post_id = any(?::uuid[]) order by post_id, captured_at desc`,
    [workspaceId, uuidArray(postIds)],
  );
  return new Map(rows.map((row) => [row.post_id as string, Object.fromEntries(METRIC_COUNTERS.map((counter) => [counter, row[counter] === null ? null : Number(row[counter])]))]));
}

/** The workspace's campaigns with tracking terms, and the source's approved assets: what a caption is matched against. */
export async function trackingCandidates(em: EntityManager, workspaceId: string, sourceId: string): Promise<{ campaigns: TrackedCampaign[]; assets: TrackableAsset[] }> {
  const [campaigns, assets] = await Promise.all([
    query<TrackedCampaign>(
      em,
      `select id, name, to_char(starts_on, 'YYYY-MM-DD') as "startsOn", to_char(ends_on, 'YYYY-MM-DD') as "endsOn", tracking_keywords as "trackingKeywords"
       from campaign where workspace_id = ? and jsonb_array_length(tracking_keywords) > 0`,
      [workspaceId],
    ),
    query<TrackableAsset>(em, `select id, campaign_id as "campaignId", title from asset where workspace_id = ? and source_id = ? and state = 'approved'`, [workspaceId, sourceId]),
  ]);
  return { campaigns, assets };
}

/** Requests the app spent on a platform on a UTC day, every workspace's pulls together. */
export async function requestsSpent(em: EntityManager, platform: string, day: string): Promise<number> {
  const [row] = await query<{ requests: number }>(em, `select requests from connector_request_count where platform = ? and day = ?`, [platform, day]);
  return row?.requests ?? 0;
}

/** Adds a pull's requests to its platform's count of the day (one statement, so concurrent pulls add up). */
export async function addRequestsSpent(em: EntityManager, platform: string, day: string, requests: number, now: Date): Promise<void> {
  if (requests <= 0) return;
  await query(
    em,
    `insert into connector_request_count (id, created_at, updated_at, platform, day, requests) values (gen_random_uuid(), ?, ?, ?, ?, ?)
     on conflict (platform, day) do update set requests = connector_request_count.requests + excluded.requests, updated_at = excluded.updated_at`,
    [now, now, platform, day, requests],
  );
}
