// What the studio's forms type, read into the API's bodies. Money is typed in major units (12.50)
// into inputs named like the API's minor-unit fields, so the API's problem+json lands next to them;
// what cannot be read at all is refused here, worded like the API.
import { minorFromTyped, linesOf } from './settings.ts';

export type Read<T> = { body: T; errors: Record<string, string> };
type Text = (name: string) => string;

function money(text: Text, name: string, currency: string, errors: Record<string, string>, options: { blank: 'zero' | 'null' } = { blank: 'zero' }): number | null {
  const typed = text(name).trim();
  if (typed === '') return options.blank === 'zero' ? 0 : null;
  const minor = minorFromTyped(typed, currency);
  if (minor === null) errors[name] = `enter an amount in ${currency}, e.g. 45 or 45.50`;
  return minor;
}

function number(text: Text, name: string, errors: Record<string, string>, message: string): number | null {
  const typed = text(name).trim();
  const n = Number(typed);
  if (typed === '' || !Number.isFinite(n)) {
    errors[name] = message;
    return null;
  }
  return n;
}

/** A datetime-local value (no zone) as the UTC instant the dashboard shows times in; '' stays unset. */
export function instantOf(typed: string): string | undefined {
  const value = typed.trim();
  if (value === '') return undefined;
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00Z` : value;
}

export function readSourceFields(text: Text, currency: string): Read<{ name: string; aliases: string[]; launchedOn: string | null; hourlyRateMinor: number | null }> {
  const errors: Record<string, string> = {};
  const hourlyRateMinor = money(text, 'hourlyRateMinor', currency, errors, { blank: 'null' });
  return { body: { name: text('name'), aliases: linesOf(text('aliases')), launchedOn: text('launchedOn').trim() || null, hourlyRateMinor }, errors };
}

export function readCampaignFields(text: Text) {
  const errors: Record<string, string> = {};
  const currency = text('currency').trim().toUpperCase();
  const budgetMinor = money(text, 'budgetMinor', currency || 'USD', errors);
  const windowText = text('attributionWindowDays').trim();
  const attributionWindowDays = windowText === '' ? 28 : number(text, 'attributionWindowDays', errors, 'enter a number of days, e.g. 28');
  const body = {
    name: text('name'),
    goal: text('goal'),
    startsOn: text('startsOn'),
    endsOn: text('endsOn'),
    currency,
    budgetMinor: budgetMinor ?? 0,
    attributionWindowDays: attributionWindowDays ?? 28,
    targetAction: text('targetAction'),
    trackingKeywords: linesOf(text('trackingKeywords')),
  };
  return { body, errors };
}

export function readAssetFields(text: Text, currency: string) {
  const errors: Record<string, string> = {};
  const generationCostMinor = money(text, 'generationCostMinor', currency, errors);
  const otherCostMinor = money(text, 'otherCostMinor', currency, errors);
  const productionHours = number(text, 'productionHours', errors, 'enter the hours spent, e.g. 1.5 (0 is allowed)');
  const body = {
    title: text('title'),
    kind: text('kind'),
    tool: text('tool'),
    toolVersion: text('toolVersion'),
    promptRef: text('promptRef'),
    currency,
    generationCostMinor: generationCostMinor ?? 0,
    otherCostMinor: otherCostMinor ?? 0,
    productionHours: productionHours ?? 0,
  };
  return { body, errors };
}

export function readFeeFields(text: Text, currency: string) {
  const errors: Record<string, string> = {};
  const amountMinor = money(text, 'amountMinor', currency, errors, { blank: 'null' });
  if (amountMinor === null && !errors['amountMinor']) errors['amountMinor'] = `enter the fee in ${currency}`;
  const body = { campaignId: text('campaignId'), kind: text('kind') || 'creator_fee', amountMinor: amountMinor ?? 0, currency, incurredOn: text('incurredOn'), status: text('status') || 'committed' };
  return { body, errors };
}

export function readPlacementFields(text: Text, currency: string, options: { paid: boolean }) {
  const errors: Record<string, string> = {};
  const spendMinor = options.paid ? money(text, 'spendMinor', currency, errors, { blank: 'null' }) : 0;
  if (options.paid && spendMinor === null && !errors['spendMinor']) errors['spendMinor'] = `enter what the placement cost, in ${currency}`;
  const publishedAt = instantOf(text('publishedAt'));
  const body = { channel: text('channel'), url: text('url').trim(), aiLabelApplied: text('aiLabelApplied') === 'on', ...(publishedAt ? { publishedAt } : {}) };
  return { body, spendMinor: spendMinor ?? 0, errors };
}
