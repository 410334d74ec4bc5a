import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.ts';
import { convertMoney, fxRateProblem, fxRatesUsed, fxRateTable, normalizeFxRate, type FxRate } from './fx.ts';
import { money } from './money.ts';

function caught(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

// ECB reference rates of Friday 2024-05-17 (per 1 EUR).
const friday: FxRate[] = [
  { day: '2024-05-17', base: 'EUR', quote: 'USD', rate: '1.0866' },
  { day: '2024-05-17', base: 'EUR', quote: 'GBP', rate: '0.85615' },
  { day: '2024-05-17', base: 'EUR', quote: 'JPY', rate: '169.03' },
];
const table = fxRateTable(friday);

describe('convertMoney', () => {
  it('leaves an amount in the target currency unchanged, using no rate', () => {
    const result = convertMoney(table, money(1234, 'USD'), '2024-05-17', 'USD');
    expect(result).toMatchObject({ amount: { amountMinor: 1234, currency: 'USD' }, method: 'same_currency', ratesUsed: [], rate: '1' });
  });

  it('converts with the stored rate: 100.00 EUR at EUR/USD 1.0866 = 108.66 USD', () => {
    const result = convertMoney(table, money(10_000, 'EUR'), '2024-05-17', 'USD');
    expect(result.amount).toEqual({ amountMinor: 10_866, currency: 'USD' });
    expect(result.method).toBe('direct');
    expect(result.ratesUsed).toEqual([friday[0]]);
    expect(result.rate).toBe('1.0866');
  });

  it('inverts a rate: 50.00 USD / 1.0866 = 46.01509… EUR, rounded to 46.02', () => {
    const result = convertMoney(table, money(5_000, 'USD'), '2024-05-17', 'EUR');
    expect(result.amount).toEqual({ amountMinor: 4_602, currency: 'EUR' });
    expect(result.method).toBe('inverse');
    expect(result.ratesUsed).toEqual([friday[0]]);
    expect(result.rate).toBe('0.920301859'); // 0.92030185901...: 10 decimals, trailing zero dropped
  });

  it('crosses through EUR: 100.00 USD = 100 / 1.0866 × 0.85615 = 78.79164… GBP, rounded to 78.79', () => {
    const result = convertMoney(table, money(10_000, 'USD'), '2024-05-17', 'GBP');
    expect(result.amount).toEqual({ amountMinor: 7_879, currency: 'GBP' });
    expect(result.method).toBe('cross');
    expect(result.ratesUsed).toEqual([friday[0], friday[1]]);
    expect(result.rate).toBe('0.7879164366');
  });

  it('rounds to the target minor unit: JPY has none, KWD three', () => {
    // 10.00 EUR × 169.03 = 1690.3 JPY -> 1690; 1000 JPY / 169.03 = 5.916109… EUR -> 5.92
    expect(convertMoney(table, money(1_000, 'EUR'), '2024-05-17', 'JPY').amount).toEqual({ amountMinor: 1_690, currency: 'JPY' });
    expect(convertMoney(table, money(1_000, 'JPY'), '2024-05-17', 'EUR').amount).toEqual({ amountMinor: 592, currency: 'EUR' });
    // 19.99 USD / 1.0866 × 169.03 = 3109.6168… JPY -> 3110 (cross, zero decimals)
    expect(convertMoney(table, money(1_999, 'USD'), '2024-05-17', 'JPY').amount).toEqual({ amountMinor: 3_110, currency: 'JPY' });
    // 1.000 KWD at EUR/KWD 0.3333 inverted: 3.0003… EUR -> 3.00
    const kwd = fxRateTable([{ day: '2024-05-17', base: 'EUR', quote: 'KWD', rate: '0.3333' }]);
    expect(convertMoney(kwd, money(1_000, 'KWD'), '2024-05-17', 'EUR').amount).toEqual({ amountMinor: 300, currency: 'EUR' });
    expect(convertMoney(kwd, money(100, 'EUR'), '2024-05-17', 'KWD').amount).toEqual({ amountMinor: 333, currency: 'KWD' });
  });

  it('rounds halves away from zero, refunds included', () => {
    const half = fxRateTable([{ day: '2024-05-17', base: 'EUR', quote: 'JPY', rate: '169.5' }]);
    expect(convertMoney(half, money(100, 'EUR'), '2024-05-17', 'JPY').amount.amountMinor).toBe(170);
    expect(convertMoney(half, money(-100, 'EUR'), '2024-05-17', 'JPY').amount.amountMinor).toBe(-170);
    expect(convertMoney(half, money(0, 'EUR'), '2024-05-17', 'JPY').amount.amountMinor).toBe(0);
  });

  it("uses the latest rate of the 7 days before a day without one (weekend): Sunday takes Friday's", () => {
    const sunday = convertMoney(table, money(10_000, 'EUR'), '2024-05-19', 'USD');
    expect(sunday.amount.amountMinor).toBe(10_866);
    expect(sunday.day).toBe('2024-05-19');
    expect(sunday.ratesUsed).toEqual([friday[0]]);
    // The next Friday is still within 7 days; the Saturday after is not.
    expect(convertMoney(table, money(100, 'EUR'), '2024-05-24', 'USD').ratesUsed[0]!.day).toBe('2024-05-17');
    expect(caught(() => convertMoney(table, money(100, 'EUR'), '2024-05-25', 'USD')).code).toBe('fx_rate_missing');
    // Never a later rate: the day before the first rate has none.
    expect(caught(() => convertMoney(table, money(100, 'EUR'), '2024-05-16', 'USD')).code).toBe('fx_rate_missing');
    // The lookback can be narrowed.
    expect(caught(() => convertMoney(table, money(100, 'EUR'), '2024-05-19', 'USD', { lookbackDays: 1 })).code).toBe('fx_rate_missing');
  });

  it('takes the most recent day first, and on one day the stored direction over the inverted one', () => {
    const rates = fxRateTable([
      { day: '2024-05-16', base: 'EUR', quote: 'USD', rate: '1.08' },
      { day: '2024-05-17', base: 'USD', quote: 'EUR', rate: '0.9' },
      { day: '2024-05-17', base: 'EUR', quote: 'USD', rate: '1.1' },
    ]);
    expect(convertMoney(rates, money(1_000, 'EUR'), '2024-05-18', 'USD')).toMatchObject({ method: 'direct', amount: { amountMinor: 1_100 } });
    expect(convertMoney(rates, money(900, 'USD'), '2024-05-17', 'EUR')).toMatchObject({ method: 'direct', amount: { amountMinor: 810 } });
  });

  it('prefers a pair found within the lookback over a cross rate', () => {
    const rates = fxRateTable([...friday, { day: '2024-05-15', base: 'USD', quote: 'GBP', rate: '0.8' }]);
    expect(convertMoney(rates, money(10_000, 'USD'), '2024-05-17', 'GBP')).toMatchObject({ method: 'direct', amount: { amountMinor: 8_000 } });
  });

  it('refuses a missing rate with a message naming the currencies and the day, and how to add the rate', () => {
    const error = caught(() => convertMoney(table, money(10_000, 'USD'), '2024-06-03', 'CHF'));
    expect(error.code).toBe('fx_rate_missing');
    expect(error.message).toBe(
      'No exchange rate from USD to CHF for 2024-06-03: none on that day or in the 7 days before it, neither USD/CHF, CHF/USD nor through a common currency such as EUR. ' +
        'Add the USD/CHF rate for 2024-06-03 (or the EUR/USD and EUR/CHF rates) with POST /v1/fx-rates/bulk, or import the ECB reference rates (eurofxref-hist.csv) with POST /v1/imports/fx-rates.',
    );
    expect(error.details).toEqual({ from: 'USD', to: 'CHF', day: '2024-06-03', lookbackDays: 7 });
    expect(caught(() => convertMoney(fxRateTable([]), money(1, 'USD'), '2024-06-03', 'EUR')).code).toBe('fx_rate_missing');
  });

  it('refuses a day that is not YYYY-MM-DD, an unknown target, and contradictory rates', () => {
    expect(caught(() => convertMoney(table, money(1, 'EUR'), '2024-02-30', 'USD')).code).toBe('invalid_input');
    expect(caught(() => convertMoney(table, money(1, 'EUR'), '2024-05-17T10:00:00Z', 'USD')).code).toBe('invalid_input');
    expect(caught(() => convertMoney(table, money(1, 'EUR'), '2024-05-17', 'usd')).code).toBe('invalid_input');
    expect(caught(() => fxRateTable([friday[0]!, { ...friday[0]!, rate: '1.09' }])).message).toContain('Two different EUR/USD rates for 2024-05-17');
  });

  it('lists the distinct rates used by several conversions, by day', () => {
    const conversions = [
      convertMoney(table, money(100, 'USD'), '2024-05-18', 'GBP'),
      convertMoney(table, money(100, 'EUR'), '2024-05-17', 'USD'),
      convertMoney(table, money(100, 'GBP'), '2024-05-17', 'GBP'),
    ];
    expect(fxRatesUsed(conversions)).toEqual([friday[1], friday[0]]);
  });
});

describe('rate text', () => {
  it('accepts positive decimals that fit numeric(28, 14)', () => {
    expect(fxRateProblem('1.0866')).toBeNull();
    expect(fxRateProblem('0.00002222222222')).toBeNull();
    expect(fxRateProblem('12345678901234.5')).toBeNull();
    expect(fxRateProblem('1.50000000000000000')).toBeNull();
    expect(fxRateProblem('0')).toBe('must be greater than 0');
    expect(fxRateProblem('-1.2')).toContain('positive decimal');
    expect(fxRateProblem('1,08')).toContain('positive decimal');
    expect(fxRateProblem('1e3')).toContain('positive decimal');
    expect(fxRateProblem('0.000022222222222')).toContain('at most 14 digits after');
    expect(fxRateProblem('123456789012345')).toContain('at most 14 digits before');
  });

  it('normalises to the shortest text', () => {
    expect(normalizeFxRate('001.086600')).toBe('1.0866');
    expect(normalizeFxRate('12.000')).toBe('12');
    expect(normalizeFxRate('0.5')).toBe('0.5');
  });
});
