// The rules a counted fact must meet before it is stored, whichever way it arrives (the bulk
// endpoints, a CSV import, resolving an unlinked import row): one rule, one place.

// A clock a few seconds off must not refuse a snapshot taken just now.
export const CLOCK_SKEW_MS = 60_000;
// The last time zone to reach a date is UTC+14: a date after today there is in the future everywhere.
const EARLIEST_ZONE_MS = 14 * 3_600_000;

/** Whether a recorded time (a snapshot's capture, a comment's posting) lies in the future, allowing for clock skew. */
export function isInFuture(at: Date, now: Date): boolean {
  return at.getTime() > now.getTime() + CLOCK_SKEW_MS;
}

/** Why a metric snapshot captured at `captured` of a post published at `published` cannot be stored, or null. */
export function snapshotTimeProblem(captured: Date, published: Date, now: Date): string | null {
  if (captured < published) return `is before the post was published (${published.toISOString()})`;
  if (isInFuture(captured, now)) return 'is in the future';
  return null;
}

/** The latest calendar day (YYYY-MM-DD) that has begun somewhere on Earth at `now`. */
export function latestDayAnywhere(now: Date): string {
  return new Date(now.getTime() + EARLIEST_ZONE_MS).toISOString().slice(0, 10);
}

/** Why a count for the day `day` (follower count, conversions) cannot be stored, or null. */
export function dayProblem(day: string, now: Date): string | null {
  return day > latestDayAnywhere(now) ? 'is in the future' : null;
}

/** Conversions are kept in their campaign's currency: the message when a row is in another. */
export function currencyProblem(rowCurrency: string, campaignCurrency: string): string | null {
  return rowCurrency === campaignCurrency ? null : `must be ${campaignCurrency}, the campaign's currency`;
}

// Shares are percents rounded by the platform, so a breakdown may add up to a little over 100.
export const SHARE_ROUNDING_SLACK = 0.5;

/**
 * Why the shares of one audience breakdown (one subject, dimension and day) cannot be stored
 * together, or null: they may not add up past 100 % (+ the platform's rounding).
 */
export function breakdownSharesProblem(shares: readonly number[]): string | null {
  const total = shares.reduce((sum, share) => sum + share, 0);
  return total > 100 + SHARE_ROUNDING_SLACK ? `add up to ${Math.round(total * 100) / 100} %; at most 100 (+${SHARE_ROUNDING_SLACK} for rounding)` : null;
}
