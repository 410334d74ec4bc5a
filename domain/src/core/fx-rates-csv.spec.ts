import { describe, expect, it } from 'vitest';
import { ecbDay, FxCsvLayoutError, parseFxRatesCsv } from './fx-rates-csv.ts';

describe('parseFxRatesCsv', () => {
  it('reads eurofxref-hist.csv: newest first, a trailing empty column, N/A and withdrawn currencies', () => {
    const csv = [
      'Date,USD,JPY,CYP,GBP,',
      '2024-05-17,1.0866,169.03,N/A,0.85615,',
      '2024-05-16,1.0855,168.5,N/A,0.8573,',
      '2008-01-02,1.4717,164.74,0.585274,N/A,',
      '',
    ].join('\n');
    const result = parseFxRatesCsv(csv);
    expect(result.format).toBe('ecb');
    expect(result.rows).toBe(3);
    expect(result.rates).toEqual([
      { day: '2008-01-02', base: 'EUR', quote: 'JPY', rate: '164.74' },
      { day: '2008-01-02', base: 'EUR', quote: 'USD', rate: '1.4717' },
      { day: '2024-05-16', base: 'EUR', quote: 'GBP', rate: '0.8573' },
      { day: '2024-05-16', base: 'EUR', quote: 'JPY', rate: '168.5' },
      { day: '2024-05-16', base: 'EUR', quote: 'USD', rate: '1.0855' },
      { day: '2024-05-17', base: 'EUR', quote: 'GBP', rate: '0.85615' },
      { day: '2024-05-17', base: 'EUR', quote: 'JPY', rate: '169.03' },
      { day: '2024-05-17', base: 'EUR', quote: 'USD', rate: '1.0866' },
    ]);
    expect(result.missing).toBe(1);
    expect(result.rejected).toEqual([{ line: 1, column: 'CYP', reason: 'is not a current ISO 4217 currency code: its column is skipped' }]);
  });

  it('reads eurofxref.csv: spaces after the commas, the date written "17 May 2024", CRLF', () => {
    const result = parseFxRatesCsv('Date, USD, JPY, BGN, \r\n17 May 2024, 1.0866, 169.03, 1.9558, \r\n');
    expect(result.rates).toEqual([
      { day: '2024-05-17', base: 'EUR', quote: 'BGN', rate: '1.9558' },
      { day: '2024-05-17', base: 'EUR', quote: 'JPY', rate: '169.03' },
      { day: '2024-05-17', base: 'EUR', quote: 'USD', rate: '1.0866' },
    ]);
    expect(result.rejected).toEqual([]);
  });

  it('rejects bad cells and rows with the line, the column and why, and keeps the rest', () => {
    const result = parseFxRatesCsv('Date,USD,JPY\n2024-05-17,1.0866,-3\n2024-13-01,1.1,160\n2024-05-17,1.2,170\n2024-05-16,abc,0\n');
    expect(result.rates).toEqual([{ day: '2024-05-17', base: 'EUR', quote: 'USD', rate: '1.0866' }]);
    expect(result.rejected).toEqual([
      { line: 2, column: 'JPY', reason: expect.stringContaining('"-3" must be a positive decimal') },
      { line: 3, column: 'Date', reason: expect.stringContaining('"2024-13-01" is not a date') },
      { line: 4, column: 'Date', reason: 'repeats 2024-05-17 of line 2: the row is skipped' },
      { line: 5, column: 'USD', reason: expect.stringContaining('"abc" must be a positive decimal') },
      { line: 5, column: 'JPY', reason: '"0" must be greater than 0' },
    ]);
  });

  it('reads the plain layout day,base,quote,rate in any column order', () => {
    const result = parseFxRatesCsv('base,quote,day,rate\nUSD,GBP,2024-05-17,0.7879\nusd,jpy,2024-05-17,155.5\nUSD,USD,2024-05-17,1\nUSD,GBP,2024-05-17,0.8\nUSD,XYZ,2024-05-17,1\n');
    expect(result.format).toBe('plain');
    expect(result.rates).toEqual([
      { day: '2024-05-17', base: 'USD', quote: 'GBP', rate: '0.7879' },
      { day: '2024-05-17', base: 'USD', quote: 'JPY', rate: '155.5' },
    ]);
    expect(result.rejected.map((r) => [r.line, r.column])).toEqual([[4, 'quote'], [5, 'day'], [6, 'quote']]);
  });

  it('refuses a file in neither layout, naming both', () => {
    expect(() => parseFxRatesCsv('Currency,Rate\nUSD,1.08\n')).toThrow(FxCsvLayoutError);
    expect(() => parseFxRatesCsv('Currency,Rate\nUSD,1.08\n')).toThrow(/ECB layout .* plain one/);
    expect(() => parseFxRatesCsv('\n\n')).toThrow('The file is empty.');
  });

  it('reads the dates the ECB writes', () => {
    expect(ecbDay('2024-05-17')).toBe('2024-05-17');
    expect(ecbDay('03 June 2021')).toBe('2021-06-03');
    expect(ecbDay('3 Jun 2021')).toBe('2021-06-03');
    expect(ecbDay('31 February 2021')).toBeNull();
    expect(ecbDay('17/05/2024')).toBeNull();
  });
});
