import { describe, expect, it } from 'vitest';
import { readCount, readDay, readDurationSeconds, readMoment, readMoneyMinor, readPercent } from './export-values.ts';

describe('reading export values', () => {
  it('reads counts as the platforms write them, and names what it cannot read', () => {
    expect(readCount('1,234')).toEqual({ value: 1234 });
    expect(readCount('1.234.567')).toEqual({ value: 1234567 });
    expect(readCount(' 12 345 ')).toEqual({ value: 12345 });
    expect(readCount('980.0')).toEqual({ value: 980 });
    expect(readCount('12.5K')).toEqual({ value: 12500 });
    expect(readCount('')).toBeNull();
    expect(readCount('--')).toBeNull();
    expect(readCount('-3')).toEqual({ problem: '"-3" is negative; a count cannot be' });
    expect(readCount('lots')).toEqual({ problem: '"lots" is not a whole number' });
    expect(readCount('12.5')).toEqual({ problem: '"12.5" is not a whole number' });
  });
  it('reads percents with a point or a comma', () => {
    expect(readPercent('12.5%')).toEqual({ value: 12.5 });
    expect(readPercent('4,2 %')).toEqual({ value: 4.2 });
    expect(readPercent('120%')).toEqual({ problem: '"120%" is over 100 %' });
  });
  it('reads durations in the column unit, or as a clock', () => {
    expect(readDurationSeconds('1,234.5', 'hours')).toEqual({ value: 4_444_200 });
    expect(readDurationSeconds('0.0125', 'hours')).toEqual({ value: 45 });
    expect(readDurationSeconds('90', 'minutes')).toEqual({ value: 5400 });
    expect(readDurationSeconds('3605', 'seconds')).toEqual({ value: 3605 });
    expect(readDurationSeconds('1:00:05', 'hours')).toEqual({ value: 3605 });
    expect(readDurationSeconds('02:30', 'seconds')).toEqual({ value: 150 });
    expect(readDurationSeconds('long', 'hours')).toEqual({ problem: '"long" is not a duration in hours' });
  });
  it('reads money into minor units', () => {
    expect(readMoneyMinor('$1,234.56', 2)).toEqual({ value: 123456 });
    expect(readMoneyMinor('1.234,5 €', 2)).toEqual({ value: 123450 });
    expect(readMoneyMinor('89,90', 2)).toEqual({ value: 8990 });
    expect(readMoneyMinor('USD 40', 2)).toEqual({ value: 4000 });
    expect(readMoneyMinor('1500', 0)).toEqual({ value: 1500 });
    expect(readMoneyMinor('-5.00', 2)).toEqual({ problem: '"-5.00" is negative; refunds are not conversions' });
  });
  it('reads days in ISO, GA4, YouTube and US forms, refusing impossible ones', () => {
    expect(readDay('2026-03-05')).toEqual({ value: '2026-03-05' });
    expect(readDay('20260305')).toEqual({ value: '2026-03-05' });
    expect(readDay('Mar 5, 2026')).toEqual({ value: '2026-03-05' });
    expect(readDay('5 March 2026')).toEqual({ value: '2026-03-05' });
    expect(readDay('03/05/2026')).toEqual({ value: '2026-03-05' });
    expect(readDay('20260230')).toEqual({ problem: '"20260230" is not a date (use e.g. 2026-03-05)' });
  });
  it('reads moments, a zone-less one as UTC', () => {
    expect(readMoment('2026-03-05 14:30:00')).toEqual({ value: '2026-03-05T14:30:00.000Z' });
    expect(readMoment('2026-03-05T14:30:00+01:00')).toEqual({ value: '2026-03-05T13:30:00.000Z' });
    expect(readMoment('03/05/2026 2:30 PM')).toEqual({ value: '2026-03-05T14:30:00.000Z' });
    expect(readMoment('Mar 5, 2026')).toEqual({ value: '2026-03-05T00:00:00.000Z' });
    expect(readMoment('1772366400')).toEqual({ value: '2026-03-01T12:00:00.000Z' });
    expect(readMoment('soon')).toEqual({ problem: '"soon" is not a date and time' });
  });
});
