import type { EntityManager } from '@mikro-orm/postgresql';
import {
  FollowerSnapshot,
  MetricSnapshot,
  Post,
  Source,
  ownedSourceIds,
  publishedAtOfPosts,
  replaceAudienceBreakdowns,
  upsertFollowerSnapshots,
  upsertOwnedMetricSnapshots,
  type IFollowerSnapshot,
  type IMetricSnapshot,
  type IncomingAudienceBreakdown,
  type IncomingMetricSnapshot,
  type MetricCounter,
} from '@persona-ops/domain/store';
import { CLOCK_SKEW_MS, DomainError, breakdownSharesProblem, dayProblem, isoDayOf, latestDayAnywhere, snapshotTimeProblem } from '@persona-ops/domain/core';
import { ApiError } from '../http/api-error.ts';
import { auditedBulkWrite } from './audited-bulk-write.ts';
import { findOwned } from './owned.ts';
import { period, checkCursor, paginate, type PageRequest } from './pagination.ts';

type FieldError = { field: string; message: string };

// All or nothing: an unknown (or another workspace's) id refuses the batch with 404, a broken rule
// with 422; each error names the row as body.<list>.<index>.<field>.
function refuse(errors: FieldError[], what: string): void {
  const notFound = errors.filter((e) => e.field.endsWith('postId') || e.field.endsWith('sourceId'));
  if (notFound.length > 0) {
    throw new ApiError(404, 'not_found', `${notFound.length} ${what} name a post or source that does not exist in this workspace; nothing was stored. Fix them and send the batch again.`, notFound.slice(0, 100));
  }
  if (errors.length > 0) {
    throw new DomainError('rule_violation', `${errors.length} ${what} break a rule; nothing was stored. Fix them and send the batch again.`, { errors: errors.slice(0, 100) });
  }
}

// Rows that repeat a key of an earlier row of the same batch.
function repeats<T>(rows: readonly T[], keyOf: (row: T) => string, field: (index: number) => string, what: string): FieldError[] {
  const first = new Map<string, number>();
  const errors: FieldError[] = [];
  rows.forEach((row, index) => {
    const key = keyOf(row);
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, index);
    else errors.push({ field: field(index), message: `repeats row ${earlier} (${what}); send each once` });
  });
  return errors;
}

export type MetricSnapshotInput = { postId: string; capturedAt: string } & Partial<Record<MetricCounter, number | null | undefined>>;

/**
 * Upserts a batch of snapshots on (post, capturedAt): every post must be this workspace's, a
 * snapshot cannot predate its post or lie in the future, and a batch names each (post, capturedAt)
 * once. The checks that need no database run first; then one statement checks the posts and, when
 * they pass, upserts (upsertOwnedMetricSnapshots). A batch refused by either step gets the same
 * errors, in row order, as checking every row in turn.
 */
export async function ingestMetricSnapshots(em: EntityManager, workspaceId: string, snapshots: readonly MetricSnapshotInput[], now: Date) {
  const field = (index: number, name: string) => `body.snapshots.${index}.${name}`;
  const rows: IncomingMetricSnapshot[] = snapshots.map((snapshot) => ({ postId: snapshot.postId, capturedAt: new Date(snapshot.capturedAt).toISOString(), ...countersOf(snapshot) }));
  const latest = now.getTime() + CLOCK_SKEW_MS;
  const inFuture = rows.some((row) => Date.parse(row.capturedAt) > latest);
  const repeated = repeats(rows, (row) => `${row.postId} ${row.capturedAt}`, (index) => field(index, 'capturedAt'), 'same post and capturedAt');
  if (inFuture || repeated.length > 0) {
    // Refused whatever the posts: check them too, so the answer names every broken row.
    const publishedAt = await publishedAtOfPosts(em, workspaceId, [...new Set(rows.map((row) => row.postId))]);
    const errors: FieldError[] = [];
    rows.forEach((row, index) => {
      const published = publishedAt.get(row.postId);
      const timeProblem = published === undefined ? null : snapshotTimeProblem(new Date(row.capturedAt), published, now);
      if (published === undefined) errors.push({ field: field(index, 'postId'), message: `no post ${row.postId} in this workspace` });
      else if (timeProblem) errors.push({ field: field(index, 'capturedAt'), message: timeProblem });
    });
    refuse([...errors, ...repeated], 'snapshot(s)');
  }
  // The common case checks ownership and publication inside the upsert's one statement.
  // Refused inside the audited transaction, so a refused batch leaves no audit entry.
  return auditedBulkWrite(em, { workspaceId, entityType: 'metric_snapshot', rows: rows.length }, async (tx) => {
    const result = await upsertOwnedMetricSnapshots(tx, workspaceId, rows, now);
    refuse(result.refused.map(({ index, publishedAt }) => publishedAt === null
      ? { field: field(index, 'postId'), message: `no post ${rows[index]!.postId} in this workspace` }
      : { field: field(index, 'capturedAt'), message: snapshotTimeProblem(new Date(rows[index]!.capturedAt), publishedAt, now) ?? 'is before the post was published' }), 'snapshot(s)');
    return result.counts;
  });
}

export type FollowerSnapshotInput = { sourceId: string; date: string; followers: number };

export async function ingestFollowerSnapshots(em: EntityManager, workspaceId: string, snapshots: readonly FollowerSnapshotInput[], now: Date) {
  const field = (index: number, name: string) => `body.snapshots.${index}.${name}`;
  const owned = await ownedSourceIds(em, workspaceId, [...new Set(snapshots.map((s) => s.sourceId))]);
  const errors: FieldError[] = [];
  snapshots.forEach((snapshot, index) => {
    const future = dayProblem(snapshot.date, now);
    if (!owned.has(snapshot.sourceId)) errors.push({ field: field(index, 'sourceId'), message: `no source ${snapshot.sourceId} in this workspace` });
    else if (future) errors.push({ field: field(index, 'date'), message: future });
  });
  errors.push(...repeats(snapshots, (row) => `${row.sourceId} ${row.date}`, (index) => field(index, 'date'), 'same source and date'));
  refuse(errors, 'snapshot(s)');
  return auditedBulkWrite(em, { workspaceId, entityType: 'follower_snapshot', rows: snapshots.length }, (tx) => upsertFollowerSnapshots(tx, workspaceId, snapshots, now));
}

export type AudienceBreakdownInput = { postId?: string | undefined; sourceId?: string | undefined; dimension: 'country' | 'language'; key: string; share: number; capturedOn: string };

/**
 * Stores audience breakdowns. The rows of one subject, dimension and day are one breakdown: their
 * shares may not add up past 100 (+ rounding), and a breakdown sent again replaces the stored one.
 */
export async function ingestAudienceBreakdowns(em: EntityManager, workspaceId: string, breakdowns: readonly AudienceBreakdownInput[], now: Date) {
  const field = (index: number, name: string) => `body.breakdowns.${index}.${name}`;
  const postIds = [...new Set(breakdowns.flatMap((b) => (b.postId ? [b.postId] : [])))];
  const sourceIds = [...new Set(breakdowns.flatMap((b) => (b.sourceId ? [b.sourceId] : [])))];
  const [publishedAt, sources] = await Promise.all([publishedAtOfPosts(em, workspaceId, postIds), ownedSourceIds(em, workspaceId, sourceIds)]);
  const latestDay = latestDayAnywhere(now);
  const errors: FieldError[] = [];
  const rows: IncomingAudienceBreakdown[] = breakdowns.map((b) => ({ postId: b.postId ?? null, sourceId: b.sourceId ?? null, dimension: b.dimension, key: b.key, share: b.share, capturedOn: b.capturedOn }));
  rows.forEach((row, index) => {
    const published = row.postId ? publishedAt.get(row.postId) : undefined;
    if (row.postId && published === undefined) errors.push({ field: field(index, 'postId'), message: `no post ${row.postId} in this workspace` });
    else if (row.sourceId && !sources.has(row.sourceId)) errors.push({ field: field(index, 'sourceId'), message: `no source ${row.sourceId} in this workspace` });
    else if (row.capturedOn > latestDay) errors.push({ field: field(index, 'capturedOn'), message: 'is in the future' });
    else if (published && row.capturedOn < isoDayOf(published)) errors.push({ field: field(index, 'capturedOn'), message: `is before the post was published (${isoDayOf(published)})` });
  });
  const subject = (row: IncomingAudienceBreakdown) => (row.postId ? `post ${row.postId}` : `source ${row.sourceId}`);
  errors.push(...repeats(rows, (row) => `${subject(row)} ${row.dimension} ${row.key} ${row.capturedOn}`, (index) => field(index, 'key'), 'same subject, dimension, key and day'));
  const groups = Map.groupBy(rows.map((row, index) => ({ row, index })), ({ row }) => `${subject(row)} ${row.dimension} ${row.capturedOn}`);
  for (const members of groups.values()) {
    const problem = breakdownSharesProblem(members.map(({ row }) => row.share));
    if (problem) {
      const { row, index } = members[0]!;
      errors.push({ field: field(index, 'share'), message: `the ${row.dimension} shares of ${subject(row)} on ${row.capturedOn} (rows ${members.map((m) => m.index).join(', ')}) ${problem}` });
    }
  }
  refuse(errors, 'breakdown row(s)');
  return auditedBulkWrite(em, { workspaceId, entityType: 'audience_breakdown', rows: rows.length }, (tx) => replaceAudienceBreakdowns(tx, workspaceId, rows, now));
}

const metricCounters = ['views', 'reach', 'impressions', 'likes', 'comments', 'shares', 'saves', 'profileVisits', 'linkClicks', 'follows', 'watchTimeSeconds', 'returningViewers'] as const;
type MetricCounters = Record<(typeof metricCounters)[number], number | null>;

// A snapshot's counters with every unknown one as null (never 0), for the store and the API alike.
function countersOf(snapshot: Partial<Record<(typeof metricCounters)[number], number | null | undefined>>): MetricCounters {
  return Object.fromEntries(metricCounters.map((name) => [name, snapshot[name] ?? null])) as MetricCounters;
}

export function toMetricSnapshotDto(snapshot: IMetricSnapshot) {
  return {
    id: snapshot.id,
    postId: snapshot.post.id,
    capturedAt: snapshot.capturedAt.toISOString(),
    ...countersOf(snapshot),
    updatedAt: snapshot.updatedAt.toISOString(),
  };
}

export function toFollowerSnapshotDto(snapshot: IFollowerSnapshot) {
  return {
    id: snapshot.id,
    sourceId: snapshot.source.id,
    date: snapshot.date,
    followers: snapshot.followers,
    updatedAt: snapshot.updatedAt.toISOString(),
  };
}

export async function listMetricSnapshots(em: EntityManager, workspaceId: string, filter: { postId: string; from?: string | undefined; to?: string | undefined }, page: PageRequest) {
  checkCursor(em, MetricSnapshot, page);
  await findOwned(em, Post, 'post', filter.postId, workspaceId);
  return paginate(em, MetricSnapshot, { workspace: workspaceId, post: filter.postId, ...period('capturedAt', filter.from, filter.to) }, page);
}

export async function listFollowerSnapshots(em: EntityManager, workspaceId: string, filter: { sourceId: string; from?: string | undefined; to?: string | undefined }, page: PageRequest) {
  checkCursor(em, FollowerSnapshot, page);
  await findOwned(em, Source, 'source', filter.sourceId, workspaceId);
  const days = filter.from || filter.to ? { date: { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) } } : {};
  return paginate(em, FollowerSnapshot, { workspace: workspaceId, source: filter.sourceId, ...days }, page);
}
