import { describe, expect, it } from 'vitest';
import { byteRangeOf } from './byte-range.ts';

describe('byteRangeOf', () => {
  it('serves the whole file without a header, or with one it does not serve', () => {
    expect(byteRangeOf(undefined, 100)).toBe('whole');
    expect(byteRangeOf('bytes=0-1,5-6', 100)).toBe('whole');
    expect(byteRangeOf('items=0-1', 100)).toBe('whole');
    expect(byteRangeOf('bytes=9-3', 100)).toBe('whole');
  });

  it('reads a start, a start and end, and a suffix', () => {
    expect(byteRangeOf('bytes=10-', 100)).toEqual({ start: 10, end: 99 });
    expect(byteRangeOf('bytes=0-0', 100)).toEqual({ start: 0, end: 0 });
    expect(byteRangeOf('bytes=90-500', 100)).toEqual({ start: 90, end: 99 });
    expect(byteRangeOf('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(byteRangeOf('bytes=-500', 100)).toEqual({ start: 0, end: 99 });
  });

  it('cannot satisfy a range past the end', () => {
    expect(byteRangeOf('bytes=100-', 100)).toBe('unsatisfiable');
    expect(byteRangeOf('bytes=-0', 100)).toBe('unsatisfiable');
  });
});
