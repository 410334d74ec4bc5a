// Display formatting for KPIs. Pure and locale-fixed, so the server render and the browser agree.
// Every formatter returns the EMPTY mark for null or non-finite input: never "NaN".
import { isoWeekMonday, minorUnitDigits } from '@persona-ops/domain/core';

export const EMPTY = '—';
const LOCALE = 'en-US';

const finite = (value: number | null | undefined): value is number => typeof value === 'number' && Number.isFinite(value);

export function formatNumber(value: number | null | undefined, maxFractionDigits = 1): string {
  if (!finite(value)) return EMPTY;
  return new Intl.NumberFormat(LOCALE, { maximumFractionDigits: maxFractionDigits }).format(value);
}

/** A count with its noun: "1 post", "3 posts"; a missing count reads as 0. */
export function plural(n: number | null | undefined, one: string, many = `${one}s`): string {
  return `${formatNumber(n ?? 0, 0)} ${n === 1 ? one : many}`;
}

/** Money from integer minor units, e.g. {amountMinor: 89275, currency: 'USD'} → "$892.75". */
export function formatMoney(money: { amountMinor: number; currency: string } | null | undefined, options: { compact?: boolean } = {}): string {
  if (!money || !finite(money.amountMinor)) return EMPTY;
  const digits = minorUnitDigits(money.currency);
  const major = money.amountMinor / 10 ** digits;
  try {
    return new Intl.NumberFormat(LOCALE, {
      style: 'currency',
      currency: money.currency,
      minimumFractionDigits: options.compact ? 0 : digits,
      maximumFractionDigits: options.compact ? 0 : digits,
    }).format(major);
  } catch {
    return `${formatNumber(major, digits)} ${money.currency}`;
  }
}

/** A percentage given on the 0–100 scale, as the API reports rates. */
export function formatPercent(value: number | null | undefined): string {
  if (!finite(value)) return EMPTY;
  return `${formatNumber(value, 1)} %`;
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
