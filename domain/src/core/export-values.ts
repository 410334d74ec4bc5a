// Reading the values of platform exports. Each platform writes numbers, percents, durations, money
// and dates its own way (and the same platform differently per locale and per year), so every
// reader accepts the forms seen in real exports and answers null for anything else: a value that
// cannot be read is a rejected cell, never a guess.

export type Read<T> = { value: T } | { problem: string };

const blank = (text: string) => text.trim() === '' || text.trim() === '-' || text.trim() === '--';

// "1,234", "1 234", "1234", "1234.0"; also "12.5K"/"1.2M" as TikTok shows on screen-scraped sheets.
export function readCount(text: string): Read<number> | null {
  if (blank(text)) return null;
  const cleaned = text.trim().replace(/[\s\u00a0\u202f]/g, '');
  const suffixed = /^(\d+(?:\.\d+)?)([kKmM])$/.exec(cleaned);
  if (suffixed) {
    const value = Number(suffixed[1]) * (suffixed[2]!.toLowerCase() === 'k' ? 1_000 : 1_000_000);
    return { value: Math.round(value) };
  }
  // Thousands separated by commas (en) or dots (de, fr exports of Meta): "1,234,567", "1.234.567".
  const grouped = /^\d{1,3}(?:([,.])\d{3})(?:\1\d{3})*$/.exec(cleaned);
  const plain = grouped ? cleaned.replace(/[,.]/g, '') : cleaned;
  if (!/^\d+(?:\.0+)?$/.test(plain)) {
    if (/^-\d/.test(cleaned)) return { problem: `"${text.trim()}" is negative; a count cannot be` };
    return { problem: `"${text.trim()}" is not a whole number` };
  }
  const value = Number(plain);
  if (!Number.isSafeInteger(value)) return { problem: `"${text.trim()}" is too large` };
  return { value };
}

// "12.5%", "12.5 %", "12,5 %" (European decimal comma), "0.125" stays 0.125 (a ratio, not a percent).
export function readPercent(text: string): Read<number> | null {
  if (blank(text)) return null;
  const cleaned = text.trim().replace(/\s/g, '');
  const match = /^(\d+(?:[.,]\d+)?)%?$/.exec(cleaned);
  if (!match) return { problem: `"${text.trim()}" is not a percentage` };
  const value = Number(match[1]!.replace(',', '.'));
  if (value > 100) return { problem: `"${text.trim()}" is over 100 %` };
  return { value };
}

export const durationUnits = ['hours', 'minutes', 'seconds'] as const;
export type DurationUnit = (typeof durationUnits)[number];

// A duration in whole seconds: a decimal number in the column's unit (YouTube's "Watch time
// (hours)" is "1,234.5678"), or "h:mm:ss" / "mm:ss" whatever the unit.
export function readDurationSeconds(text: string, unit: DurationUnit): Read<number> | null {
  if (blank(text)) return null;
  const cleaned = text.trim().replace(/[\s\u00a0]/g, '');
  const clock = /^(?:(\d+):)?(\d{1,2}):(\d{2})(?:\.\d+)?$/.exec(cleaned);
  if (clock) return { value: Number(clock[1] ?? 0) * 3600 + Number(clock[2]) * 60 + Number(clock[3]) };
  const number = /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(cleaned) ? cleaned.replace(/,/g, '') : cleaned;
  if (!/^\d+(\.\d+)?$/.test(number)) return { problem: `"${text.trim()}" is not a duration in ${unit}` };
  const factor = unit === 'hours' ? 3600 : unit === 'minutes' ? 60 : 1;
  return { value: Math.round(Number(number) * factor) };
}

// Money in minor units of `fractionDigits` decimals: "$1,234.56", "1234.56", "USD 1,234.56",
// "1.234,56 €". A lone separator followed by exactly 3 digits is read as a thousands separator
// only when it is a comma ("1,234" is 1234.00); "12.345" is 12.345 rounded.
export function readMoneyMinor(text: string, fractionDigits: number): Read<number> | null {
  if (blank(text)) return null;
  let cleaned = text.trim().replace(/[\s\u00a0\u202f]/g, '').replace(/^[A-Z]{3}|[A-Z]{3}$/g, '').replace(/^[^\d-]+|[^\d]+$/g, '');
  if (cleaned.startsWith('-')) return { problem: `"${text.trim()}" is negative; refunds are not conversions` };
  if (/^\d{1,3}(\.\d{3})+,\d+$/.test(cleaned)) cleaned = cleaned.replace(/\./g, '').replace(',', '.');
  else if (/^\d+,\d{1,2}$/.test(cleaned)) cleaned = cleaned.replace(',', '.');
  else cleaned = cleaned.replace(/,/g, '');
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return { problem: `"${text.trim()}" is not an amount of money` };
  const [whole, fraction = ''] = cleaned.split('.');
  const minor = Number(whole) * 10 ** fractionDigits + Math.round(Number(`0.${fraction || '0'}`) * 10 ** fractionDigits);
  if (!Number.isSafeInteger(minor)) return { problem: `"${text.trim()}" is too large` };
  return { value: minor };
}

const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function isoDay(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

// A calendar day: "2026-03-05", "20260305" (GA4), "Mar 5, 2026" / "5 Mar 2026" (YouTube Studio),
// "03/05/2026" (Meta and Shopify write month first in their US-English exports; that order is an
// assumption the user can avoid by exporting ISO dates), with an optional time after it.
export function readDay(text: string): Read<string> | null {
  if (blank(text)) return null;
  const trimmed = text.trim();
  let match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(trimmed);
  let day: string | null = null;
  if (match) day = isoDay(Number(match[1]), Number(match[2]), Number(match[3]));
  else if ((match = /^(\d{4})(\d{2})(\d{2})$/.exec(trimmed))) day = isoDay(Number(match[1]), Number(match[2]), Number(match[3]));
  else if ((match = /^([A-Za-z]{3})[a-z]*\.? (\d{1,2}),? (\d{4})(?:,? .*)?$/.exec(trimmed))) {
    const month = months.indexOf(match[1]!.toLowerCase()) + 1;
    day = month > 0 ? isoDay(Number(match[3]), month, Number(match[2])) : null;
  } else if ((match = /^(\d{1,2}) ([A-Za-z]{3})[a-z]*\.?,? (\d{4})(?:,? .*)?$/.exec(trimmed))) {
    const month = months.indexOf(match[2]!.toLowerCase()) + 1;
    day = month > 0 ? isoDay(Number(match[3]), month, Number(match[1])) : null;
  } else if ((match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: .*)?$/.exec(trimmed))) day = isoDay(Number(match[3]), Number(match[1]), Number(match[2]));
  return day ? { value: day } : { problem: `"${trimmed}" is not a date (use e.g. 2026-03-05)` };
}

// A moment: ISO-8601 (a zone-less time is UTC, what the platforms store), epoch seconds or
// milliseconds, or any day readDay accepts with an optional "h:mm" / "h:mm:ss" (AM/PM allowed).
export function readMoment(text: string): Read<string> | null {
  if (blank(text)) return null;
  const trimmed = text.trim();
  if (/^\d{10}(\d{3})?$/.test(trimmed)) return { value: new Date(Number(trimmed) * (trimmed.length === 10 ? 1000 : 1)).toISOString() };
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(trimmed)) {
    const zoned = /([zZ]|[+-]\d{2}:?\d{2})$/.test(trimmed) ? trimmed.replace(' ', 'T') : `${trimmed.replace(' ', 'T')}Z`;
    const time = Date.parse(zoned);
    return Number.isNaN(time) ? { problem: `"${trimmed}" is not a date and time` } : { value: new Date(time).toISOString() };
  }
  const clock = /^(.*?)[ ,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?$/.exec(trimmed);
  const day = readDay(clock ? clock[1]! : trimmed);
  if (!day || 'problem' in day) return { problem: `"${trimmed}" is not a date and time` };
  if (!clock) return { value: `${day.value}T00:00:00.000Z` };
  let hours = Number(clock[2]);
  const meridiem = clock[5]?.toLowerCase();
  if (meridiem === 'pm' && hours < 12) hours += 12;
  if (meridiem === 'am' && hours === 12) hours = 0;
  if (hours > 23 || Number(clock[3]) > 59) return { problem: `"${trimmed}" is not a date and time` };
  const pad = (n: number) => String(n).padStart(2, '0');
  return { value: `${day.value}T${pad(hours)}:${clock[3]}:${pad(Number(clock[4] ?? 0))}.000Z` };
}

/** The 1-based line of a CSV export's header: GA4 writes "# …" comment lines (and blank lines) above its table. */
export function headerLineOf(text: string): number {
  const lines = text.slice(0, 64 * 1024).split('\n');
  const index = lines.findIndex((line) => {
    const content = line.replace(/^\uFEFF/, '').trim();
    return content !== '' && !content.startsWith('#');
  });
  return index < 0 ? lines.length + 1 : index + 1;
}
