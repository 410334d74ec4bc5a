import { describe, expect, it } from 'vitest';
import { isoWeek, isoWeekMonday, isoWeekSpan } from './iso-week.ts';

describe('isoWeek', () => {
  it('handles year edges', () => {
    expect(isoWeek(new Date('2026-01-01T00:00:00Z'))).toBe('2026-W01');
    expect(isoWeek(new Date('2027-01-01T12:00:00Z'))).toBe('2026-W53');
    expect(isoWeek(new Date('2025-12-29T00:00:00Z'))).toBe('2026-W01');
    expect(isoWeek(new Date('2021-01-03T23:59:59Z'))).toBe('2020-W53');
  });

  it('starts weeks on Monday (UTC)', () => {
    expect(isoWeek(new Date('2026-01-11T23:59:59Z'))).toBe('2026-W02');
    expect(isoWeek(new Date('2026-01-12T00:00:00Z'))).toBe('2026-W03');
  });

  it('finds the Monday of a week and spans weeks across a year end', () => {
    expect(isoWeekMonday('2026-W03').toISOString()).toBe('2026-01-12T00:00:00.000Z');
    expect(isoWeekMonday('2026-W01').toISOString()).toBe('2025-12-29T00:00:00.000Z');
    expect(isoWeekSpan('2026-W52', '2027-W02')).toEqual(['2026-W52', '2026-W53', '2027-W01', '2027-W02']);
    expect(isoWeekSpan('2026-W03', '2026-W02')).toEqual([]);
  });

  it('rejects what is not an ISO week', () => {
    expect(() => isoWeekMonday('2025-W53')).toThrow(/not an ISO week/);
    expect(() => isoWeekMonday('2026-3')).toThrow(/not an ISO week/);
  });
});
