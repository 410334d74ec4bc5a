import { z } from 'zod';
import { FX_LOOKBACK_DAYS, FX_RATE_FRACTION_DIGITS, FX_RATE_INTEGER_DIGITS, fxRateProblem, isKnownCurrency, normalizeFxRate } from '@persona-ops/domain/core';
import { currencySchema, dateSchema, idSchema, pageOf, paginationQuery } from '../../http/common.schemas.ts';

export const maxFxRatesFileBytes = 5 * 1024 * 1024;

const rateCurrency = currencySchema.refine(isKnownCurrency, { message: 'is not a current ISO 4217 currency (withdrawn codes such as CYP or HRK have no rates)' });

const rateValue = z
  .union([z.string(), z.number()])
  .describe(
    `Units of quote per 1 base, e.g. 1.0866 for EUR/USD: decimal text ("1.0866", kept exactly) or a JSON number; greater than 0, at most ${FX_RATE_INTEGER_DIGITS} digits before and ${FX_RATE_FRACTION_DIGITS} after the decimal point`,
  )
  .transform((value) => (typeof value === 'number' ? String(value) : value.trim()))
  .superRefine((text, context) => {
    const problem = fxRateProblem(text);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  })
  .transform(normalizeFxRate);

export const incomingFxRateSchema = z
  .object({
    day: dateSchema.describe('The day the rate is for (an amount of that day is converted with it), ISO-8601 date'),
    base: rateCurrency.describe('The currency of which 1 unit is priced, e.g. EUR'),
    quote: rateCurrency.describe('The currency the price is in, e.g. USD'),
    rate: rateValue,
  })
  .refine((row) => row.base !== row.quote, { path: ['quote'], message: 'must differ from base: a rate converts between two currencies' });

export const bulkFxRatesBody = z.object({
  rates: z.array(incomingFxRateSchema).min(1, 'send at least one rate').max(10_000, 'send at most 10,000 rates a request'),
});

export const fxRateSchema = z
  .object({
    id: idSchema,
    day: dateSchema,
    base: z.string(),
    quote: z.string(),
    rate: z.string().describe('Units of quote per 1 base, exact decimal text'),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'FxRate' });

export const fxRatePage = pageOf(fxRateSchema);

export const listFxRatesQuery = z.object({
  base: currencySchema.optional().describe('Only rates of this base currency'),
  quote: currencySchema.optional().describe('Only rates in this quote currency'),
  from: dateSchema.optional().describe('First day (inclusive), ISO-8601 date'),
  to: dateSchema.optional().describe('Last day (exclusive), ISO-8601 date'),
  ...paginationQuery(['day'] as const, 'day'),
});

export const importFxRatesQuery = z.object({
  fileName: z.string().max(255).default('fx-rates.csv'),
});

export const fxRatesCsvBody = z
  .string()
  .min(1, 'the file is empty')
  .describe('The CSV file, UTF-8: the ECB layout (eurofxref-hist.csv or eurofxref.csv: "Date,USD,JPY,...", values per 1 EUR, N/A for none) or "day,base,quote,rate"');

export const fxRateImportResultSchema = z
  .object({
    fileName: z.string(),
    format: z.enum(['ecb', 'plain']).describe('ecb: the ECB reference-rate layout (every value is a EUR/<column> rate); plain: day,base,quote,rate'),
    rows: z.number().int().describe('Data rows in the file (days, for the ECB layout)'),
    rates: z.number().int().describe('Rates read from the file: inserted + updated + unchanged'),
    inserted: z.number().int().describe('Rates stored for the first time'),
    updated: z.number().int().describe('Rates already stored with another value: replaced'),
    unchanged: z.number().int().describe('Rates already stored with the same value: nothing written'),
    missing: z.number().int().describe('Empty or N/A cells: no rate published that day'),
    rejectedCount: z.number().int().describe('Rows, columns and cells not read'),
    rejected: z
      .array(z.object({ line: z.number().int().describe('1 is the header'), column: z.string(), reason: z.string() }))
      .describe('The first 1,000 rows, columns and cells not read, with why; the rest of the file is stored'),
  })
  .meta({ id: 'FxRateImportResult' });

export const fxLookbackNote = `An amount is converted with the rate of its own day, or the latest of the ${FX_LOOKBACK_DAYS} days before it (the ECB publishes no weekend or holiday rates); a pair is used as stored, inverted, or crossed through a common currency such as EUR.`;
