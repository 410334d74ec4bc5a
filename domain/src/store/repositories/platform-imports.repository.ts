import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  currencyProblem,
  dayProblem,
  snapshotTimeProblem,
  type CandidateCode,
  type CandidateLink,
  type CandidatePost,
  type ConversionImportRow,
  type PostMetricRow,
} from '../../core/index.ts';
import type { ImportRejection } from '../entities/import-job.entity.ts';
import { upsertConversionCounts, type ConversionRow } from './attribution.repository.ts';
import { METRIC_COUNTERS, upsertFollowerSnapshots, upsertMetricSnapshots, type IncomingMetricSnapshot, type MetricCounter } from './metrics.repository.ts';
import { query, textArray, uuidArray } from './sql.ts';

// Platform exports imported as jobs: the candidates a chunk of rows may name, the rows that name
// none (kept for the user), and the commit of matched rows through the same rules and upserts as
// the bulk endpoints, used by the import job and by resolving an unlinked row alike.

export type KnownImportPost = CandidatePost & { sourceId: string; publishedAt: Date; channel: string };

// Candidates only: the SQL narrows the workspace's posts to those that may match (stored id, same
// URL, or the id inside the URL); matchPost in the core decides.
export async function candidatePosts(em: EntityManager, workspaceId: string, filter: { channel: string; sourceId?: string | undefined }, ids: string[], urls: string[]): Promise<KnownImportPost[]> {
  if (ids.length === 0 && urls.length === 0) return [];
  const patterns = ids.map((id) => `%${id.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const rows = await query<{ id: string; url: string; platform_post_id: string | null; source_id: string; published_at: Date; channel: string }>(
    em,
    `select id, url, platform_post_id, source_id, published_at, channel from post
     where workspace_id = ? and channel = ? ${filter.sourceId ? 'and source_id = ?' : ''}
       and (platform_post_id = any(?::text[]) or url = any(?::text[]) or url like any(?::text[]))`,
    [workspaceId, filter.channel, ...(filter.sourceId ? [filter.sourceId] : []), textArray(ids), textArray(urls), textArray(patterns)],
  );
  return rows.map((row) => ({ id: row.id, url: row.url, platformPostId: row.platform_post_id, sourceId: row.source_id, publishedAt: new Date(row.published_at), channel: row.channel }));
}

export async function postsForImport(em: EntityManager, workspaceId: string, postIds: string[]): Promise<KnownImportPost[]> {
  if (postIds.length === 0) return [];
  const rows = await query<{ id: string; url: string; platform_post_id: string | null; source_id: string; published_at: Date; channel: string }>(
    em,
    `select id, url, platform_post_id, source_id, published_at, channel from post where workspace_id = ? and id = any(?::uuid[])`,
    [workspaceId, uuidArray(postIds)],
  );
  return rows.map((row) => ({ id: row.id, url: row.url, platformPostId: row.platform_post_id, sourceId: row.source_id, publishedAt: new Date(row.published_at), channel: row.channel }));
}

/** Records the platform's id of posts that have none yet, so exports naming posts by id alone find them. */
export async function rememberPlatformPostIds(em: EntityManager, workspaceId: string, pairs: Array<{ postId: string; platformPostId: string }>, now: Date) {
  if (pairs.length === 0) return;
  await query(
    em,
    `update post p set platform_post_id = r.platform_post_id, updated_at = ?
     from (select distinct on (post_id) post_id, platform_post_id from jsonb_to_recordset(?::jsonb) as r(post_id uuid, platform_post_id text)) r
     where p.id = r.post_id and p.workspace_id = ? and p.platform_post_id is null`,
    [now, JSON.stringify(pairs.map((pair) => ({ post_id: pair.postId, platform_post_id: pair.platformPostId }))), workspaceId],
  );
}

/** The workspace's links whose campaign or content tag, and codes whose text, a chunk names (case-insensitive). */
export async function conversionCandidates(em: EntityManager, workspaceId: string, tags: string[], codes: string[]): Promise<{ links: CandidateLink[]; codes: CandidateCode[] }> {
  const lower = textArray(tags.map((tag) => tag.toLowerCase()));
  const [links, offerCodes] = await Promise.all([
    tags.length === 0
      ? []
      : query<CandidateLink>(
          em,
          `select l.id, l.utm_campaign as "utmCampaign", l.utm_content as "utmContent", l.utm_source as "utmSource", l.utm_medium as "utmMedium", c.currency
           from tracking_link l join campaign c on c.id = l.campaign_id
           where l.workspace_id = ? and (lower(l.utm_campaign) = any(?::text[]) or lower(l.utm_content) = any(?::text[]))`,
          [workspaceId, lower, lower],
        ),
    codes.length === 0
      ? []
      : query<CandidateCode>(
          em,
          `select o.id, o.code, c.currency from offer_code o join campaign c on c.id = o.campaign_id
           where o.workspace_id = ? and upper(o.code) = any(?::text[])`,
          [workspaceId, textArray(codes.map((code) => code.toUpperCase()))],
        ),
  ]);
  return { links, codes: offerCodes };
}

export async function conversionTargetById(em: EntityManager, workspaceId: string, target: { linkId: string } | { codeId: string }) {
  const [row] = 'linkId' in target
    ? await query<{ id: string; currency: string }>(em, `select l.id, c.currency from tracking_link l join campaign c on c.id = l.campaign_id where l.workspace_id = ? and l.id = ?`, [workspaceId, target.linkId])
    : await query<{ id: string; currency: string }>(em, `select o.id, c.currency from offer_code o join campaign c on c.id = o.campaign_id where o.workspace_id = ? and o.id = ?`, [workspaceId, target.codeId]);
  return row ?? null;
}

export type CommitOutcome = { accepted: number; duplicates: number; rejections: ImportRejection[] };

export type MatchedPostMetricRow = { line: number; post: KnownImportPost; row: PostMetricRow; capturedAt: string; capturedColumn: string | null };

/**
 * Stores matched post-metric rows: the snapshot rule of the bulk endpoint (not before the post,
 * not in the future), then the same upsert on (post, captured_at); a follower count goes to the
 * post's source on the capture day. A row repeating an earlier (post, time) is rejected.
 */
export async function commitPostMetricRows(em: EntityManager, workspaceId: string, rows: readonly MatchedPostMetricRow[], now: Date): Promise<CommitOutcome> {
  const rejections: ImportRejection[] = [];
  const snapshots = new Map<string, { line: number; snapshot: IncomingMetricSnapshot }>();
  const followers = new Map<string, { sourceId: string; date: string; followers: number }>();
  for (const { line, post, row, capturedAt, capturedColumn } of rows) {
    const problem = snapshotTimeProblem(new Date(capturedAt), post.publishedAt, now);
    if (problem) {
      rejections.push({ line, column: capturedColumn, reason: `the capture time ${capturedAt} ${problem}` });
      continue;
    }
    const key = `${post.id}|${new Date(capturedAt).toISOString()}`;
    const earlier = snapshots.get(key);
    if (earlier) {
      rejections.push({ line, column: null, reason: `repeats line ${earlier.line} (same post and capture time)` });
      continue;
    }
    const counters = Object.fromEntries(METRIC_COUNTERS.map((name) => [name, row.counters[name] ?? null])) as Record<MetricCounter, number | null>;
    snapshots.set(key, { line, snapshot: { ...counters, postId: post.id, capturedAt: new Date(capturedAt).toISOString() } });
    const day = capturedAt.slice(0, 10);
    if (row.followers !== undefined && !dayProblem(day, now)) followers.set(`${post.sourceId}|${day}`, { sourceId: post.sourceId, date: day, followers: row.followers });
  }
  // A row with only a follower count stores no snapshot: it is counted by its follower upsert.
  const hasCounter = (snapshot: IncomingMetricSnapshot) => METRIC_COUNTERS.some((name) => snapshot[name] !== null);
  const withCounters = [...snapshots.values()].filter(({ snapshot }) => hasCounter(snapshot));
  const followerOnlyLines = new Set([...snapshots.values()].filter(({ snapshot }) => !hasCounter(snapshot)).map(({ line }) => line));
  const followerRows = [...followers.values()];
  return em.transactional(async (tx) => {
    const stored = await upsertMetricSnapshots(tx, workspaceId, withCounters.map(({ snapshot }) => snapshot), now);
    const follower = await upsertFollowerSnapshots(tx, workspaceId, followerRows, now);
    const changed = stored.inserted + stored.updated;
    const followerChanged = Math.min(followerOnlyLines.size, follower.inserted + follower.updated);
    return { accepted: changed + followerChanged, duplicates: stored.unchanged + followerOnlyLines.size - followerChanged, rejections };
  });
}

export type MatchedConversionRow = { line: number; target: { linkId: string } | { codeId: string }; targetCurrency: string; row: ConversionImportRow };

/**
 * Stores matched conversion rows under the bulk endpoint's rules: the campaign's currency, one row
 * per (link or code, day) (a repeat is rejected), the same upsert (a row sent again replaces).
 */
export async function commitConversionRows(em: EntityManager, workspaceId: string, rows: readonly MatchedConversionRow[], currency: string, currencyColumn: string | null, now: Date): Promise<CommitOutcome> {
  const rejections: ImportRejection[] = [];
  const byKey = new Map<string, { line: number; row: ConversionRow }>();
  for (const { line, target, targetCurrency, row } of rows) {
    const problem = currencyProblem(currency, targetCurrency);
    if (problem) {
      rejections.push({ line, column: currencyColumn, reason: `the currency ${currency} ${problem}; upload the file with currency=${targetCurrency}` });
      continue;
    }
    const key = `${'linkId' in target ? target.linkId : target.codeId}|${row.day}`;
    const earlier = byKey.get(key);
    if (earlier) {
      rejections.push({ line, column: null, reason: `repeats line ${earlier.line} (same ${'linkId' in target ? 'link' : 'code'} and day)` });
      continue;
    }
    byKey.set(key, {
      line,
      row: {
        linkId: 'linkId' in target ? target.linkId : null,
        codeId: 'codeId' in target ? target.codeId : null,
        day: row.day,
        clicks: row.counts.clicks ?? null,
        sessions: row.counts.sessions ?? null,
        registrations: row.counts.registrations ?? null,
        targetActions: row.counts.targetActions ?? null,
        sales: row.counts.sales ?? null,
        revenueMinor: row.revenueMinor ?? null,
        currency,
      },
    });
  }
  const result = await upsertConversionCounts(em, workspaceId, [...byKey.values()].map(({ row }) => row), now);
  return { accepted: result.inserted + result.updated, duplicates: result.unchanged, rejections };
}

export type IncomingUnlinkedRow = { line: number; kind: string; platform: string; matchKey: string; raw: Record<string, string>; parsed: Record<string, unknown>; reason: string };

/**
 * Keeps rows that matched nothing. The same row imported again (same kind, platform and values)
 * is already waiting, whatever its state, so it is not added twice. Returns how many were new.
 * `origin`: the import that read them, or the connection whose pull found the posts.
 */
export async function keepUnlinkedRows(em: EntityManager, workspaceId: string, origin: string | { connectionId: string }, rows: readonly IncomingUnlinkedRow[], now: Date): Promise<number> {
  if (rows.length === 0) return 0;
  const payload = rows.map((row) => ({
    line: row.line,
    kind: row.kind,
    platform: row.platform,
    match_key: row.matchKey.slice(0, 2048),
    raw: row.raw,
    parsed: row.parsed,
    reason: row.reason,
    fingerprint: createHash('sha256').update(JSON.stringify([row.kind, row.platform, row.parsed])).digest('hex'),
  }));
  const inserted = await query<{ id: string }>(
    em,
    `insert into unlinked_import_row (id, created_at, updated_at, workspace_id, import_job_id, connection_id, line, kind, platform, match_key, raw, parsed, reason, state, fingerprint)
     select gen_random_uuid(), ?, ?, ?, ?, ?, r.line, r.kind, r.platform, r.match_key, r.raw, r.parsed, r.reason, 'open', r.fingerprint
     from jsonb_to_recordset(?::jsonb) as r(line int, kind text, platform text, match_key text, raw jsonb, parsed jsonb, reason text, fingerprint text)
     on conflict (workspace_id, fingerprint) do nothing
     returning id`,
    [now, now, workspaceId, typeof origin === 'string' ? origin : null, typeof origin === 'string' ? null : origin.connectionId, JSON.stringify(payload)],
  );
  return inserted.length;
}

/** Saves a workspace's mapping for one kind and platform, replacing the one saved before. */
export async function upsertColumnMapping(em: EntityManager, workspaceId: string, kind: string, platform: string, mapping: Record<string, string>, now: Date): Promise<void> {
  await query(
    em,
    `insert into column_mapping (id, created_at, updated_at, workspace_id, kind, platform, mapping) values (gen_random_uuid(), ?, ?, ?, ?, ?, ?::jsonb)
     on conflict (workspace_id, kind, platform) do update set mapping = excluded.mapping, updated_at = excluded.updated_at`,
    [now, now, workspaceId, kind, platform, JSON.stringify(mapping)],
  );
}
