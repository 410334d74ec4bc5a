import { describe, expect, it } from 'vitest';
import { periodChange } from './period-change.ts';
import { compareHeadlines, previousPeriodOf } from './reports/previous-period.ts';

describe('periodChange', () => {
  it('moves a rate in percentage points', () => {
    expect(periodChange({ value: 6.3 }, { value: 4.2 }, 'points')).toEqual({ current: 6.3, previous: 4.2, currency: null, measure: 'points', change: expect.closeTo(2.1, 10), direction: 'up', reason: null });
    expect(periodChange({ value: 40 }, { value: 50 }, 'points')).toMatchObject({ change: -10, direction: 'down' });
    // A rate from 0 % is still a move in points.
    expect(periodChange({ value: 3 }, { value: 0 }, 'points')).toMatchObject({ change: 3, direction: 'up', reason: null });
  });

  it('moves a count or an amount by its relative change in percent', () => {
    expect(periodChange({ value: 150 }, { value: 120 }, 'relative')).toMatchObject({ change: 25, direction: 'up', reason: null });
    expect(periodChange({ value: 90, currency: 'USD' }, { value: 120, currency: 'USD' }, 'relative')).toMatchObject({ change: -25, direction: 'down', currency: 'USD' });
    expect(periodChange({ value: 7 }, { value: 7 }, 'relative')).toMatchObject({ change: 0, direction: 'flat', reason: null });
  });

  it('says why instead of a number: no previous period, an unknown value, a zero or negative base, two currencies', () => {
    expect(periodChange({ value: 5 }, null, 'relative')).toMatchObject({ previous: null, change: null, direction: null, reason: 'no_previous_period' });
    expect(periodChange({ value: 5 }, { value: null }, 'points')).toMatchObject({ previous: null, change: null, direction: null, reason: 'previous_unknown' });
    expect(periodChange({ value: null }, { value: 5 }, 'points')).toMatchObject({ current: null, change: null, reason: 'current_unknown' });
    // Growth from zero has no percentage, but the value did go up.
    expect(periodChange({ value: 12 }, { value: 0 }, 'relative')).toMatchObject({ previous: 0, change: null, direction: 'up', reason: 'previous_zero' });
    expect(periodChange({ value: 12 }, { value: -4 }, 'relative')).toMatchObject({ change: null, direction: 'up', reason: 'previous_negative' });
    expect(periodChange({ value: 10, currency: 'USD' }, { value: 10, currency: 'EUR' }, 'relative')).toMatchObject({ change: null, direction: null, reason: 'currency_differs' });
    expect(periodChange({ value: Number.NaN }, { value: 1 }, 'relative')).toMatchObject({ current: null, reason: 'current_unknown' });
  });
});

describe('previousPeriodOf', () => {
  const now = new Date('2026-12-04T12:00:00Z');
  const earliest = new Date('1900-01-01T00:00:00Z');

  it('is the same length immediately before: [from − (to − from), from)', () => {
    // 1–30 Nov (to exclusive, 1 Dec) → 2–31 Oct (to exclusive, 1 Nov).
    expect(previousPeriodOf({ from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z' }, now, earliest)).toEqual({ from: '2026-10-02T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z', reason: null });
  });

  it('runs a period without an end to now', () => {
    expect(previousPeriodOf({ from: '2026-12-02T12:00:00Z' }, now, earliest)).toEqual({ from: '2026-11-30T12:00:00.000Z', to: '2026-12-02T12:00:00.000Z', reason: null });
  });

  it('has none for all time, an empty period, or one reaching before the earliest moment', () => {
    expect(previousPeriodOf({}, now, earliest)).toEqual({ from: null, to: null, reason: 'no_start' });
    expect(previousPeriodOf({ to: '2026-12-01T00:00:00Z' }, now, earliest)).toMatchObject({ reason: 'no_start' });
    expect(previousPeriodOf({ from: '2026-12-01T00:00:00Z', to: '2026-12-01T00:00:00Z' }, now, earliest)).toMatchObject({ reason: 'empty_period' });
    expect(previousPeriodOf({ from: '2027-01-01T00:00:00Z' }, now, earliest)).toMatchObject({ reason: 'empty_period' });
    expect(previousPeriodOf({ from: '1900-01-01T00:00:00Z', to: '1901-01-01T00:00:00Z' }, now, earliest)).toMatchObject({ reason: 'before_earliest' });
  });
});

describe('compareHeadlines', () => {
  it('compares each headline with the previous period’s, or says there is none', () => {
    const current = { approved_assets: { figure: { value: 6 }, measure: 'relative' as const }, approval_rate: { figure: { value: 75 }, measure: 'points' as const } };
    const previous = { approved_assets: { figure: { value: 4 }, measure: 'relative' as const }, approval_rate: { figure: { value: 80 }, measure: 'points' as const } };
    expect(compareHeadlines(current, previous)).toEqual({
      approved_assets: { current: 6, previous: 4, currency: null, measure: 'relative', change: 50, direction: 'up', reason: null },
      approval_rate: { current: 75, previous: 80, currency: null, measure: 'points', change: -5, direction: 'down', reason: null },
    });
    expect(compareHeadlines(current, null).approval_rate).toMatchObject({ change: null, reason: 'no_previous_period' });
    // A previous period whose report was refused is there, its figures unknown.
    expect(compareHeadlines(current, 'unknown').approved_assets).toMatchObject({ current: 6, previous: null, change: null, reason: 'previous_unknown' });
  });
});
