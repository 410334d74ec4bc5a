// Rules of a pull from a connected account that are not the platform's: what a new observation of
// a post's counters adds, and how far back a pull refreshes the posts it already knows.

/** How long after going live a post's counters and comments are still collected. */
export const PULL_WINDOW_DAYS = 90;

export const pullWindowStart = (now: Date) => new Date(now.getTime() - PULL_WINDOW_DAYS * 86_400_000);

/**
 * Whether an observation repeats the post's latest snapshot: every counter the same, a counter the
 * platform did not report (absent) counting as the stored unknown (null). A repeat is not stored,
 * so a pull that finds nothing new writes nothing.
 */
export function isRepeatedObservation(latest: Readonly<Record<string, number | null>> | undefined, observed: Readonly<Record<string, number | undefined>>): boolean {
  if (!latest) return false;
  const names = new Set([...Object.keys(latest), ...Object.keys(observed)]);
  return [...names].every((name) => (latest[name] ?? null) === (observed[name] ?? null));
}
