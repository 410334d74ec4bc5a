import type { EntityManager } from '@mikro-orm/postgresql';
import { Post, brandSafetyCounts, classificationUsageOfComments } from '@persona-ops/domain/store';
import {
  DEFAULT_SPIKE_RULE,
  characterMentionRate,
  dailySafetyPoint,
  detectSpikes,
  flaggedByCategory,
  flaggedCommentRate,
  sentimentShare,
  unclassifiedCommentsReason,
} from '@persona-ops/domain/core';
import type { ReportQuery } from '../http/report.schemas.ts';
import { assertFilterIdsOwned, findOwned } from './owned.ts';

// Scope: comments posted in the period on the posts the filters select, each counted at its
// latest classification. Ratios come from the KPI functions; SQL only counts.
export async function brandSafetyReport(em: EntityManager, workspaceId: string, query: ReportQuery & { postId?: string | undefined }) {
  await assertFilterIdsOwned(em, workspaceId, { campaignId: query.campaignId, sourceId: query.sourceId });
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
  const [counts, usage] = await Promise.all([brandSafetyCounts(em, workspaceId, scope), classificationUsageOfComments(em.fork(), workspaceId, scope)]);
  const sum = (key: 'classified' | 'positive' | 'neutral' | 'negative' | 'flagged' | 'mentioning') => counts.days.reduce((total, day) => total + day[key], 0);
  const totals = {
    comments: counts.comments,
    classified: sum('classified'),
    waiting: counts.waiting,
    positive: sum('positive'),
    neutral: sum('neutral'),
    negative: sum('negative'),
    flagged: sum('flagged'),
    mentioningCharacter: sum('mentioning'),
  };
  const share = sentimentShare({ positive: totals.positive, neutral: totals.neutral, negative: totals.negative });
  const series = counts.days.map(({ mentioning: _, ...day }) => dailySafetyPoint(day));
  return {
    scope: { ...query, basis: 'comments posted in the period, each at its latest classification' },
    totals,
    kpis: {
      sentiment_share: share.classified === 0 ? null : { positive: share.positive, neutral: share.neutral, negative: share.negative },
      flagged_comment_rate: flaggedCommentRate({ flagged: totals.flagged, classified: totals.classified }),
      character_mention_rate: characterMentionRate({ mentioningComments: totals.mentioningCharacter, comments: totals.classified }),
      // Unknown, not 0, when no comment was collected or none is classified yet.
      reason: unclassifiedCommentsReason({ comments: totals.comments, classified: totals.classified }, 'the comment KPIs'),
    },
    flaggedByCategory: flaggedByCategory(counts.categories, totals.classified),
    series,
    spikes: detectSpikes(series, DEFAULT_SPIKE_RULE),
    spikeRule: { ...DEFAULT_SPIKE_RULE },
    classifierMix: counts.classifiers,
    classificationCost: {
      byClassifier: usage.map(({ costUsdMicros, unattributed: _, ...row }) => ({ ...row, costUsd: costUsdMicros / 1_000_000 })),
      unattributedComments: usage.reduce((sum, row) => sum + row.unattributed, 0),
      totalCostUsd: usage.reduce((sum, row) => sum + row.costUsdMicros, 0) / 1_000_000,
    },
  };
}
