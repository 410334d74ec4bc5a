import { DEFAULT_THRESHOLDS, TIERED_KPI_IDS, minorFactor, type TieredKpiId } from '@persona-ops/domain/core';

export const tierLevels = ['average', 'strong', 'exceptional'] as const;
export type TierLevel = (typeof tierLevels)[number];
export type TierOverride = Record<TierLevel, number>;

/** Every tiered KPI with its default cut points, so the page shows the default beside each override. */
export const tierDefaults = TIERED_KPI_IDS.map((kpiId) => ({ kpiId, ...DEFAULT_THRESHOLDS[kpiId] }));

/**
 * A KPI's three typed cut points: all three as numbers, null when all three are blank (the KPI goes
 * back to the defaults), or the fields that cannot be read.
 */
export function readTierOverride(kpiId: TieredKpiId, text: (name: string) => string): { override: TierOverride | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const typed = tierLevels.map((level) => [level, text(`tierOverrides.${kpiId}.${level}`).trim()] as const);
  if (typed.every(([, value]) => value === '')) return { override: null, errors };
  const override = {} as TierOverride;
  for (const [level, value] of typed) {
    const n = Number(value);
    if (value === '' || !Number.isFinite(n)) errors[`tierOverrides.${kpiId}.${level}`] = 'enter a number, or leave all three blank for the defaults';
    else override[level] = n;
  }
  return { override: Object.keys(errors).length ? null : override, errors };
}

/** A money amount typed in major units (12.50) as the API's minor units, or null when it cannot be read. */
export function minorFromTyped(text: string, currency: string): number | null {
  const n = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(n) || n < 0) return null;
  return Math.round(n * minorFactor(currency));
}

export function majorFromMinor(amountMinor: number | null, currency: string): string {
  return amountMinor === null ? '' : String(amountMinor / minorFactor(currency));
}

/** One name a line, blanks dropped: how the page types lists (competitors, aliases). */
export function linesOf(text: string): string[] {
  return text.split('\n').map((line) => line.trim()).filter(Boolean);
}
