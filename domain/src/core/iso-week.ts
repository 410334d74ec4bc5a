import { invalidInput } from './errors.ts';
import { assertValidDate } from './guards.ts';

const DAY_MS = 86_400_000;
const WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;

/**
 * ISO 8601 week of a moment, in UTC (the product stores and reports time in UTC), e.g.
 * '2026-W03'. Weeks start on Monday and belong to the year of their Thursday, so 2027-01-01
 * (a Friday) is in 2026-W53.
 */
export function isoWeek(date: Date): string {
  assertValidDate('date', date);
  const day = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday = 0
  const thursday = new Date(day + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
  return `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
}

/** Monday 00:00 UTC of an ISO week such as '2026-W03'. */
export function isoWeekMonday(week: string): Date {
  const match = WEEK_PATTERN.exec(week);
  const notAWeek = () => invalidInput(`"${week}" is not an ISO week like 2026-W03.`, { week });
  if (match === null) throw notAWeek();
  const year = Number(match[1]);
  const number = Number(match[2]);
  // Jan 4 is always in week 1, so week 1's Monday is the Monday on or before it.
  const jan4 = Date.UTC(year, 0, 4);
  const monday = new Date(jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS + (number - 1) * 7 * DAY_MS);
  if (number < 1 || isoWeek(monday) !== week) throw notAWeek();
  return monday;
}

/** Every ISO week from `first` to `last` inclusive, in order; empty when last is before first. */
export function isoWeekSpan(first: string, last: string): string[] {
  const weeks: string[] = [];
  const end = isoWeekMonday(last).getTime();
  for (let t = isoWeekMonday(first).getTime(); t <= end; t += 7 * DAY_MS) weeks.push(isoWeek(new Date(t)));
  return weeks;
}
