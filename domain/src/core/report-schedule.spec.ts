import { describe, expect, it } from 'vitest';
import { cronPatternOf, nextRunOf, reportPeriodOf } from './report-schedule.ts';

describe('report schedules', () => {
  it('writes the cadence as a UTC cron pattern with Sunday as 0', () => {
    expect(cronPatternOf({ cadence: 'weekly', weekday: 1, hourUtc: 8 })).toBe('0 0 8 * * 1');
    expect(cronPatternOf({ cadence: 'weekly', weekday: 7, hourUtc: 23 })).toBe('0 0 23 * * 0');
    expect(cronPatternOf({ cadence: 'monthly', dayOfMonth: 28, hourUtc: 0 })).toBe('0 0 0 28 * *');
  });

  it('finds the next run strictly after a moment', () => {
    // 2026-12-03 is a Thursday.
    const thursday = new Date('2026-12-03T10:30:00Z');
    expect(nextRunOf({ cadence: 'weekly', weekday: 4, hourUtc: 11 }, thursday).toISOString()).toBe('2026-12-03T11:00:00.000Z');
    expect(nextRunOf({ cadence: 'weekly', weekday: 4, hourUtc: 10 }, thursday).toISOString()).toBe('2026-12-10T10:00:00.000Z');
    expect(nextRunOf({ cadence: 'weekly', weekday: 1, hourUtc: 8 }, thursday).toISOString()).toBe('2026-12-07T08:00:00.000Z');
    expect(nextRunOf({ cadence: 'monthly', dayOfMonth: 3, hourUtc: 10 }, thursday).toISOString()).toBe('2027-01-03T10:00:00.000Z');
    expect(nextRunOf({ cadence: 'monthly', dayOfMonth: 15, hourUtc: 6 }, thursday).toISOString()).toBe('2026-12-15T06:00:00.000Z');
  });

  it('reports on the whole days of the week or month before the run', () => {
    expect(reportPeriodOf({ cadence: 'weekly' }, new Date('2025-03-03T08:00:00Z'))).toEqual({ from: '2025-02-24T00:00:00.000Z', to: '2025-03-03T00:00:00.000Z' });
    expect(reportPeriodOf({ cadence: 'monthly' }, new Date('2026-04-01T06:00:00Z'))).toEqual({ from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' });
  });
});
