import type { EntityManager } from '@mikro-orm/postgresql';
import {
  audienceSums,
  brandMentionCounts,
  campaignSources,
  followerGrowth,
  followerSnapshotsAround,
  type ReadScope,
  type ICampaign,
} from '@persona-ops/domain/store';
import { audienceReportOf, campaignLiftOf, commentSums, liftReadDays, noKeywordsReason, periodDays, validateThresholdOverrides, type AudienceReportQuery } from '@persona-ops/domain/core';
import type { Basis } from './report-basis.ts';
import { reportContext, sharedBrandSafetyCounts, type ReportContext } from './report-context.ts';

/**
 * Layer 2, audience performance. Scope: the posts published in the period that match the
 * filters, each at its LATEST metric snapshot captured in the period. PostgreSQL sums the
 * counters; the core assembles the report (audienceReportOf), rated with the workspace's tier
 * overrides. On the rollup basis (whole-day periods only; see report-basis.ts) the per-post sums
 * come pre-summed from the rollups; everything after them is the same code.
 */
export async function audienceReport(em: EntityManager, workspaceId: string, query: AudienceReportQuery, now: Date, basis: Basis = 'live', shared?: ReportContext) {
  const context = shared ?? (await reportContext(em, workspaceId, query));
  const { campaign } = context;
  const workspace = await context.workspace();
  // Validated when saved; validating again gives them the KPI-keyed type the tier functions take.
  const options = { overrides: validateThresholdOverrides(workspace.tierOverrides) };
  const from = query.from ? new Date(query.from) : undefined;
  const to = query.to ? new Date(query.to) : undefined;
  const scope: ReadScope = { workspaceId, campaignId: query.campaignId, sourceId: query.sourceId, sourceKind: query.sourceKind, from, to };
  const { startDay, endDay } = periodDays(from, to);

  const [aggregates, growth, mentions, comments, lift] = await Promise.all([
    audienceSums(em, { scope, grouping: { by: 'none' }, basis }),
    followerGrowth(em, { scope, grouping: { by: 'none' }, basis }, startDay, endDay),
    brandMentionCounts(em, { scope, grouping: { by: 'none' }, basis }),
    sharedBrandSafetyCounts(context, em, workspaceId, { campaignId: query.campaignId, sourceId: query.sourceId, sourceKind: query.sourceKind, from, to }),
    campaignLift(em, workspaceId, query, campaign, now),
  ]);

  const reason = mentions.posts > 0 ? null : noKeywordsReason(aggregates.posts, campaign?.name ?? null);
  return audienceReportOf(query, { aggregates, growth, mentions, comments: commentSums(comments.comments, comments.days), lift, reason, startDay, endDay }, options);
}

/** Reads what the campaign's new-followers lift needs: its sources and their follower counts around its window. */
async function campaignLift(em: EntityManager, workspaceId: string, query: AudienceReportQuery, campaign: ICampaign | null, now: Date) {
  const lift = { lagDays: query.lagDays, campaign, now };
  if (campaign === null) return campaignLiftOf({ ...lift, sources: [], snapshots: [] });
  const sources = await campaignSources(em, workspaceId, campaign.id, { sourceId: query.sourceId, sourceKind: query.sourceKind });
  const days = liftReadDays(campaign, query.lagDays);
  const snapshots = await followerSnapshotsAround(em, workspaceId, sources.map((s) => s.id), days.from, days.to);
  return campaignLiftOf({ ...lift, sources, snapshots });
}
