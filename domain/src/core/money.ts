import { isKnownCurrency, minorUnitDigits } from './currencies.ts';
import { DomainError, DomainErrorCode, invalidInput } from './errors.ts';

export type { KnownCurrency } from './currencies.ts';
export { isKnownCurrency, KNOWN_CURRENCIES, minorUnitDigits } from './currencies.ts';
/** Money as stored: integer minor units (cents for USD, yen for JPY) and an ISO 4217 code. */
export type Money = { amountMinor: number; currency: string };

export function assertCurrency(currency: string, field = 'currency'): void {
  if (!isKnownCurrency(currency)) {
    throw invalidInput(`${field} must be an uppercase ISO 4217 code such as USD or EUR (got "${currency}").`, {
      field,
      value: currency,
    });
  }
}

export function assertMoney(value: Money, field = 'amount'): void {
  assertCurrency(value.currency, `${field}.currency`);
  if (!Number.isSafeInteger(value.amountMinor)) {
    throw invalidInput(`${field} must be a whole number of minor units (got ${String(value.amountMinor)}).`, {
      field,
      value: value.amountMinor,
    });
  }
}

export function money(amountMinor: number, currency: string): Money {
  const value = { amountMinor, currency };
  assertMoney(value);
  return value;
}

export function zeroMoney(currency: string): Money {
  return money(0, currency);
}

function mismatch(currencies: readonly string[]): DomainError {
  const distinct = [...new Set(currencies)].sort();
  return new DomainError(
    DomainErrorCode.currency_mismatch,
    `Cannot combine amounts in different currencies (${distinct.join(', ')}); convert them with an explicit rate first.`,
    { currencies: distinct },
  );
}

/** The one currency code in the list (and `expected`), or a currency_mismatch error naming them. */
export function sameCurrency(codes: readonly string[], expected?: string): string | null {
  const currencies = expected === undefined ? codes : [...codes, expected];
  const first = currencies[0];
  if (first === undefined) return null;
  if (currencies.some((c) => c !== first)) throw mismatch(currencies);
  return first;
}

/** The one currency shared by all amounts, or a currency_mismatch error naming them. */
export function commonCurrency(amounts: readonly Money[], expected?: string): string | null {
  return sameCurrency(
    amounts.map((m) => m.currency),
    expected,
  );
}

/**
 * Sums amounts of one currency. An empty list needs `currency` to know what zero is in;
 * when given, `currency` is also enforced on every item.
 */
export function sumMoney(amounts: readonly Money[], currency?: string): Money {
  const shared = commonCurrency(amounts, currency);
  if (shared === null) throw invalidInput('sumMoney needs a currency to sum an empty list.');
  for (const [i, m] of amounts.entries()) assertMoney(m, `amounts[${i}]`);
  return money(
    amounts.reduce((total, m) => total + m.amountMinor, 0),
    shared,
  );
}

export function minorFactor(currency: string): number {
  return 10 ** minorUnitDigits(currency);
}

/** 1234 USD cents -> 12.34; 500 JPY -> 500; 1234 KWD fils -> 1.234. */
export function toMajor(value: Money): number {
  return value.amountMinor / minorFactor(value.currency);
}

/** 12.34 USD -> 1234 cents, rounded to the nearest minor unit. */
export function fromMajor(amountMajor: number, currency: string): Money {
  assertCurrency(currency);
  if (!Number.isFinite(amountMajor)) throw invalidInput(`Amount must be a finite number (got ${String(amountMajor)}).`);
  // toPrecision strips binary noise such as 1.005 * 100 = 100.49999999999999 before rounding.
  const minor = Math.round(Number((amountMajor * minorFactor(currency)).toPrecision(15)));
  return money(minor === 0 ? 0 : minor, currency);
}

/**
 * An amount in major units for people to read, its currency code first (as the dashboard writes
 * money) and in the currency's own minor units: "USD 3.97", "EUR 1,234.50", "JPY 500", with a
 * no-break space. A per-unit cost under ten minor units (a CPV of USD 0.025) keeps one more
 * digit, since rounding it to the minor unit would move it across tier boundaries. Display only.
 */
export function formatMoney(amountMajor: number, currency: string): string {
  assertCurrency(currency);
  const digits = minorUnitDigits(currency);
  const oneMore = Math.abs(amountMajor) < 10 ** (1 - digits) && Number(amountMajor.toFixed(digits + 1)) !== Number(amountMajor.toFixed(digits));
  const fractionDigits = oneMore ? digits + 1 : digits;
  return moneyFormat(currency, fractionDigits).format(amountMajor);
}

// Building an Intl.NumberFormat costs far more than formatting with one; a report formats dozens of amounts.
const moneyFormats = new Map<string, Intl.NumberFormat>();
function moneyFormat(currency: string, fractionDigits: number): Intl.NumberFormat {
  const key = `${currency}:${fractionDigits}`;
  let found = moneyFormats.get(key);
  if (!found) {
    found = new Intl.NumberFormat('en-US', { style: 'currency', currency, currencyDisplay: 'code', minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits });
    moneyFormats.set(key, found);
  }
  return found;
}

/**
 * Micro-dollars (millionths of a US dollar) to dollars. Classification is priced per token at
 * fractions of a cent, so its cost is kept in micro-dollars, summed there, and converted once.
 */
export function usdFromMicros(micros: number): number {
  return micros / 1_000_000;
}
