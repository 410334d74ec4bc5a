import { describe, expect, it } from 'vitest';
import { instantOf, readAssetFields, readCampaignFields, readFeeFields, readPlacementFields, readSourceFields } from './studio.ts';

const textOf = (values: Record<string, string>) => (name: string) => values[name] ?? '';

describe('studio forms', () => {
  it('reads a source: blank rate and launch date are unset, aliases one a line', () => {
    expect(readSourceFields(textOf({ name: 'Léa', aliases: 'Lea\n\n LN ', hourlyRateMinor: '' }), 'EUR')).toEqual({ body: { name: 'Léa', aliases: ['Lea', 'LN'], launchedOn: null, hourlyRateMinor: null }, errors: {} });
    expect(readSourceFields(textOf({ name: 'Léa', hourlyRateMinor: '45.5', launchedOn: '2026-01-05' }), 'EUR').body).toMatchObject({ hourlyRateMinor: 4550, launchedOn: '2026-01-05' });
    expect(readSourceFields(textOf({ hourlyRateMinor: 'lots' }), 'EUR').errors).toEqual({ hourlyRateMinor: 'enter an amount in EUR, e.g. 45 or 45.50' });
  });

  it('reads a campaign budget in its own currency', () => {
    const { body, errors } = readCampaignFields(textOf({ name: 'Spring', currency: 'jpy', budgetMinor: '5000', goal: 'sales' }));
    expect(errors).toEqual({});
    expect(body).toMatchObject({ currency: 'JPY', budgetMinor: 5000, attributionWindowDays: 28, trackingKeywords: [] });
    expect(readCampaignFields(textOf({ currency: 'USD', budgetMinor: '12.5' })).body.budgetMinor).toBe(1250);
  });

  it('reads an asset: hours are required, costs default to 0', () => {
    expect(readAssetFields(textOf({ productionHours: '' }), 'USD').errors).toEqual({ productionHours: 'enter the hours spent, e.g. 1.5 (0 is allowed)' });
    expect(readAssetFields(textOf({ productionHours: '0', generationCostMinor: '1.20' }), 'USD').body).toMatchObject({ productionHours: 0, generationCostMinor: 120, otherCostMinor: 0 });
  });

  it('reads a fee and a placement', () => {
    expect(readFeeFields(textOf({ amountMinor: '' }), 'USD').errors).toEqual({ amountMinor: 'enter the fee in USD' });
    expect(readFeeFields(textOf({ amountMinor: '1500', campaignId: 'c' }), 'USD').body).toMatchObject({ amountMinor: 150_000, kind: 'creator_fee', status: 'committed' });
    const paid = readPlacementFields(textOf({ channel: 'tiktok', url: ' https://t.example/1 ', aiLabelApplied: 'on', spendMinor: '20' }), 'USD', { paid: true });
    expect(paid).toEqual({ body: { channel: 'tiktok', url: 'https://t.example/1', aiLabelApplied: true }, spendMinor: 2000, errors: {} });
    expect(readPlacementFields(textOf({}), 'USD', { paid: true }).errors).toEqual({ spendMinor: 'enter what the placement cost, in USD' });
  });

  it('reads a datetime-local as UTC', () => {
    expect(instantOf('2026-03-01T09:30')).toBe('2026-03-01T09:30:00Z');
    expect(instantOf(' ')).toBeUndefined();
  });
});
