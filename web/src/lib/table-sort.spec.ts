import { describe, expect, it } from 'vitest';
import { compareValues } from './table-sort.svelte.ts';

describe('table sort order', () => {
  it('orders numbers as numbers and text by the locale, either way', () => {
    expect([10, 9, 100].sort((a, b) => compareValues(a, b, 1))).toEqual([9, 10, 100]);
    expect(['b', 'A', 'c'].sort((a, b) => compareValues(a, b, -1))).toEqual(['c', 'b', 'A']);
    expect(['Week 10', 'Week 9'].sort((a, b) => compareValues(a, b, 1))).toEqual(['Week 9', 'Week 10']);
  });
  it('keeps missing values last in both directions', () => {
    expect([null, 2, 1].sort((a, b) => compareValues(a, b, 1))).toEqual([1, 2, null]);
    expect([null, 2, 1].sort((a, b) => compareValues(a, b, -1))).toEqual([2, 1, null]);
  });
});
