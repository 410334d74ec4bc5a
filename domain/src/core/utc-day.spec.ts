import { describe, expect, it } from 'vitest';
import { isoDayOf, utcMidnight, utcMidnightMs } from './utc-day.ts';

describe('UTC days', () => {
  it('names the day an instant falls on, in UTC', () => {
    expect(isoDayOf(new Date('2026-03-01T23:59:59.999Z'))).toBe('2026-03-01');
    expect(isoDayOf(new Date('2026-03-01T23:30:00-02:00'))).toBe('2026-03-02');
    expect(isoDayOf('2026-03-01T10:00:00.000Z')).toBe('2026-03-01');
    expect(isoDayOf('2026-03-01')).toBe('2026-03-01');
  });

  it("gives a day's first instant, as a date and as milliseconds", () => {
    expect(utcMidnight('2026-03-01').toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(utcMidnightMs(new Date('2026-03-01T17:45:00Z'))).toBe(utcMidnight('2026-03-01').getTime());
  });
});
