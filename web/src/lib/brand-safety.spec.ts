import { describe, expect, it } from 'vitest';
import { daysBetween, hrefWith, readCommentFilters, readSafetyFilters, toAlertQuery, toCommentQuery, toSafetyQuery } from './brand-safety.ts';

const id = '4f7982a6-9bdb-47a9-abba-2762dec16d3e';

describe('brand-safety filters', () => {
  it('turns character, campaign and inclusive UTC days into the report query', () => {
    const filters = readSafetyFilters(new URLSearchParams(`sourceId=${id}&campaignId=&from=2026-11-01&to=2026-11-30`));
    expect(toSafetyQuery(filters)).toEqual({ query: { sourceId: id, from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' }, errors: {} });
    expect(toSafetyQuery(readSafetyFilters(new URLSearchParams('from=soon'))).errors).toEqual({ from: 'must be a date like 2026-03-01' });
  });

  it('lists flagged comments by default, newest first', () => {
    const filters = readCommentFilters(new URLSearchParams(`sourceId=${id}`));
    expect(filters.show).toBe('flagged');
    expect(toCommentQuery(filters, { limit: 25 }).query).toEqual({ sourceId: id, limit: 25, sort: 'postedAt', order: 'desc', flagged: 'true' });
  });

  it('filters by category and sentiment, and names a wrong value', () => {
    const { query, errors } = toCommentQuery(readCommentFilters(new URLSearchParams('category=spam_scam&sentiment=negative&show=unflagged')), { limit: 10, cursor: 'abc' });
    expect(query).toEqual({ category: 'spam_scam', sentiment: 'negative', limit: 10, cursor: 'abc', sort: 'postedAt', order: 'desc' });
    expect(errors).toEqual({});
    expect(Object.keys(toCommentQuery(readCommentFilters(new URLSearchParams('category=rude&sentiment=angry')), { limit: 10 }).errors).sort()).toEqual(['category', 'sentiment']);
    expect(readCommentFilters(new URLSearchParams('show=everything')).show).toBe('flagged');
    expect(toCommentQuery(readCommentFilters(new URLSearchParams('show=all')), { limit: 10 }).query.flagged).toBeUndefined();
  });

  it('reads the alert filters, newest day first', () => {
    expect(toAlertQuery(new URLSearchParams('metric=flagged_share&cursor=c1'), { limit: 25 })).toEqual({
      filters: { sourceId: '', metric: 'flagged_share' },
      query: { metric: 'flagged_share', limit: 25, sort: 'day', order: 'desc', cursor: 'c1' },
      errors: {},
    });
    expect(toAlertQuery(new URLSearchParams('metric=likes'), { limit: 25 }).errors.metric).toContain('negative_share');
  });

  it('builds links that keep the filters', () => {
    expect(hrefWith('/brand-safety/comments', { sourceId: id, campaignId: '', from: '2026-11-01', to: '' }, { category: 'hate', show: 'flagged' }))
      .toBe(`/brand-safety/comments?sourceId=${id}&from=2026-11-01&category=hate`);
    expect(hrefWith('/brand-safety', { sourceId: '' })).toBe('/brand-safety');
  });

  it('spans UTC days, both ends included', () => {
    expect(daysBetween('2026-10-30', '2026-11-02')).toEqual(['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02']);
    expect(daysBetween('2026-11-02', '2026-11-01')).toEqual([]);
    expect(daysBetween('2026-01-01', '2026-12-31', 10)).toHaveLength(10);
  });
});
