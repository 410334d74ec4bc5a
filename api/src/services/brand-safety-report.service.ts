import type { EntityManager } from '@mikro-orm/postgresql';
import { Post, aiAuthenticityCounts, classificationUsageOfComments } from '@persona-ops/domain/store';
import { aiAuthenticityReportOf, brandSafetyReportOf, type ReportScope } from '@persona-ops/domain/core';
import { findOwned } from './owned.ts';
import { reportContext, sharedBrandSafetyCounts, type ReportContext } from './report-context.ts';

// Scope: comments posted in the period on the posts the filters select, each counted at its
// latest classification. SQL only counts; the core assembles the report (brandSafetyReportOf).
export async function brandSafetyReport(em: EntityManager, workspaceId: string, query: ReportScope & { postId?: string | undefined }, shared?: ReportContext) {
  const context = shared ?? (await reportContext(em, workspaceId, query));
  if (query.postId) await findOwned(em, Post, 'post', query.postId, workspaceId);
  const scope = {
    postId: query.postId,
    campaignId: query.campaignId,
    sourceId: query.sourceId,
    sourceKind: query.sourceKind,
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
  };
  // Every figure over the same comments, the classification cost included (its share of each batch).
  const [counts, usage, authenticity] = await Promise.all([
    sharedBrandSafetyCounts(context, em, workspaceId, scope),
    classificationUsageOfComments(em.fork(), workspaceId, scope),
    aiAuthenticityCounts(em.fork(), workspaceId, scope),
  ]);
  return { ...brandSafetyReportOf(query, counts, usage), aiAuthenticity: aiAuthenticityReportOf(authenticity.posts, authenticity.rows) };
}
