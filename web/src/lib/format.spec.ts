import { describe, expect, it } from 'vitest';
import { EMPTY, dayLabel, formatAge, formatDateTime, formatHours, formatMoney, formatNumber, formatPercent, humanize, plural, shareOf, weekLabel } from './format.ts';

describe('formatMoney', () => {
  it('formats minor units in the currency of the amount', () => {
    expect(formatMoney({ amountMinor: 89275, currency: 'USD' })).toBe('$892.75');
    expect(formatMoney({ amountMinor: 1071300, currency: 'USD' })).toBe('$10,713.00');
    expect(formatMoney({ amountMinor: 1500, currency: 'JPY' })).toBe('¥1,500');
    expect(formatMoney({ amountMinor: 1234, currency: 'KWD' })).toBe('KWD\u00a01.234');
  });
  it('shows the empty mark for a missing amount, never NaN', () => {
    expect(formatMoney(null)).toBe(EMPTY);
    expect(formatMoney({ amountMinor: Number.NaN, currency: 'USD' })).toBe(EMPTY);
  });
});

describe('KPI units', () => {
  it('formats rates on the 0–100 scale as percentages', () => {
    expect(formatPercent(85.71428571428571)).toBe('85.7 %');
    expect(formatPercent(0)).toBe('0 %');
    expect(formatPercent(null)).toBe(EMPTY);
  });
  it('formats hours, and minutes under an hour', () => {
    expect(formatHours(51)).toBe('51 h');
    expect(formatHours(56.60000000000001)).toBe('56.6 h');
    expect(formatHours(0.5)).toBe('30 min');
    expect(formatHours(0)).toBe('0 h');
    expect(formatHours(null)).toBe(EMPTY);
    expect(formatHours(Number.POSITIVE_INFINITY)).toBe(EMPTY);
  });
  it('formats ages for the review queue', () => {
    expect(formatAge(0.2)).toBe('12 min');
    expect(formatAge(5.9)).toBe('5 h');
    expect(formatAge(136.0003)).toBe('5 d 16 h');
    expect(formatAge(48)).toBe('2 d');
    expect(formatAge(undefined)).toBe(EMPTY);
  });
  it('formats plain numbers', () => {
    expect(formatNumber(0.4166666, 2)).toBe('0.42');
    expect(formatNumber(Number.NaN)).toBe(EMPTY);
  });
});

describe('dates and words', () => {
  it('shows timestamps in UTC', () => {
    expect(formatDateTime('2026-11-16T03:51:52.017Z')).toBe('Nov 16, 2026, 03:51 UTC');
    expect(formatDateTime('not a date')).toBe(EMPTY);
  });
  it('labels an ISO week by its Monday', () => {
    expect(weekLabel('2026-W39')).toBe('Sep 21');
    expect(weekLabel('2026-W99')).toBe('2026-W99');
  });
  it('humanizes domain words', () => {
    expect(humanize('changes_requested')).toBe('Changes requested');
    expect(humanize('ai_character')).toBe('AI character');
  });
});

describe('days and shares', () => {
  it('labels a UTC day for an axis', () => {
    expect(dayLabel('2026-11-13')).toBe('Nov 13');
    expect(dayLabel('soon')).toBe('soon');
  });
  it('gives no share of nothing, never NaN', () => {
    expect(shareOf(30, 120)).toBe(25);
    expect(shareOf(0, 0)).toBeNull();
    expect(formatPercent(shareOf(3, 0))).toBe(EMPTY);
  });
});

describe('plural', () => {
  it('names the noun in the number it counts', () => {
    expect(plural(1, 'post')).toBe('1 post');
    expect(plural(1200, 'post')).toBe('1,200 posts');
    expect(plural(null, 'survey answer')).toBe('0 survey answers');
    expect(plural(2, 'category', 'categories')).toBe('2 categories');
  });
});
