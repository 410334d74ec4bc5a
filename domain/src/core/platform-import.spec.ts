import { describe, expect, it } from 'vitest';
import {
  canonicalPostUrl,
  matchConversionTarget,
  matchPost,
  platformIdOfUrl,
  readConversionRow,
  readPostMetricRow,
  resolveImportMapping,
  utmOfUrl,
} from './platform-import.ts';

describe('resolveImportMapping', () => {
  it('recognises the columns of each platform export', () => {
    expect(resolveImportMapping('post-metrics', 'instagram', ['Post ID', 'Account username', 'Publish time', 'Permalink', 'Post type', 'Views', 'Reach', 'Likes', 'Shares', 'Follows', 'Comments', 'Saves'])).toEqual({
      'Post ID': 'platformPostId', Permalink: 'postUrl', 'Publish time': 'publishedAt', Views: 'views', Reach: 'reach', Likes: 'likes', Comments: 'comments', Shares: 'shares', Saves: 'saves', Follows: 'follows',
    });
    expect(resolveImportMapping('post-metrics', 'youtube', ['Content', 'Video title', 'Video publish time', 'Views', 'Watch time (hours)', 'Subscribers', 'Impressions', 'Impressions click-through rate (%)'])).toEqual({
      Content: 'platformPostId', 'Video publish time': 'publishedAt', Views: 'views', Impressions: 'impressions', Subscribers: 'follows', 'Watch time (hours)': 'watchTimeHours',
    });
    expect(resolveImportMapping('post-metrics', 'tiktok', ['Video link', 'total views', 'Total likes'])).toEqual({ 'Video link': 'postUrl', 'total views': 'views', 'Total likes': 'likes' });
    expect(resolveImportMapping('conversions', 'shopify', ['Day', 'Discount code', 'Orders', 'Net sales', 'Total sales'])).toEqual({ Day: 'day', 'Discount code': 'code', Orders: 'sales', 'Total sales': 'revenue' });
  });
  it('lets the explicit mapping win over the saved one, and the saved one over the preset', () => {
    const header = ['Date', 'Session campaign', 'Campaign X', 'Sessions', 'Key events', 'Purchases'];
    expect(resolveImportMapping('conversions', 'ga4', header)).toMatchObject({ 'Session campaign': 'utmCampaign', 'Key events': 'targetActions', Purchases: 'sales' });
    const saved = resolveImportMapping('conversions', 'ga4', header, {}, { 'Campaign X': 'utmCampaign', Gone: 'code' });
    expect(saved['Campaign X']).toBe('utmCampaign');
    expect(saved).not.toHaveProperty('Session campaign');
    const explicit = resolveImportMapping('conversions', 'ga4', header, { Purchases: 'targetActions' }, { 'Key events': 'targetActions' });
    expect(explicit['Purchases']).toBe('targetActions');
    expect(explicit).not.toHaveProperty('Key events');
  });
  it('names the missing field and the columns the file has', () => {
    expect(() => resolveImportMapping('post-metrics', 'instagram', ['Likes', 'Reach'])).toThrow('The file has no column for platformPostId or postUrl (which post). Its columns are: Likes, Reach.');
    expect(() => resolveImportMapping('conversions', 'ga4', ['Session campaign', 'Sessions'])).toThrow(/no column for day\. Its columns are: Session campaign, Sessions/);
    expect(() => resolveImportMapping('conversions', 'ga4', ['Date', 'Sessions'], { Sessions: 'visits' })).toThrow(/"visits", which is not a field of conversions imports/);
    expect(() => resolveImportMapping('conversions', 'tiktok', ['Date'])).toThrow(/not a platform of conversions imports; use one of ga4, shopify/);
  });
});

describe('reading rows', () => {
  it('reads an Instagram row with its number formats', () => {
    const mapping = { 'Post ID': 'platformPostId', Permalink: 'postUrl', 'Publish time': 'publishedAt', Views: 'views', Reach: 'reach', Saves: 'saves' };
    expect(readPostMetricRow({ 'Post ID': '1789', Permalink: 'https://www.instagram.com/p/C4x/', 'Publish time': '03/01/2026 09:15', Views: '12,480', Reach: '9,050', Saves: '' }, mapping)).toEqual({
      row: { platformPostId: '1789', postUrl: 'https://www.instagram.com/p/C4x/', publishedAt: '2026-03-01T09:15:00.000Z', counters: { views: 12480, reach: 9050 } },
    });
  });
  it('turns watch time into seconds, skips total rows, and names every bad cell', () => {
    const mapping = { Content: 'platformPostId', Views: 'views', 'Watch time (hours)': 'watchTimeHours', Likes: 'likes' };
    expect(readPostMetricRow({ Content: 'dQw4w9WgXcQ', Views: '1,000', 'Watch time (hours)': '12.5', Likes: '40' }, mapping)).toEqual({ row: { platformPostId: 'dQw4w9WgXcQ', counters: { views: 1000, likes: 40, watchTimeSeconds: 45000 } } });
    expect(readPostMetricRow({ Content: 'Total', Views: '5,000' }, mapping)).toEqual({ skip: 'a total row' });
    expect(readPostMetricRow({ Content: '', Views: 'many', 'Watch time (hours)': '1', Likes: '-2' }, mapping)).toEqual({
      problems: [
        { column: 'Content', reason: 'names no post (the post id and URL are empty)' },
        { column: 'Views', reason: '"many" is not a whole number' },
        { column: 'Likes', reason: '"-2" is negative; a count cannot be' },
      ],
    });
  });
  it('reads a GA4 row: YYYYMMDD day, source / medium, revenue in minor units; skips traffic without a campaign', () => {
    const mapping = { Date: 'day', 'Session source / medium': 'sourceMedium', 'Session campaign': 'utmCampaign', Sessions: 'sessions', 'Key events': 'targetActions', 'Total revenue': 'revenue' };
    expect(readConversionRow({ Date: '20260305', 'Session source / medium': 'instagram / social', 'Session campaign': 'spring-drop', Sessions: '1,204', 'Key events': '37', 'Total revenue': '1,520.40' }, mapping, 2)).toEqual({
      row: { day: '2026-03-05', utm: { campaign: 'spring-drop', source: 'instagram', medium: 'social' }, counts: { sessions: 1204, targetActions: 37 }, revenueMinor: 152040 },
    });
    expect(readConversionRow({ Date: '20260305', 'Session source / medium': '(direct) / (none)', 'Session campaign': '(not set)', Sessions: '50' }, mapping, 2)).toEqual({ skip: 'traffic without a campaign or code' });
    expect(readConversionRow({ Date: '2026-13-01', 'Session campaign': 'x', Sessions: '1' }, mapping, 2)).toEqual({ problems: [{ column: 'Date', reason: '"2026-13-01" is not a date (use e.g. 2026-03-05)' }] });
  });
  it('reads the UTM tags of a landing URL', () => {
    expect(utmOfUrl('/shop?utm_source=tiktok&utm_medium=social&utm_campaign=spring&utm_content=lea')).toEqual({ source: 'tiktok', medium: 'social', campaign: 'spring', content: 'lea' });
  });
});

describe('matching', () => {
  it('finds a post by a stored id, by the id its URL carries, or by the same URL', () => {
    const posts = [
      { id: 'a', url: 'https://www.tiktok.com/@lea/video/7345', platformPostId: null },
      { id: 'b', url: 'https://youtu.be/dQw4w9WgXcQ', platformPostId: null },
      { id: 'c', url: 'https://instagram.com/p/C4x', platformPostId: '1789' },
    ];
    expect(platformIdOfUrl('https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=3')).toBe('dQw4w9WgXcQ');
    expect(canonicalPostUrl('https://www.instagram.com/p/C4x/?igsh=1')).toBe('instagram.com/p/C4x');
    expect(matchPost({ platformPostId: '7345' }, posts)?.id).toBe('a');
    expect(matchPost({ platformPostId: 'dQw4w9WgXcQ' }, posts)?.id).toBe('b');
    expect(matchPost({ platformPostId: '1789' }, posts)?.id).toBe('c');
    expect(matchPost({ postUrl: 'https://www.instagram.com/p/C4x/' }, posts)?.id).toBe('c');
    expect(matchPost({ platformPostId: '999' }, posts)).toBeNull();
  });
  it('finds a link by agreeing UTM tags and a code case-insensitively; several links are no match', () => {
    const links = [
      { id: 'l1', utmCampaign: 'spring', utmContent: 'p1', utmSource: 'instagram', utmMedium: 'social', currency: 'EUR' },
      { id: 'l2', utmCampaign: 'spring', utmContent: 'p2', utmSource: 'tiktok', utmMedium: 'social', currency: 'EUR' },
    ];
    const codes = [{ id: 'k1', code: 'LEA-7QX2', currency: 'EUR' }];
    const row = (utm: object, code?: string) => ({ day: '2026-03-05', utm, counts: { sales: 1 }, ...(code ? { code } : {}) });
    expect(matchConversionTarget(row({ campaign: 'spring', source: 'instagram' }), links, codes)).toEqual({ linkId: 'l1', currency: 'EUR' });
    expect(matchConversionTarget(row({ campaign: 'Spring' }), links, codes)).toEqual({ none: '2 tracking links match utm_campaign=Spring; choose one' });
    expect(matchConversionTarget(row({ campaign: 'autumn' }), links, codes)).toEqual({ none: 'no tracking link with utm_campaign=autumn in this workspace' });
    expect(matchConversionTarget(row({}, 'lea-7qx2'), links, codes)).toEqual({ codeId: 'k1', code: 'LEA-7QX2', currency: 'EUR' });
  });
});
