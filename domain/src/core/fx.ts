import { DomainError, DomainErrorCode, invalidInput } from './errors.ts';
import { assertCurrency, assertMoney, minorUnitDigits, money, type Money } from './money.ts';

// Currency conversion with rates the user supplied (entered or imported), never fetched or guessed.
//
// A rate says: on `day`, 1 unit of `base` is worth `rate` units of `quote` (the ECB's reference
// rates are base EUR: EUR/USD 1.0866 on 2024-05-17). An amount is converted with the rate of its
// own day; when that day has none (the ECB publishes no rates on weekends and TARGET holidays), the
// most recent rate of the FX_LOOKBACK_DAYS days before it is used. A pair is found:
//   1. stored as is (base = from, quote = to), else inverted (base = to, quote = from), on the latest
//      day within the lookback (on one day, the direct rate wins over the inverted one);
//   2. only when neither exists within the lookback: as a cross rate through a common currency P
//      (from/P and P/to, each leg found as in 1), e.g. USD -> GBP through EUR with ECB rates. When
//      several currencies could serve, the one whose older leg is the most recent wins; on a tie EUR,
//      then the alphabetically first. One intermediate currency at most.
// The arithmetic is exact (integer ratios); the result is rounded once, to the target currency's
// minor unit, half away from zero.

/** A rate as the user supplied it: on `day` (YYYY-MM-DD), 1 `base` = `rate` `quote`. `rate` is decimal text (> 0). */
export type FxRate = { day: string; base: string; quote: string; rate: string };

/** Days before an amount's own day searched for a rate (ECB: no weekend or holiday rates; Easter is a 4-day gap). */
export const FX_LOOKBACK_DAYS = 7;

/** What the rate column holds (numeric(28, 14)): at most 14 digits before and 14 after the decimal point. */
export const FX_RATE_INTEGER_DIGITS = 14;
export const FX_RATE_FRACTION_DIGITS = 14;

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Why `text` cannot be stored as a rate, or null: a positive decimal such as 1.0866 that fits the column. */
export function fxRateProblem(text: string): string | null {
  const match = DECIMAL.exec(text);
  if (!match) return 'must be a positive decimal number such as 1.0866 (a point as decimal separator, no sign, no exponent)';
  const integer = match[1]!.replace(/^0+(?=\d)/, '');
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (integer.length > FX_RATE_INTEGER_DIGITS) return `must have at most ${FX_RATE_INTEGER_DIGITS} digits before the decimal point`;
  if (fraction.length > FX_RATE_FRACTION_DIGITS) return `must have at most ${FX_RATE_FRACTION_DIGITS} digits after the decimal point (round it)`;
  if (/^0*$/.test(integer + fraction)) return 'must be greater than 0';
  return null;
}

/** The canonical text of a rate: no leading or trailing zeros ('001.086600' -> '1.0866', '12.000' -> '12'). */
export function normalizeFxRate(text: string): string {
  const problem = fxRateProblem(text);
  if (problem) throw invalidInput(`The rate ${text} ${problem}.`, { field: 'rate', value: text });
  const [, integer, fraction = ''] = DECIMAL.exec(text)!;
  const whole = integer!.replace(/^0+(?=\d)/, '');
  const decimals = fraction.replace(/0+$/, '');
  return decimals ? `${whole}.${decimals}` : whole;
}

/** Whether `day` is a real calendar day written YYYY-MM-DD. */
export function isIsoDay(day: string): boolean {
  if (!DAY.test(day)) return false;
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === day;
}

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

// An exact positive ratio num/den.
type Ratio = { num: bigint; den: bigint };

function ratioOf(rate: string): Ratio {
  const [, integer, fraction = ''] = DECIMAL.exec(rate)!;
  return { num: BigInt(integer! + fraction), den: 10n ** BigInt(fraction.length) };
}

const invert = (r: Ratio): Ratio => ({ num: r.den, den: r.num });
const times = (a: Ratio, b: Ratio): Ratio => ({ num: a.num * b.num, den: a.den * b.den });

/** n / d rounded to the nearest integer, halves away from zero (d > 0). */
function roundHalfAwayFromZero(n: bigint, d: bigint): bigint {
  const negative = n < 0n;
  const magnitude = negative ? -n : n;
  const quotient = magnitude / d;
  const rounded = (magnitude % d) * 2n >= d ? quotient + 1n : quotient;
  return negative ? -rounded : rounded;
}

/** A ratio as decimal text with at most `digits` decimals (rounded), trailing zeros removed. */
function toDecimalText(r: Ratio, digits: number): string {
  const scaled = roundHalfAwayFromZero(r.num * 10n ** BigInt(digits), r.den).toString().padStart(digits + 1, '0');
  const whole = scaled.slice(0, scaled.length - digits);
  const decimals = scaled.slice(scaled.length - digits).replace(/0+$/, '');
  return decimals ? `${whole}.${decimals}` : whole;
}

/** The rates of a workspace indexed for conversion: build it once per report with fxRateTable. */
export type FxRateTable = {
  /** "BASE/QUOTE" -> day -> rate. */
  readonly pairs: ReadonlyMap<string, ReadonlyMap<string, FxRate>>;
  /** Currency -> the currencies it has a rate with (either direction). */
  readonly partners: ReadonlyMap<string, ReadonlySet<string>>;
};

/** Indexes rate rows (e.g. from loadFxRates). Two different rates for one day and pair are refused. */
export function fxRateTable(rates: readonly FxRate[]): FxRateTable {
  const pairs = new Map<string, Map<string, FxRate>>();
  const partners = new Map<string, Set<string>>();
  for (const row of rates) {
    if (!isIsoDay(row.day)) throw invalidInput(`A rate's day must be a date written YYYY-MM-DD (got "${row.day}").`, { field: 'day', value: row.day });
    assertCurrency(row.base, 'base');
    assertCurrency(row.quote, 'quote');
    const rate = { day: row.day, base: row.base, quote: row.quote, rate: normalizeFxRate(row.rate) };
    const key = `${row.base}/${row.quote}`;
    const days = pairs.get(key) ?? new Map<string, FxRate>();
    const existing = days.get(row.day);
    if (existing && existing.rate !== rate.rate) {
      throw invalidInput(`Two different ${key} rates for ${row.day} (${existing.rate} and ${rate.rate}); keep one.`, { day: row.day, base: row.base, quote: row.quote });
    }
    days.set(row.day, rate);
    pairs.set(key, days);
    for (const [a, b] of [[row.base, row.quote], [row.quote, row.base]] as const) {
      const set = partners.get(a) ?? new Set<string>();
      set.add(b);
      partners.set(a, set);
    }
  }
  return { pairs, partners };
}

/** The outcome of one conversion, with what a report lists under "rates used". */
export type FxConversion = {
  /** The converted amount, in the target currency's minor units. */
  amount: Money;
  /** The amount as given. */
  original: Money;
  /** The amount's own day, whose rate was sought. */
  day: string;
  method: 'same_currency' | 'direct' | 'inverse' | 'cross';
  /** The stored rates applied: none (same currency), one (direct or inverse) or two (cross). Their `day` may precede `day` (lookback). */
  ratesUsed: FxRate[];
  /** The effective rate applied, target units per 1 unit of the original currency, to 10 decimals; '1' for the same currency. */
  rate: string;
};

type Leg = { ratio: Ratio; rate: FxRate; inverse: boolean };

// The latest rate of the pair within [day - lookback, day], stored as is or inverted.
function findPair(table: FxRateTable, from: string, to: string, day: string, lookbackDays: number): Leg | null {
  const direct = table.pairs.get(`${from}/${to}`);
  const inverse = table.pairs.get(`${to}/${from}`);
  if (!direct && !inverse) return null;
  for (let back = 0; back <= lookbackDays; back += 1) {
    const candidate = addDays(day, -back);
    const stored = direct?.get(candidate);
    if (stored) return { ratio: ratioOf(stored.rate), rate: stored, inverse: false };
    const inverted = inverse?.get(candidate);
    if (inverted) return { ratio: invert(ratioOf(inverted.rate)), rate: inverted, inverse: true };
  }
  return null;
}

function findCross(table: FxRateTable, from: string, to: string, day: string, lookbackDays: number): [Leg, Leg] | null {
  const fromPartners = table.partners.get(from);
  const toPartners = table.partners.get(to);
  if (!fromPartners || !toPartners) return null;
  let best: { pivot: string; legs: [Leg, Leg]; oldest: string } | null = null;
  for (const pivot of [...fromPartners].sort()) {
    if (pivot === to || !toPartners.has(pivot)) continue;
    const first = findPair(table, from, pivot, day, lookbackDays);
    const second = first && findPair(table, pivot, to, day, lookbackDays);
    if (!first || !second) continue;
    const oldest = first.rate.day < second.rate.day ? first.rate.day : second.rate.day;
    const better = !best || oldest > best.oldest || (oldest === best.oldest && pivot === 'EUR');
    if (better) best = { pivot, legs: [first, second], oldest };
  }
  return best?.legs ?? null;
}

export function fxRateMissing(from: string, to: string, day: string, lookbackDays: number): DomainError {
  return new DomainError(
    DomainErrorCode.fx_rate_missing,
    `No exchange rate from ${from} to ${to} for ${day}: none on that day or in the ${lookbackDays} days before it, ` +
      `neither ${from}/${to}, ${to}/${from} nor through a common currency such as EUR. ` +
      `Add the ${from}/${to} rate for ${day} (or the EUR/${from} and EUR/${to} rates) with POST /v1/fx-rates/bulk, ` +
      'or import the ECB reference rates (eurofxref-hist.csv) with POST /v1/imports/fx-rates.',
    { from, to, day, lookbackDays },
  );
}

/**
 * Converts `amount`, dated `day` (YYYY-MM-DD, the UTC day of the amount), into `target` with the
 * table's rates (rules at the top of this file). Same currency: unchanged. No usable rate: a
 * DomainError `fx_rate_missing` naming the pair and the day and saying how to add the rate.
 */
export function convertMoney(table: FxRateTable, amount: Money, day: string, target: string, options: { lookbackDays?: number } = {}): FxConversion {
  assertMoney(amount);
  assertCurrency(target, 'target');
  if (!isIsoDay(day)) throw invalidInput(`The day to convert on must be a date written YYYY-MM-DD (got "${day}").`, { field: 'day', value: day });
  const lookbackDays = options.lookbackDays ?? FX_LOOKBACK_DAYS;
  if (!Number.isInteger(lookbackDays) || lookbackDays < 0) throw invalidInput(`lookbackDays must be a whole number of days, 0 or more (got ${lookbackDays}).`);
  const from = amount.currency;
  if (from === target) return { amount: { ...amount }, original: amount, day, method: 'same_currency', ratesUsed: [], rate: '1' };

  let ratio: Ratio;
  let method: FxConversion['method'];
  let ratesUsed: FxRate[];
  const pair = findPair(table, from, target, day, lookbackDays);
  if (pair) {
    ratio = pair.ratio;
    method = pair.inverse ? 'inverse' : 'direct';
    ratesUsed = [pair.rate];
  } else {
    const legs = findCross(table, from, target, day, lookbackDays);
    if (!legs) throw fxRateMissing(from, target, day, lookbackDays);
    ratio = times(legs[0].ratio, legs[1].ratio);
    method = 'cross';
    ratesUsed = [legs[0].rate, legs[1].rate];
  }
  // minor(target) = minor(from) / 10^d(from) * ratio * 10^d(target)
  const fromFactor = 10n ** BigInt(minorUnitDigits(from));
  const targetFactor = 10n ** BigInt(minorUnitDigits(target));
  const minor = roundHalfAwayFromZero(BigInt(amount.amountMinor) * ratio.num * targetFactor, ratio.den * fromFactor);
  if (minor > BigInt(Number.MAX_SAFE_INTEGER) || minor < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw invalidInput(`${amount.amountMinor} ${from} minor units converted to ${target} is too large to store.`);
  }
  const converted = Number(minor);
  return { amount: money(converted, target), original: amount, day, method, ratesUsed, rate: toDecimalText(ratio, 10) };
}

/** The distinct rates behind several conversions, for a report's "rates used": by day, base, quote. */
export function fxRatesUsed(conversions: readonly FxConversion[]): FxRate[] {
  const distinct = new Map<string, FxRate>();
  for (const conversion of conversions) for (const rate of conversion.ratesUsed) distinct.set(`${rate.day} ${rate.base} ${rate.quote}`, rate);
  return [...distinct.values()].sort((a, b) => a.day.localeCompare(b.day) || a.base.localeCompare(b.base) || a.quote.localeCompare(b.quote));
}
