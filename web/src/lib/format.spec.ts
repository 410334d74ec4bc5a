import { describe, expect, it } from 'vitest';
import { EMPTY, dayLabel, formatAge, formatDateTime, formatGrowth, formatHours, formatMajorMoney, formatMoney, formatNumber, formatPercent, formatPeriod, formatChange, formatPreviousPeriod, humanize, plural, shareOf, weekLabel } from './format.ts';

describe('formatMoney', () => {
  it('formats minor units in the currency of the amount', () => {
    expect(formatMoney({ amountMinor: 89275, currency: 'USD' })).toBe('USD\u00a0892.75');
    expect(formatMoney({ amountMinor: 1071300, currency: 'USD' })).toBe('USD\u00a010,713.00');
    expect(formatMoney({ amountMinor: 1500, currency: 'JPY' })).toBe('JPY\u00a01,500');
    expect(formatMoney({ amountMinor: 1234, currency: 'KWD' })).toBe('KWD\u00a01.234');
    expect(formatMoney({ amountMinor: -500, currency: 'USD' })).toBe('−USD\u00a05.00');
    expect(formatMoney({ amountMinor: 1071300, currency: 'USD' }, { compact: true })).toBe('USD\u00a010,713');
  });
  it('rounds money to the minor unit, keeping one more digit only for a sub-dime unit cost', () => {
    expect(formatMajorMoney(0.701, 'USD')).toBe('USD\u00a00.70');
    expect(formatMajorMoney(0.017, 'USD')).toBe('USD\u00a00.017');
    expect(formatMajorMoney(0.02, 'USD')).toBe('USD\u00a00.02');
    expect(formatMajorMoney(3, null)).toBe('3');
  });
  it('shows the empty mark for a missing amount, never NaN', () => {
    expect(formatMoney(null)).toBe(EMPTY);
    expect(formatMoney({ amountMinor: Number.NaN, currency: 'USD' })).toBe(EMPTY);
  });
});

describe('KPI units', () => {
  it('formats rates on the 0–100 scale as percentages', () => {
    expect(formatPercent(85.71428571428571)).toBe('85.7 %');
    expect(formatPercent(-67.49)).toBe('−67.5 %');
    expect(formatPercent(-0.04)).toBe('0 %');
    expect(formatPercent(12.34, { signed: true })).toBe('+12.3 %');
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

describe('counts, growth and periods', () => {
  it('counts nouns by the core rule, with thousands separators', () => {
    expect(plural(1, 'post')).toBe('1 post');
    expect(plural(0, 'post')).toBe('0 posts');
    expect(plural(1200, 'post')).toBe('1,200 posts');
    expect(plural(2, 'person', 'people')).toBe('2 people');
    expect(plural(null, 'post')).toBe('an unknown number of posts');
  });
  it('caps growth from a small base and says so', () => {
    expect(formatGrowth(6333.33)).toEqual({ text: 'more than +1,000 %', capped: true });
    expect(formatGrowth(222.4)).toEqual({ text: '+222.4 %', capped: false });
    expect(formatGrowth(-12.04)).toEqual({ text: '−12 %', capped: false });
    expect(formatGrowth(null)).toEqual({ text: EMPTY, capped: false });
  });
  it('names the period of a report', () => {
    expect(formatPeriod('2026-11-05', '2026-12-03')).toBe('Nov 5 – Dec 3, 2026');
    expect(formatPeriod('2025-12-20', '2026-01-10')).toBe('Dec 20, 2025 – Jan 10, 2026');
    expect(formatPeriod('2026-11-05', null)).toBe('From Nov 5, 2026');
    expect(formatPeriod(null, '2026-12-03')).toBe('Up to Dec 3, 2026');
    expect(formatPeriod('', undefined)).toBe('All time');
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
    // A count not recorded is unknown, never 0 (survey answers nobody uploaded).
    expect(plural(null, 'survey answer')).toBe('an unknown number of survey answers');
    expect(plural(2, 'category', 'categories')).toBe('2 categories');
  });
});

describe('formatChange', () => {
  const previous = { from: '2026-10-02T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' };

  it('names the previous period with its last day, as the header names a period', () => {
    expect(formatPreviousPeriod(previous.from, previous.to)).toBe('Oct 2 – Oct 31, 2026');
  });

  it('says a rate in percentage points and a count or amount in percent, with an arrow and words', () => {
    expect(formatChange({ measure: 'points', change: 2.14, direction: 'up', reason: null }, previous)).toEqual({ arrow: '▲', text: 'up 2.1 pp vs Oct 2 – Oct 31, 2026', direction: 'up' });
    expect(formatChange({ measure: 'relative', change: -25, direction: 'down', reason: null }, previous)).toEqual({ arrow: '▼', text: 'down 25 % vs Oct 2 – Oct 31, 2026', direction: 'down' });
    expect(formatChange({ measure: 'relative', change: 0, direction: 'flat', reason: null }, previous)?.text).toBe('no change vs Oct 2 – Oct 31, 2026');
    expect(formatChange({ measure: 'points', change: 0.03, direction: 'up', reason: null }, previous)?.text).toBe('up less than 0.1 pp vs Oct 2 – Oct 31, 2026');
  });

  it('says why instead of a number, never a zero change', () => {
    // The page says it once (PreviousPeriodNote); the cards say nothing.
    expect(formatChange({ measure: 'relative', change: null, direction: null, reason: 'no_previous_period' }, { from: null, to: null })).toBeNull();
    expect(formatChange({ measure: 'points', change: null, direction: null, reason: 'previous_unknown' }, previous)?.text).toBe('previous value unknown vs Oct 2 – Oct 31, 2026');
    expect(formatChange({ measure: 'relative', change: null, direction: 'up', reason: 'previous_zero' }, previous)).toEqual({ arrow: '▲', text: 'up from 0 vs Oct 2 – Oct 31, 2026 (no percentage from 0)', direction: 'up' });
    expect(formatChange({ measure: 'relative', change: null, direction: null, reason: 'currency_differs' }, previous)?.text).toBe('previous period in another currency vs Oct 2 – Oct 31, 2026');
    // A report asked without compare has no change to show.
    expect(formatChange(undefined, undefined)).toBeNull();
  });
});
