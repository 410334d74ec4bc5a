import { describe, expect, it } from 'vitest';
import { describeParsed, parseTarget, progressPercent, readUploadValues, targetValue, toUploadQuery, type UploadValues } from './imports.ts';

const values = (changes: Partial<UploadValues>): UploadValues => ({ kind: 'post-metrics', platform: 'instagram', sourceId: '', capturedAt: '', currency: '', saveMapping: false, mapping: [], ...changes });
const id = '0b6f5a8e-9c1d-4d3e-8f7a-123456789abc';

describe('an upload form as the API query', () => {
  it('reads the form, leaving out empty mapping rows', () => {
    const form = new FormData();
    for (const [name, value] of [['kind', 'conversions'], ['platform', 'ga4'], ['currency', 'eur'], ['saveMapping', 'on'], ['mappingColumn', 'Campaign'], ['mappingField', 'utmCampaign'], ['mappingColumn', ''], ['mappingField', '']]) form.append(name!, value!);
    expect(readUploadValues(form)).toEqual({ kind: 'conversions', platform: 'ga4', sourceId: '', capturedAt: '', currency: 'EUR', saveMapping: true, mapping: [{ column: 'Campaign', field: 'utmCampaign' }] });
  });

  it('sends post metrics with the capture time as UTC and only the options given', () => {
    expect(toUploadQuery(values({ capturedAt: '2026-03-10T09:30', sourceId: id }), 'ig.csv')).toEqual({
      upload: { kind: 'post-metrics', query: { platform: 'instagram', sourceId: id, capturedAt: '2026-03-10T09:30:00.000Z', fileName: 'ig.csv' } },
      errors: {},
    });
  });

  it('sends conversions with their currency and the mapping as JSON', () => {
    const { upload } = toUploadQuery(values({ kind: 'conversions', platform: 'shopify', currency: 'EUR', saveMapping: true, mapping: [{ column: 'Code', field: 'code' }] }), 's.csv');
    expect(upload).toEqual({ kind: 'conversions', query: { platform: 'shopify', currency: 'EUR', fileName: 's.csv', mapping: '{"Code":"code"}', saveMapping: 'true' } });
  });

  it('names each wrong field instead of sending the file', () => {
    expect(toUploadQuery(values({ platform: 'ga4', capturedAt: 'soon' }), 'x.csv').errors).toEqual({
      platform: 'Post metrics take Instagram, TikTok, YouTube exports',
      capturedAt: 'must be a date and time, e.g. 2026-03-10T09:00',
    });
    expect(toUploadQuery(values({ kind: 'conversions', platform: 'ga4', currency: 'euro' }), 'x.csv').errors).toHaveProperty('currency');
    expect(toUploadQuery(values({ mapping: [{ column: 'Video', field: 'sales' }] }), 'x.csv').errors.mapping).toBe('"sales" is not a field of post metrics');
    expect(toUploadQuery(values({ mapping: [{ column: 'Video', field: '' }] }), 'x.csv').errors.mapping).toContain('name both');
    expect(toUploadQuery(values({ saveMapping: true }), 'x.csv').errors.saveMapping).toContain('map at least one column');
    expect(toUploadQuery(values({ kind: 'comments' }), 'x.csv').errors.kind).toContain('must be one of');
  });
});

describe('a job\'s progress', () => {
  it('is the share of rows read, unknown until the rows are counted, whole when done', () => {
    expect(progressPercent({ state: 'queued', processedRows: 0, totalRows: null })).toBeNull();
    expect(progressPercent({ state: 'running', processedRows: 1, totalRows: 3 })).toBe(33);
    expect(progressPercent({ state: 'done', processedRows: 3, totalRows: 3 })).toBe(100);
  });
});

describe('resolve targets', () => {
  it('round-trip through one select value and refuse anything else', () => {
    expect(parseTarget(targetValue('offerCodeId', id))).toEqual({ offerCodeId: id });
    expect(parseTarget(targetValue('postId', id))).toEqual({ postId: id });
    expect(parseTarget(`assetId:${id}`)).toBeNull();
    expect(parseTarget('postId:1')).toBeNull();
    expect(parseTarget('')).toBeNull();
  });
});

describe('parsed values', () => {
  it('lists what the row carries', () => {
    expect(describeParsed({ platformPostId: '179', views: 3100, reach: null })).toBe('platformPostId: 179 · views: 3,100');
    expect(describeParsed({ postUrl: 'https://x.example/p', counters: { views: 300, likes: 20 } })).toBe('postUrl: https://x.example/p · views: 300 · likes: 20');
  });
});
