import { invalidInput } from './errors.ts';
import { assertCount, assertValidDate } from './guards.ts';
import { utcMidnightMs } from './utc-day.ts';

const DAY_MS = 86_400_000;
export const DEFAULT_LAG_DAYS = 14;
export const MIN_LAG_DAYS = 7;
export const MAX_LAG_DAYS = 14;

export type FollowerSnapshot = { date: Date; followers: number };
export type DayWindow = { start: Date; end: Date };

export type NewFollowersLiftInput = {
  snapshots: readonly FollowerSnapshot[];
  campaignStart: Date;
  campaignEnd: Date;
  /** Days after the campaign end still counted: people follow late. 7–14, default 14. */
  lagDays?: number;
};

export type NewFollowersLift = {
  /** Followers gained in the window minus the organic gain expected over as many days. */
  value: number | null;
  windowGain: number | null;
  baselineGain: number | null;
  baselineDailyGain: number | null;
  windowDays: number;
  lagDays: number;
  window: DayWindow;
  baselineWindow: DayWindow;
  /** Why value is null: the days with no follower count. */
  missing: string | null;
};

/**
 * Follower count on a UTC day: that day's snapshot (the latest one taken that day), else a
 * straight line between the nearest snapshots before and after it, so weekly imports still
 * work. Null outside the snapshots' range: a count is never extrapolated.
 */
function followersOn(snapshots: readonly FollowerSnapshot[], day: number): number | null {
  const byTime = [...snapshots].sort((x, y) => x.date.getTime() - y.date.getTime());
  const onDay = byTime.filter((s) => utcMidnightMs(s.date) === day).at(-1);
  if (onDay !== undefined) return onDay.followers;
  const before = byTime.filter((s) => utcMidnightMs(s.date) < day).at(-1);
  const after = byTime.find((s) => utcMidnightMs(s.date) > day);
  if (before === undefined || after === undefined) return null;
  const beforeDay = utcMidnightMs(before.date);
  return before.followers + ((after.followers - before.followers) * (day - beforeDay)) / (utcMidnightMs(after.date) - beforeDay);
}

/**
 * new_followers_lift. Window = campaign start day → campaign end day + lag (UTC days), L days
 * long. Gain = followers(end) − followers(start). Baseline = mean daily gain over the L days
 * before the start, times L, which is simply followers(start) − followers(start − L).
 */
export function newFollowersLift(input: NewFollowersLiftInput): NewFollowersLift {
  const lagDays = input.lagDays ?? DEFAULT_LAG_DAYS;
  if (!Number.isInteger(lagDays) || lagDays < MIN_LAG_DAYS || lagDays > MAX_LAG_DAYS) {
    throw invalidInput(`lagDays must be a whole number from ${MIN_LAG_DAYS} to ${MAX_LAG_DAYS} (got ${String(lagDays)}).`, {
      field: 'lagDays',
      value: lagDays,
    });
  }
  assertValidDate('campaignStart', input.campaignStart);
  assertValidDate('campaignEnd', input.campaignEnd);
  for (const s of input.snapshots) {
    assertValidDate('snapshot date', s.date);
    assertCount('followers', s.followers);
  }
  const start = utcMidnightMs(input.campaignStart);
  const campaignEnd = utcMidnightMs(input.campaignEnd);
  if (campaignEnd < start) throw invalidInput('campaignEnd is before campaignStart.', { field: 'campaignEnd' });
  const end = campaignEnd + lagDays * DAY_MS;
  const windowDays = Math.round((end - start) / DAY_MS);
  const baselineStart = start - windowDays * DAY_MS;

  const atStart = followersOn(input.snapshots, start);
  const atEnd = followersOn(input.snapshots, end);
  const atBaselineStart = followersOn(input.snapshots, baselineStart);
  const missingDays = [
    { value: atBaselineStart, day: baselineStart },
    { value: atStart, day: start },
    { value: atEnd, day: end },
  ]
    .filter((point) => point.value === null)
    .map((point) => new Date(point.day).toISOString().slice(0, 10));

  const windowGain = atStart === null || atEnd === null ? null : atEnd - atStart;
  const baselineGain = atStart === null || atBaselineStart === null ? null : atStart - atBaselineStart;
  return {
    value: windowGain === null || baselineGain === null ? null : windowGain - baselineGain,
    windowGain,
    baselineGain,
    baselineDailyGain: baselineGain === null ? null : baselineGain / windowDays,
    windowDays,
    lagDays,
    window: { start: new Date(start), end: new Date(end) },
    baselineWindow: { start: new Date(baselineStart), end: new Date(start) },
    missing: missingDays.length === 0 ? null : `No follower count on or around ${missingDays.join(', ')}.`,
  };
}
