/*
 * The brand-safety report from its counts: the comments in scope, each at its latest
 * classification, counted per UTC day, per flag category and per classifier, and what classifying
 * them cost. Ratios, daily shares and spikes are the brand-safety KPI functions'.
 */
import { characterMentionRate, flaggedCommentRate, sentimentShare, unclassifiedCommentsReason } from '../audience.ts';
import type { UsageCounts } from '../classification-usage.ts';
import { DEFAULT_SPIKE_RULE, dailySafetyPoint, detectSpikes, flaggedByCategory, type DailyCommentCounts } from '../brand-safety.ts';
import { usdFromMicros } from '../money.ts';
import type { ReportScope } from './report-scope.ts';

export type CommentCounts = {
  /** Comments in scope, classified or not. */
  comments: number;
  /** Comments in scope with an open classification task. */
  waiting: number;
  /** Per UTC day of postedAt, days with at least one classified comment, oldest first. */
  days: ReadonlyArray<DailyCommentCounts & { mentioning: number }>;
  /** Comments (latest classification) carrying each flag; a flag repeated on one result counts once. */
  categories: Readonly<Record<string, number>>;
  classifiers: ReadonlyArray<{ classifier: string; version: string; count: number }>;
  /** Comments per language their latest classification detected (null: not detected), most first. */
  languages: ReadonlyArray<{ language: string | null; count: number }>;
};

/** What classifying the comments in scope cost, per classifier version (each comment's share of its batch). */
export type ClassificationUsage = UsageCounts & {
  /** Paid classifications stored before each one named its usage row: their share of cost is unknown. */
  unattributed: number;
};

export function brandSafetyReportOf<Q extends ReportScope & { postId?: string | undefined }>(query: Q, counts: CommentCounts, usage: readonly ClassificationUsage[]) {
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
    classifierMix: [...counts.classifiers],
    languageMix: [...counts.languages],
    classificationCost: {
      byClassifier: usage.map(({ costUsdMicros, unattributed: _, ...row }) => ({ ...row, costUsd: usdFromMicros(costUsdMicros) })),
      unattributedComments: usage.reduce((total, row) => total + row.unattributed, 0),
      totalCostUsd: usdFromMicros(usage.reduce((total, row) => total + row.costUsdMicros, 0)),
    },
  };
}

export type BrandSafetyReport = ReturnType<typeof brandSafetyReportOf<ReportScope & { postId?: string | undefined }>>;
