/**
 * AI authenticity next to AI disclosure: how many of a post's classified comments carry the
 * `ai_authenticity` flag (the character called fake, a bot, creepy or uncanny, asked whether it is
 * real, or said not to be disclosed as AI), per post and per UTC day, read beside whether the post
 * carried the platform's AI-generated-content label. Rates are flagged_comment_rate restricted to
 * that one category: flagged / classified × 100, null when nothing is classified.
 */
import { flaggedCommentRate } from './audience.ts';

/** Classified comments (latest classification) of one post on one UTC day, and those with the flag. */
export type AiAuthenticityPostDay = { postId: string; day: string; classified: number; flagged: number };

/** A post and its AI-disclosure label. */
export type AiDisclosurePost = { postId: string; channel: string; url: string; publishedAt: string; aiLabelApplied: boolean };

export type AiAuthenticityCounts = { classified: number; flagged: number; rate: number | null };
export type AiAuthenticityPoint = AiAuthenticityCounts & { day: string };

const countsOf = (classified: number, flagged: number): AiAuthenticityCounts => ({ classified, flagged, rate: flaggedCommentRate({ flagged, classified }) });

function byDay(rows: readonly AiAuthenticityPostDay[]): AiAuthenticityPoint[] {
  const days = new Map<string, { classified: number; flagged: number }>();
  for (const row of rows) {
    const day = days.get(row.day) ?? { classified: 0, flagged: 0 };
    day.classified += row.classified;
    day.flagged += row.flagged;
    days.set(row.day, day);
  }
  return [...days]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([day, c]) => ({ day, ...countsOf(c.classified, c.flagged) }));
}

/**
 * Per post (those with classified comments in scope): its label, its rate and its daily trend, the
 * highest rate first (ties: more comments first). Per label (posts with and without the AI label):
 * the rate and the daily trend, so a reader sees whether unlabelled posts draw more of it.
 */
export function aiAuthenticityReportOf(posts: readonly AiDisclosurePost[], rows: readonly AiAuthenticityPostDay[]) {
  const rowsByPost = new Map<string, AiAuthenticityPostDay[]>();
  for (const row of rows) rowsByPost.set(row.postId, [...(rowsByPost.get(row.postId) ?? []), row]);
  const labelOf = new Map(posts.map((post) => [post.postId, post.aiLabelApplied]));

  const byPost = posts
    .filter((post) => rowsByPost.has(post.postId))
    .map((post) => {
      const series = byDay(rowsByPost.get(post.postId) ?? []);
      const classified = series.reduce((sum, day) => sum + day.classified, 0);
      const flagged = series.reduce((sum, day) => sum + day.flagged, 0);
      return { ...post, ...countsOf(classified, flagged), series };
    })
    .sort((a, b) => (b.rate ?? -1) - (a.rate ?? -1) || b.classified - a.classified || (a.postId < b.postId ? -1 : 1));

  const labelled = rows.filter((row) => labelOf.get(row.postId) === true);
  const unlabelled = rows.filter((row) => labelOf.get(row.postId) === false);
  const summary = (part: readonly AiAuthenticityPostDay[], label: boolean) => {
    const series = byDay(part);
    return {
      posts: byPost.filter((post) => post.aiLabelApplied === label).length,
      ...countsOf(series.reduce((sum, day) => sum + day.classified, 0), series.reduce((sum, day) => sum + day.flagged, 0)),
      series,
    };
  };
  return { byPost, labelled: summary(labelled, true), unlabelled: summary(unlabelled, false) };
}

export type AiAuthenticityReport = ReturnType<typeof aiAuthenticityReportOf>;
