import { describe, expect, it } from 'vitest';
import { DEFAULT_FEATURE_CONFIG, FeatureVector, extractFeatures, fmix32, fnv1a } from './features.ts';

describe('hashed features', () => {
  it('uses fixed hashes (the model file depends on them)', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
    expect(fmix32(0)).toBe(0);
    expect(fmix32(1)).toBe(0x514e28b7);
  });

  it('lists word features then character n-grams, inside the bucket range', () => {
    const fv = new FeatureVector(4);
    extractFeatures('Love it', DEFAULT_FEATURE_CONFIG, fv);
    // 2 unigrams + 1 bigram; " love " gives 5+4+3+2 = 14 n-grams of length 2..5, " it " 3+2+1 = 6
    expect(fv.wordCount).toBe(3);
    expect(fv.length).toBe(3 + 14 + 6);
    const buckets = 2 ** DEFAULT_FEATURE_CONFIG.bits;
    for (const b of fv.idx.subarray(0, fv.length)) expect(b >= 0 && b < buckets).toBe(true);
  });

  it('is deterministic and case-insensitive', () => {
    const a = new FeatureVector();
    const b = new FeatureVector();
    extractFeatures('GREAT video', DEFAULT_FEATURE_CONFIG, a);
    extractFeatures('great VIDEO', DEFAULT_FEATURE_CONFIG, b);
    expect([...a.idx.subarray(0, a.length)]).toEqual([...b.idx.subarray(0, b.length)]);
  });

  it('normalises each group by 1/sqrt(count)', () => {
    const fv = new FeatureVector();
    extractFeatures('ok', DEFAULT_FEATURE_CONFIG, fv);
    expect(fv.wordScale({ wordWeight: 2, charWeight: 1 })).toBeCloseTo(2);
    expect(fv.charScale({ wordWeight: 1, charWeight: 1 })).toBeCloseTo(1 / Math.sqrt(fv.length - fv.wordCount));
    const empty = new FeatureVector();
    extractFeatures('', DEFAULT_FEATURE_CONFIG, empty);
    expect(empty.wordScale({ wordWeight: 1, charWeight: 1 })).toBe(0);
  });
});
