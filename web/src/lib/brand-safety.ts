// The brand-safety section's filters (a GET form: character, campaign, period, and for the comment
// list category, sentiment and flagged), turned into the API's queries; labels for its words.
import { BRAND_SAFETY_CATEGORIES, SENTIMENT_LABELS, type BrandSafetyCategory, type SentimentLabel } from '@persona-ops/domain/core';
import type { AlertListQuery, BrandSafetyQuery, Comment, CommentListQuery } from '#lib/api/client.ts';
import { toPeriodQuery } from '#lib/filters.ts';
import { isOneOf, oneOf, reader } from '#lib/params.ts';

export const categoryLabels: Record<BrandSafetyCategory, string> = {
  profanity: 'Profanity',
  hate: 'Hate',
  harassment: 'Harassment',
  sexual: 'Sexual',
  violence: 'Violence',
  self_harm: 'Self-harm',
  spam_scam: 'Spam / scam',
  misinformation: 'Misinformation',
  competitor: 'Competitor',
  controversial: 'Controversial issue',
  ai_authenticity: 'AI authenticity',
};

export const categoryHints: Partial<Record<BrandSafetyCategory, string>> = {
  competitor: 'names a rival brand',
  controversial: 'a debated social issue',
  ai_authenticity: 'calls the character fake, a bot or creepy, asks if it is real, or says it is not disclosed as AI',
};

export const channelLabels: Record<string, string> = {
  instagram: 'Instagram', tiktok: 'TikTok', youtube: 'YouTube', x: 'X', facebook: 'Facebook', linkedin: 'LinkedIn',
  pinterest: 'Pinterest', snapchat: 'Snapchat', threads: 'Threads', twitch: 'Twitch', other: 'Other channel',
};

export const sentimentLabels: Record<SentimentLabel, string> = { positive: 'Positive', neutral: 'Neutral', negative: 'Negative' };

export const metricLabels = { negative_share: 'Negative share', flagged_share: 'Flagged share' } as const;
export type AlertMetric = keyof typeof metricLabels;
export const alertMetrics = Object.keys(metricLabels) as AlertMetric[];

/** Which comments the list shows: flagged ones (the default), unflagged ones, or all. */
export const commentShows = ['flagged', 'unflagged', 'all'] as const;
export type CommentShow = (typeof commentShows)[number];

/** A comment as the lists show it: with the post it was left on (null when that cannot be read). */
export type CommentPost = { id: string; channel: string; url: string; publishedAt: string; assetId: string; source: string; campaign: string } | null;
export type CommentRow = Comment & { post: CommentPost };

export type SafetyFilters = { sourceId: string; campaignId: string; from: string; to: string };
export type CommentFilters = SafetyFilters & { category: string; sentiment: string; show: CommentShow };

export function readSafetyFilters(params: URLSearchParams): SafetyFilters {
  const get = reader(params);
  return { sourceId: get('sourceId'), campaignId: get('campaignId'), from: get('from'), to: get('to') };
}

export function readCommentFilters(params: URLSearchParams): CommentFilters {
  const get = reader(params);
  const show = get('show');
  return { ...readSafetyFilters(params), category: get('category'), sentiment: get('sentiment'), show: isOneOf(commentShows, show) ? show : 'flagged' };
}

/** The report's query for the filters, or field errors (days are whole UTC days, both inclusive). */
export function toSafetyQuery(filters: SafetyFilters): { query: BrandSafetyQuery; errors: Record<string, string> } {
  const { query: period, errors } = toPeriodQuery(filters);
  const query: BrandSafetyQuery = { ...period };
  if (filters.sourceId) query.sourceId = filters.sourceId;
  if (filters.campaignId) query.campaignId = filters.campaignId;
  return { query, errors };
}

/** The comment list's query: the report's scope, plus category, sentiment and flagged. */
export function toCommentQuery(filters: CommentFilters, page: { limit: number; cursor?: string | undefined }): { query: CommentListQuery; errors: Record<string, string> } {
  const { query: scope, errors } = toSafetyQuery(filters);
  const query: CommentListQuery = { ...scope, limit: page.limit, sort: 'postedAt', order: 'desc', ...(page.cursor ? { cursor: page.cursor } : {}) };
  const category = oneOf(BRAND_SAFETY_CATEGORIES, filters.category, errors, 'category');
  if (category) query.category = category;
  const sentiment = oneOf(SENTIMENT_LABELS, filters.sentiment, errors, 'sentiment');
  if (sentiment) query.sentiment = sentiment;
  // A category implies a flag: "unflagged" with a category would always be empty, so it is left out.
  if (filters.show === 'flagged' && !query.category) query.flagged = 'true';
  if (filters.show === 'unflagged' && !query.category) query.flagged = 'false';
  return { query, errors };
}

export function toAlertQuery(params: URLSearchParams, page: { limit: number }): { filters: { sourceId: string; metric: string }; query: AlertListQuery; errors: Record<string, string> } {
  const get = reader(params);
  const filters = { sourceId: get('sourceId'), metric: get('metric') };
  const cursor = get('cursor');
  const query: AlertListQuery = { limit: page.limit, sort: 'day', order: 'desc', ...(cursor ? { cursor } : {}) };
  const errors: Record<string, string> = {};
  if (filters.sourceId) query.sourceId = filters.sourceId;
  const metric = oneOf(alertMetrics, filters.metric, errors, 'metric');
  if (metric) query.metric = metric;
  return { filters, query, errors };
}

/** A link within the section that keeps the non-empty filters, with some changed or added. */
export function hrefWith(path: string, filters: Record<string, string>, changes: Record<string, string | null> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...changes })) if (value) params.set(key, value);
  // "flagged" is the comment list's default: leave it out of the address.
  if (params.get('show') === 'flagged') params.delete('show');
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** The UTC days from `first` to `last`, both included ("2026-11-01"). At most `max` days. */
export function daysBetween(first: string, last: string, max = 731): string[] {
  const start = Date.parse(`${first}T00:00:00Z`);
  const end = Date.parse(`${last}T00:00:00Z`);
  if (Number.isNaN(start) || Number.isNaN(end) || end < start) return [];
  const days: string[] = [];
  for (let t = start; t <= end && days.length < max; t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}
