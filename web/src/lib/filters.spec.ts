import { describe, expect, it } from 'vitest';
import { lastDays, readReportFilters, reportPresets, toReportQuery } from './filters.ts';

describe('report filters', () => {
  it('turns inclusive UTC days into the API period (to is exclusive)', () => {
    const filters = readReportFilters(new URLSearchParams('from=2026-03-01&to=2026-03-31&sourceKind=ai_character&campaignId='));
    expect(toReportQuery(filters)).toEqual({
      query: { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z', sourceKind: 'ai_character' },
      errors: {},
    });
  });
  it('names the field that is wrong', () => {
    const { errors } = toReportQuery(readReportFilters(new URLSearchParams('from=yesterday&sourceKind=robot')));
    expect(Object.keys(errors).sort()).toEqual(['from', 'sourceKind']);
    const reversed = toReportQuery(readReportFilters(new URLSearchParams('from=2026-03-02&to=2026-03-01')));
    expect(reversed.errors.to).toContain('on or after');
  });
  it('makes presets that end today', () => {
    expect(lastDays(28, new Date('2026-11-21T19:00:00Z'))).toEqual({ from: '2026-10-25', to: '2026-11-21' });
    expect(reportPresets(new Date('2026-11-21T19:00:00Z'))).toEqual([
      { label: 'Last 4 weeks', from: '2026-10-25', to: '2026-11-21' },
      { label: 'Last 12 weeks', from: '2026-08-30', to: '2026-11-21' },
    ]);
  });
});
