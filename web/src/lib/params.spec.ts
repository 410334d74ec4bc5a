import { describe, expect, it } from 'vitest';
import { oneOf, pageSize, reader } from './params.ts';

describe('query parameters', () => {
  it('reads trimmed values, a missing one as empty', () => {
    const get = reader(new URLSearchParams('goal=%20awareness%20'));
    expect(get('goal')).toBe('awareness');
    expect(get('sourceKind')).toBe('');
  });
  it('keeps a listed value and names the field of an unlisted one', () => {
    const errors: Record<string, string> = {};
    expect(oneOf(['a', 'b'] as const, 'b', errors, 'kind')).toBe('b');
    expect(oneOf(['a', 'b'] as const, '', errors, 'kind')).toBeUndefined();
    expect(errors).toEqual({});
    expect(oneOf(['a', 'b'] as const, 'c', errors, 'kind')).toBeUndefined();
    expect(errors).toEqual({ kind: 'must be one of a, b' });
  });
  it('takes a page size of 1 to 200, else 25', () => {
    expect(pageSize('50')).toBe(50);
    expect(pageSize(null)).toBe(25);
    expect(pageSize('0')).toBe(25);
    expect(pageSize('201')).toBe(25);
    expect(pageSize('2.5')).toBe(25);
  });
});
