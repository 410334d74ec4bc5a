/*
 * The one currency a report answers in. A scope whose amounts are all in one currency answers in
 * it, unconverted. A scope that mixes currencies (or a report that compares across scopes: the
 * comparison, the overview) answers in the workspace's reporting currency, each amount converted
 * with the rate of its own day from the rates the user supplied; the report lists the rates used.
 */
import { convertMoney, fxRatesUsed, fxRateTable, type FxConversion, type FxRate } from './fx.ts';
import type { Money } from './money.ts';

export type ReportCurrency = {
  currency: string;
  /** True when amounts are converted into the reporting currency. */
  converted: boolean;
  /** An amount of the scope, dated (YYYY-MM-DD), in the report's currency. Throws fx_rate_missing. */
  convert: (amount: Money, day: string) => Money;
  ratesUsed: () => FxRate[];
};

/** Whether a scope in these currencies must be converted, and into what. */
export function reportCurrencyOf(input: { currencies: readonly string[]; reportingCurrency: string; fallback: string; alwaysReporting?: boolean }): { currency: string; converted: boolean } {
  const distinct = [...new Set(input.currencies)];
  if (input.alwaysReporting) return { currency: input.reportingCurrency, converted: distinct.some((c) => c !== input.reportingCurrency) };
  if (distinct.length <= 1) return { currency: distinct[0] ?? input.fallback, converted: false };
  return { currency: input.reportingCurrency, converted: true };
}

export function reportCurrency(choice: { currency: string; converted: boolean }, rates: readonly FxRate[]): ReportCurrency {
  const table = fxRateTable(rates);
  const conversions: FxConversion[] = [];
  return {
    ...choice,
    convert: (amount, day) => {
      if (amount.currency === choice.currency) return amount;
      // Nothing is nothing in any currency: no rate is needed to convert it.
      if (amount.amountMinor === 0) return { amountMinor: 0, currency: choice.currency };
      const conversion = convertMoney(table, amount, day, choice.currency);
      conversions.push(conversion);
      return conversion.amount;
    },
    ratesUsed: () => fxRatesUsed(conversions),
  };
}
