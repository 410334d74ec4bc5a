/*
 * UTC days, the grain of reports, rollups and conversion counts. Three different questions, three
 * names: the day an instant falls on (as YYYY-MM-DD), the instant a day starts, and that start as
 * epoch milliseconds for day arithmetic.
 */

/** The UTC day (YYYY-MM-DD) an instant falls on; a string that already is a day or an ISO time keeps its day. */
export function isoDayOf(at: Date | string): string {
  return (typeof at === 'string' ? at : at.toISOString()).slice(0, 10);
}

/** The instant a UTC day (YYYY-MM-DD) starts. */
export function utcMidnight(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** Epoch milliseconds of the UTC midnight that starts the instant's day. */
export function utcMidnightMs(at: Date): number {
  return Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
}
