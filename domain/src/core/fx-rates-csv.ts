import { isKnownCurrency } from './currencies.ts';
import { fxRateProblem, isIsoDay, normalizeFxRate, type FxRate } from './fx.ts';

// Reads exchange rates from CSV, in one of two layouts:
//
// ECB reference rates, as the ECB publishes them (www.ecb.europa.eu/stats/eurofxref/):
//   eurofxref-hist.csv  "Date,USD,JPY,BGN,CYP,...,ZAR," then one row per business day, newest
//                       first: "2024-05-17,1.0866,169.03,1.9558,N/A,...,20.0969," (a trailing empty
//                       column; N/A where a currency had no rate that day, e.g. before it joined or
//                       after it left, like CYP or HRK).
//   eurofxref.csv       the latest day only: "Date, USD, JPY, ..., ZAR, " then
//                       "17 May 2024, 1.0866, 169.03, ..., 20.0969, " (spaces after the commas, the
//                       date written "17 May 2024").
//   Every value is units of the currency per 1 EUR, so each cell becomes the rate EUR/<column>.
//   Columns of codes that are no current ISO 4217 currency (CYP, EEK, ROL, ...) are skipped whole,
//   reported once; a cell that is empty or N/A is no rate (counted as missing, not an error).
// Plain: a header naming day, base, quote and rate (any order), one rate a row.

export type FxCsvRejection = { line: number; column: string; reason: string };

export type FxCsvResult = {
  format: 'ecb' | 'plain';
  /** Data rows read (days for the ECB layout). */
  rows: number;
  /** The rates to store, each (day, base, quote) once. */
  rates: FxRate[];
  /** Empty or N/A cells: no rate published. */
  missing: number;
  /** Rows, columns and cells not read, with the reason, in file order. */
  rejected: FxCsvRejection[];
};

/** The file's layout is none of those above: the reason, for a 400. */
export class FxCsvLayoutError extends Error {}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** A date as the ECB files write it (2024-05-17, or 17 May 2024 in eurofxref.csv) as YYYY-MM-DD, or null. */
export function ecbDay(text: string): string | null {
  if (isIsoDay(text)) return text;
  const match = /^(\d{1,2}) ([A-Za-z]+) (\d{4})$/.exec(text);
  if (!match) return null;
  const month = MONTHS.findIndex((name) => name === match[2]!.toLowerCase() || name.slice(0, 3) === match[2]!.toLowerCase());
  if (month < 0) return null;
  const day = `${match[3]}-${String(month + 1).padStart(2, '0')}-${match[1]!.padStart(2, '0')}`;
  return isIsoDay(day) ? day : null;
}

const cellsOf = (line: string) => line.split(',').map((cell) => cell.trim().replace(/^"(.*)"$/, '$1').trim());
const isMissing = (cell: string) => cell === '' || cell.toUpperCase() === 'N/A';

export function parseFxRatesCsv(text: string): FxCsvResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerIndex = lines.findIndex((line) => line.trim() !== '');
  if (headerIndex < 0) throw new FxCsvLayoutError('The file is empty.');
  const header = cellsOf(lines[headerIndex]!);
  const names = header.map((cell) => cell.toLowerCase());
  const body = lines.slice(headerIndex + 1).map((line, index) => ({ line: headerIndex + index + 2, cells: cellsOf(line) })).filter(({ cells }) => cells.some((cell) => cell !== ''));
  if (names[0] === 'date') return parseEcb(header, body);
  if (['day', 'base', 'quote', 'rate'].every((name) => names.includes(name))) return parsePlain(names, body);
  throw new FxCsvLayoutError(
    `The header "${lines[headerIndex]!.trim().slice(0, 120)}" is neither the ECB layout ("Date,USD,JPY,..." as in eurofxref-hist.csv or eurofxref.csv) nor the plain one ("day,base,quote,rate").`,
  );
}

type Row = { line: number; cells: string[] };

function parseEcb(header: string[], body: Row[]): FxCsvResult {
  const rejected: FxCsvRejection[] = [];
  const columns: Array<{ index: number; code: string }> = [];
  const seenCodes = new Set<string>();
  header.forEach((code, index) => {
    if (index === 0 || code === '') return;
    if (!/^[A-Z]{3}$/.test(code) || !isKnownCurrency(code)) rejected.push({ line: 1, column: code, reason: 'is not a current ISO 4217 currency code: its column is skipped' });
    else if (code === 'EUR') rejected.push({ line: 1, column: code, reason: 'ECB rates are per 1 EUR: a EUR column is skipped' });
    else if (seenCodes.has(code)) rejected.push({ line: 1, column: code, reason: 'repeats an earlier column: skipped' });
    else {
      seenCodes.add(code);
      columns.push({ index, code });
    }
  });
  const rates: FxRate[] = [];
  const dayLines = new Map<string, number>();
  let missing = 0;
  for (const { line, cells } of body) {
    const day = ecbDay(cells[0] ?? '');
    if (day === null) {
      rejected.push({ line, column: 'Date', reason: `"${cells[0] ?? ''}" is not a date (YYYY-MM-DD, or e.g. 17 May 2024): the row is skipped` });
      continue;
    }
    const earlier = dayLines.get(day);
    if (earlier !== undefined) {
      rejected.push({ line, column: 'Date', reason: `repeats ${day} of line ${earlier}: the row is skipped` });
      continue;
    }
    dayLines.set(day, line);
    for (const { index, code } of columns) {
      const cell = cells[index] ?? '';
      if (isMissing(cell)) {
        missing += 1;
        continue;
      }
      const problem = fxRateProblem(cell);
      if (problem) rejected.push({ line, column: code, reason: `"${cell}" ${problem}` });
      else rates.push({ day, base: 'EUR', quote: code, rate: normalizeFxRate(cell) });
    }
  }
  // The history file comes newest first; store oldest first.
  rates.sort((a, b) => a.day.localeCompare(b.day) || a.quote.localeCompare(b.quote));
  return { format: 'ecb', rows: body.length, rates, missing, rejected };
}

function parsePlain(names: string[], body: Row[]): FxCsvResult {
  const at = (name: string) => names.indexOf(name);
  const [dayAt, baseAt, quoteAt, rateAt] = [at('day'), at('base'), at('quote'), at('rate')];
  const rejected: FxCsvRejection[] = [];
  const rates: FxRate[] = [];
  const keys = new Map<string, number>();
  let missing = 0;
  for (const { line, cells } of body) {
    const [dayText, base, quote, rate] = [cells[dayAt] ?? '', (cells[baseAt] ?? '').toUpperCase(), (cells[quoteAt] ?? '').toUpperCase(), cells[rateAt] ?? ''];
    const day = ecbDay(dayText);
    const reject = (column: string, reason: string) => rejected.push({ line, column, reason });
    if (day === null) reject('day', `"${dayText}" is not a date written YYYY-MM-DD`);
    else if (!isKnownCurrency(base)) reject('base', `"${base}" is not an ISO 4217 currency code`);
    else if (!isKnownCurrency(quote)) reject('quote', `"${quote}" is not an ISO 4217 currency code`);
    else if (base === quote) reject('quote', 'is the base currency: a rate converts between two currencies');
    else if (isMissing(rate)) missing += 1;
    else if (fxRateProblem(rate)) reject('rate', `"${rate}" ${fxRateProblem(rate)}`);
    else {
      const key = `${day} ${base} ${quote}`;
      const earlier = keys.get(key);
      if (earlier !== undefined) reject('day', `repeats the ${base}/${quote} rate of ${day} on line ${earlier}: skipped`);
      else {
        keys.set(key, line);
        rates.push({ day, base, quote, rate: normalizeFxRate(rate) });
      }
    }
  }
  return { format: 'plain', rows: body.length, rates, missing, rejected };
}
