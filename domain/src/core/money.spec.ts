import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.ts';
import { fromMajor, isKnownCurrency, minorUnitDigits, money, sumMoney, toMajor } from './money.ts';

function caught(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('money', () => {
  it('sums amounts of one currency', () => {
    expect(sumMoney([money(150, 'USD'), money(250, 'USD')])).toEqual({ amountMinor: 400, currency: 'USD' });
  });

  it('refuses mixed currencies and names them', () => {
    const error = caught(() => sumMoney([money(100, 'USD'), money(100, 'EUR')]));
    expect(error.code).toBe('currency_mismatch');
    expect(error.message).toContain('EUR, USD');
    expect(error.details).toEqual({ currencies: ['EUR', 'USD'] });
  });

  it('enforces the expected currency, and needs one for an empty sum', () => {
    expect(sumMoney([], 'JPY')).toEqual({ amountMinor: 0, currency: 'JPY' });
    expect(caught(() => sumMoney([money(1, 'USD')], 'EUR')).code).toBe('currency_mismatch');
    expect(caught(() => sumMoney([])).code).toBe('invalid_input');
  });

  it('rejects unknown or lowercase currencies and fractional minor units', () => {
    expect(caught(() => money(100, 'usd')).code).toBe('invalid_input');
    expect(caught(() => money(100, 'XYZ')).code).toBe('invalid_input');
    expect(caught(() => money(1.5, 'USD')).code).toBe('invalid_input');
  });

  it('knows ISO 4217 codes', () => {
    expect(isKnownCurrency('USD')).toBe(true);
    expect(isKnownCurrency('EUR')).toBe(true);
    expect(isKnownCurrency('XXX')).toBe(false);
    expect(isKnownCurrency('eur')).toBe(false);
  });

  it('converts minor to major units by the currency exponent', () => {
    expect(minorUnitDigits('USD')).toBe(2);
    expect(minorUnitDigits('JPY')).toBe(0);
    expect(minorUnitDigits('KWD')).toBe(3);
    expect(toMajor(money(1234, 'USD'))).toBe(12.34);
    expect(toMajor(money(500, 'JPY'))).toBe(500);
    expect(toMajor(money(1234, 'KWD'))).toBe(1.234);
    expect(toMajor(money(500, 'KRW'))).toBe(500);
  });

  it('converts major to minor units without binary noise', () => {
    expect(fromMajor(1.005, 'USD')).toEqual({ amountMinor: 101, currency: 'USD' });
    expect(fromMajor(12.34, 'USD').amountMinor).toBe(1234);
    expect(fromMajor(500, 'JPY').amountMinor).toBe(500);
  });
});
