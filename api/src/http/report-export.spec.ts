import { describe, expect, it } from 'vitest';
import { csvCell, csvFileName, flattenReport, toCsv } from './report-export.ts';

describe('csvCell', () => {
  it('neutralises text a spreadsheet would run as a formula with a leading single quote', () => {
    expect(csvCell('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    expect(csvCell('+33 6 12')).toBe("'+33 6 12");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@lea.nova')).toBe("'@lea.nova");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('\rcmd')).toBe("\"'\rcmd\"");
  });

  it('quotes per RFC 4180: commas, quotes (doubled) and line breaks', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("http://evil.example","x")')).toBe('"\'=HYPERLINK(""http://evil.example"",""x"")"');
  });

  it('writes numbers as numbers (a negative ROI is not a formula), null and non-finite as empty', () => {
    expect(csvCell(-40)).toBe('-40');
    expect(csvCell(0.05)).toBe('0.05');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(true)).toBe('true');
  });
});

describe('flattenReport', () => {
  it('puts each figure on one row with its tier and currency, its details on rows below it', () => {
    const rows = flattenReport({
      currency: 'USD',
      kpis: {
        ctr: { value: 1.25, tier: 'average', thresholds: { average: 0.5 }, base: 'impressions' },
        cpa: { value: 50, tier: 'strong', currency: 'USD' },
        cost: { total: { amountMinor: 1_000_000, currency: 'USD' } },
        sales: null,
      },
    });
    expect(rows).toEqual([
      { section: 'currency', metric: 'currency', value: 'USD', tier: null, currency: null },
      { section: 'kpis', metric: 'ctr', value: 1.25, tier: 'average', currency: null },
      { section: 'kpis', metric: 'ctr.thresholds.average', value: 0.5, tier: null, currency: null },
      { section: 'kpis', metric: 'ctr.base', value: 'impressions', tier: null, currency: null },
      { section: 'kpis', metric: 'cpa', value: 50, tier: 'strong', currency: 'USD' },
      { section: 'kpis', metric: 'cost.total.amountMinor', value: 1_000_000, tier: null, currency: 'USD' },
      { section: 'kpis', metric: 'sales', value: null, tier: null, currency: null },
    ]);
  });

  it('names list items by their id, kpiId, step… and falls back to the index', () => {
    const rows = flattenReport({
      funnel: { steps: [{ step: 'views', count: 10 }, { step: 'clicks', count: 2 }] },
      insights: [{ kpiId: 'ctr', text: 'CTR of 2 %' }],
      classifierMix: [{ classifier: 'offline', version: '1.0.0', count: 3 }],
      keywords: ['#a', '#b'],
      empty: [],
    });
    expect(rows.map((row) => [row.metric, row.value])).toEqual([
      ['steps[views].step', 'views'],
      ['steps[views].count', 10],
      ['steps[clicks].step', 'clicks'],
      ['steps[clicks].count', 2],
      ['[ctr].kpiId', 'ctr'],
      ['[ctr].text', 'CTR of 2 %'],
      ['[offline@1.0.0].classifier', 'offline'],
      ['[offline@1.0.0].version', '1.0.0'],
      ['[offline@1.0.0].count', 3],
      ['[0]', '#a'],
      ['[1]', '#b'],
    ]);
  });
});

describe('toCsv', () => {
  it('writes the header and one CRLF-terminated line per row', () => {
    const csv = toCsv([
      { section: 'campaign', metric: 'name', value: '=cmd|"/C calc"!A0', tier: null, currency: null },
      { section: 'kpis', metric: 'roi', value: -40, tier: 'weak', currency: 'USD' },
    ]);
    expect(csv).toBe('section,metric,value,tier,currency\r\ncampaign,name,"\'=cmd|""/C calc""!A0",,\r\nkpis,roi,-40,weak,USD\r\n');
  });

  it('makes a file name safe for Content-Disposition', () => {
    expect(csvFileName('campaign-report-1f0c')).toBe('campaign-report-1f0c.csv');
    expect(csvFileName('a "b"/c\r\nd')).toBe('a-b-c-d.csv');
  });
});
