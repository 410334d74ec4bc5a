import { z } from 'zod';
import { isoWeekMonday } from '@persona-ops/domain/core';

const isoCurrencies = new Set(Intl.supportedValuesOf('currency'));

export const currencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO 4217 code in capitals, e.g. USD')
  .refine((code) => isoCurrencies.has(code), { message: 'is not a known ISO 4217 currency code' });

export const idSchema = z.uuid({ message: 'must be a UUID' });
export const idParams = z.object({ id: idSchema });

// Money is stored in bigint columns: every whole number JSON carries exactly (up to 2^53 − 1) fits.
export const minorUnits = z.number().int('must be a whole number of minor units (cents)').min(0, 'cannot be negative');

/** The largest value of a 32-bit `int` column: a count stored in one is bounded by it, never a 500 from the database. */
export const INT_COLUMN_MAX = 2_147_483_647;
export const intColumnMax = [INT_COLUMN_MAX, `must be at most ${INT_COLUMN_MAX}`] as const;

// PostgreSQL has no year 0: 0000-06-01, or 0001-01-01T00:00:00+14:00 (year 0 in UTC), was a 500
// ("date/time field value out of range") wherever it was stored or compared.
const yearOne = Date.parse('0001-01-01T00:00:00Z');
const fromYearOne = { message: 'must be on or after 0001-01-01T00:00:00Z (there is no year 0)' };

export const timestampSchema = z.iso
  .datetime({ offset: true, message: 'must be an ISO-8601 date-time, e.g. 2026-03-01T09:00:00Z' })
  .refine((value) => !(Date.parse(value) < yearOne), fromYearOne);
export const dateSchema = z.iso.date({ message: 'must be an ISO-8601 date, e.g. 2026-03-01' }).refine((value) => !value.startsWith('0000'), fromYearOne);

/**
 * The earliest moment a period or a report's "as of" may name. The reports count days back from
 * the moments they are given (the day before a period, a comparison window of up to 3,650 days),
 * and PostgreSQL has no year 0: `to=0001-01-01T00:00:00Z` was a 500 ("date/time field value out of
 * range"). Nothing this API measures happened before 1900.
 */
export const EARLIEST_MOMENT = '1900-01-01T00:00:00Z';
const earliest = Date.parse(EARLIEST_MOMENT);
const notBefore1900 = { message: `must be on or after ${EARLIEST_MOMENT.slice(0, 10)}` };

/** A moment a report or a filter takes (timestampSchema, from 1900). */
// (Text that is no date at all is said once, by the format check: NaN is not "before".)
export const periodMomentSchema = timestampSchema.refine((value) => !(Date.parse(value) < earliest), notBefore1900);
/** A day a report takes as a moment (dateSchema, from 1900). */
export const periodDaySchema = dateSchema.refine((value) => !(Date.parse(value) < earliest), notBefore1900);

/** An ISO 8601 week such as 2026-W47 (the weeks of the content-velocity chart). */
export const isoWeekQuery = z.string().regex(/^\d{4}-W\d{2}$/, { message: 'must be an ISO week like 2026-W47' }).refine((week) => {
  try {
    return isoWeekMonday(week).getTime() >= earliest;
  } catch {
    return false;
  }
}, { message: 'is not a week of that year (weeks run 01 to 52 or 53), or is before 1900' });

export const periodQuery = {
  from: periodMomentSchema.optional().describe('Start of the period (inclusive), ISO-8601'),
  to: periodMomentSchema.optional().describe('End of the period (exclusive), ISO-8601'),
};

export function paginationQuery<const Sort extends readonly [string, ...string[]]>(sortFields: Sort, defaultSort: Sort[number]) {
  return {
    limit: z.coerce.number().int().min(1).max(200).default(50).describe('Page size, 1–200'),
    cursor: z.string().max(512).optional().describe('The `nextCursor` of the previous page'),
    sort: z.enum(sortFields).default(defaultSort),
    order: z.enum(['asc', 'desc']).default('desc'),
  };
}

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe('Pass as `cursor` to get the next page; null on the last page'),
  });
}
