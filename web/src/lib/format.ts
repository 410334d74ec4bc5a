// Display formatting for people: one place for numbers, money, percentages and counted nouns.
// Pure and locale-fixed, so the server render and the browser agree. Every formatter returns the
// EMPTY mark for null or non-finite input: never "NaN". Negative numbers carry a real minus sign (−).
import { isoWeekMonday, minorUnitDigits, plural as countedNoun, type PeriodChange } from '@persona-ops/domain/core';

export const EMPTY = '—';
const LOCALE = 'en-US';
const MINUS = '\u2212';

const finite = (value: number | null | undefined): value is number => typeof value === 'number' && Number.isFinite(value);
const withMinus = (text: string) => text.replace(/^-/, MINUS);

export function formatNumber(value: number | null | undefined, maxFractionDigits = 1): string {
  if (!finite(value)) return EMPTY;
  // −0.04 rounds to "-0": a rounded zero has no sign.
  const rounded = Number(value.toFixed(maxFractionDigits));
  return withMinus(new Intl.NumberFormat(LOCALE, { maximumFractionDigits: maxFractionDigits }).format(rounded === 0 ? 0 : value));
}

/** A count with its noun: "1 post", "3 posts", "1,200 posts"; the core decides the noun. A count not recorded is never 0: "an unknown number of clicks". */
export function plural(n: number | null | undefined, one: string, many = `${one}s`): string {
  if (n === null || n === undefined) return `an unknown number of ${many}`;
  const noun = countedNoun(n, one, many).slice(`${n} `.length);
  return `${formatNumber(n, 0)} ${noun}`;
}

/**
 * An amount in major units with its currency code: "USD 892.75", "JPY 1,500", "KWD 1.234". A
 * per-unit cost under ten minor units (a CPV of USD 0.017) keeps one more digit, as the core's
 * insights do, since rounding it to the minor unit would move it across a tier boundary.
 */
export function formatMajorMoney(major: number | null | undefined, currency: string | null | undefined, options: { compact?: boolean } = {}): string {
  if (!finite(major)) return EMPTY;
  if (!currency) return formatNumber(major, 2);
  let digits = 2;
  try {
    digits = minorUnitDigits(currency);
  } catch {
    // An unknown code still shows, with two decimals.
  }
  const oneMore = !options.compact && Math.abs(major) < 10 ** (1 - digits) && Number(major.toFixed(digits + 1)) !== Number(major.toFixed(digits));
  const fractionDigits = options.compact ? 0 : oneMore ? digits + 1 : digits;
  const amount = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(Math.abs(major));
  return `${major < 0 && Number(amount.replaceAll(',', '')) !== 0 ? MINUS : ''}${currency}\u00a0${amount}`;
}

/** Money from integer minor units, e.g. {amountMinor: 89275, currency: 'USD'} → "USD 892.75". */
export function formatMoney(money: { amountMinor: number; currency: string } | null | undefined, options: { compact?: boolean } = {}): string {
  if (!money || !finite(money.amountMinor)) return EMPTY;
  let digits = 2;
  try {
    digits = minorUnitDigits(money.currency);
  } catch {
    // As above: an unknown code reads with two decimals.
  }
  return formatMajorMoney(money.amountMinor / 10 ** digits, money.currency, options);
}

/** A percentage given on the 0–100 scale, as the API reports rates, always to one decimal: "−67.5 %". */
export function formatPercent(value: number | null | undefined, options: { signed?: boolean } = {}): string {
  if (!finite(value)) return EMPTY;
  const text = formatNumber(value, 1);
  return `${options.signed && Number(value.toFixed(1)) > 0 ? '+' : ''}${text} %`;
}

/** Growth above this reads as "more than": from a small base a percentage says little. */
export const GROWTH_CAP_PERCENT = 1000;

/**
 * Growth in percent, capped: "+12.5 %", "more than +1,000 %". `capped` says the figure was capped,
 * so the page explains that it grew from a small base instead of printing 6,333.3 %.
 */
export function formatGrowth(value: number | null | undefined): { text: string; capped: boolean } {
  if (!finite(value)) return { text: EMPTY, capped: false };
  if (value > GROWTH_CAP_PERCENT) return { text: `more than +${formatNumber(GROWTH_CAP_PERCENT, 0)} %`, capped: true };
  return { text: formatPercent(value, { signed: true }), capped: false };
}

/** Hours as the KPI unit: "51 h", "69.4 h"; under an hour in minutes. */
export function formatHours(hours: number | null | undefined): string {
  if (!finite(hours)) return EMPTY;
  if (hours !== 0 && Math.abs(hours) < 1) return `${Math.round(hours * 60)} min`;
  return `${formatNumber(hours, 1)} h`;
}

/** An age for people: "12 min", "5 h", "5 d 16 h". */
export function formatAge(hours: number | null | undefined): string {
  if (!finite(hours)) return EMPTY;
  if (hours < 1) return `${Math.max(0, Math.floor(hours * 60))} min`;
  if (hours < 48) return `${Math.floor(hours)} h`;
  const days = Math.floor(hours / 24);
  const rest = Math.floor(hours - days * 24);
  return rest ? `${days} d ${rest} h` : `${days} d`;
}

export function hoursBetween(fromIso: string, to: Date): number | null {
  const from = Date.parse(fromIso);
  if (Number.isNaN(from)) return null;
  return (to.getTime() - from) / 3_600_000;
}

/** A timestamp in UTC, e.g. "Nov 16, 2026, 03:51 UTC". */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return EMPTY;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return EMPTY;
  const text = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23', timeZone: 'UTC' }).format(date);
  return `${text} UTC`;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return EMPTY;
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return EMPTY;
  return new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** "2026-W39" → "Sep 21" (the week's Monday), for axis labels; the raw week when unparseable. */
export function weekLabel(week: string): string {
  try {
    const monday = isoWeekMonday(week);
    return new Intl.DateTimeFormat(LOCALE, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(monday);
  } catch {
    return week;
  }
}

/** snake_case domain words for people: "changes_requested" → "Changes requested". */
export function humanize(word: string): string {
  const text = word.replaceAll('_', ' ').replace(/\bai\b/g, 'AI');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A UTC day for axis labels: "2026-11-13" → "Nov 13"; the raw text when unparseable. */
export function dayLabel(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(LOCALE, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(date);
}

/** A share as a percentage of a count: 30 of 120 → 25 (percent); null when the whole is 0. */
export function shareOf(part: number, whole: number): number | null {
  return whole > 0 && Number.isFinite(part) ? (part / whole) * 100 : null;
}

/**
 * The period a report covers, for its header: "Nov 5 – Dec 3, 2026", "From Nov 5, 2026",
 * "Up to Dec 3, 2026", or "All time" when neither end is set. Days are UTC, the end inclusive.
 */
export function formatPeriod(from: string | null | undefined, to: string | null | undefined): string {
  const start = from ? formatDate(from) : EMPTY;
  const end = to ? formatDate(to) : EMPTY;
  if (start !== EMPTY && end !== EMPTY) {
    const sameYear = from!.slice(0, 4) === to!.slice(0, 4);
    const startText = sameYear ? new Intl.DateTimeFormat(LOCALE, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${from!.slice(0, 10)}T00:00:00Z`)) : start;
    return `${startText} – ${end}`;
  }
  if (start !== EMPTY) return `From ${start}`;
  if (end !== EMPTY) return `Up to ${end}`;
  return 'All time';
}

/** A previous period as the API gives it ([from, to), `to` exclusive), in the words of formatPeriod: "Oct 2 – Oct 31, 2026". */
export function formatPreviousPeriod(from: string | null | undefined, to: string | null | undefined): string {
  const toMs = to ? Date.parse(to) : Number.NaN;
  // The API's end is exclusive; a person reads the last day inside the period.
  const lastDay = Number.isNaN(toMs) ? null : new Date(toMs - 1).toISOString().slice(0, 10);
  return formatPeriod(from?.slice(0, 10), lastDay);
}

/** One headline KPI against the previous period, as the API computes it (the core's periodChange). */
export type KpiChange = Pick<PeriodChange, 'measure' | 'change' | 'direction' | 'reason'>;
export type ChangeText = { arrow: '▲' | '▼' | '▶' | null; text: string; direction: KpiChange['direction'] };

const ARROWS = { up: '▲', down: '▼', flat: '▶' } as const;

/**
 * A KPI's change for its card: "▲" with "up 2.1 pp vs Oct 2 – Oct 31, 2026" (rates in percentage
 * points), "▼" with "down 25 % vs …" (counts and money, relative), or, without a number, why:
 * "previous value unknown", "up from 0". Missing is never shown as a zero change. Without a previous
 * period (all time) the card says nothing: the page says it once (PreviousPeriodNote).
 */
export function formatChange(change: KpiChange | null | undefined, previous: { from: string | null; to: string | null } | null | undefined): ChangeText | null {
  if (!change || !previous) return null;
  const vs = previous.from ? ` vs ${formatPreviousPeriod(previous.from, previous.to)}` : '';
  const arrow = change.direction ? ARROWS[change.direction] : null;
  const said = (text: string): ChangeText => ({ arrow, text, direction: change.direction });
  switch (change.reason) {
    case 'no_previous_period':
      return null;
    case 'previous_unknown':
      return said(`previous value unknown${vs}`);
    case 'current_unknown':
      return said('no change to show: not enough data in this period');
    case 'previous_zero':
      return said(`${change.direction === 'flat' ? 'still 0' : `${change.direction ?? ''} from 0`}${vs} (no percentage from 0)`.trim());
    case 'previous_negative':
      return said(`${change.direction ?? ''} from a negative value${vs} (no percentage)`.trim());
    case 'currency_differs':
      return said(`previous period in another currency${vs}`);
    case null:
      break;
  }
  if (!finite(change.change) || !change.direction) return said(`previous value unknown${vs}`);
  if (change.direction === 'flat') return said(`no change${vs}`);
  const unit = change.measure === 'points' ? 'pp' : '%';
  const size = Math.abs(change.change);
  const amount = Number(size.toFixed(1)) === 0 ? `less than 0.1 ${unit}` : `${formatNumber(size, 1)} ${unit}`;
  return said(`${change.direction} ${amount}${vs}`);
}

/** The card text of each KPI of a report's previousPeriod (formatChange), by the KPI's name. */
export function changesOf<K extends string>(previous: { from: string | null; to: string | null; changes: Record<K, KpiChange> } | null | undefined) {
  return (kpi: K) => formatChange(previous?.changes[kpi], previous);
}
