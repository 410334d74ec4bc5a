import { describe, expect, it } from 'vitest';
import { isRepeatedObservation } from './connector-pull.ts';

describe('isRepeatedObservation', () => {
  it('repeats when every counter is the same, absent meaning unknown', () => {
    expect(isRepeatedObservation({ views: 10, likes: null, comments: 2 }, { views: 10, comments: 2 })).toBe(true);
  });
  it('is new when a counter moved, appeared or disappeared, or nothing was stored', () => {
    expect(isRepeatedObservation({ views: 10, likes: null }, { views: 11 })).toBe(false);
    expect(isRepeatedObservation({ views: 10, likes: null }, { views: 10, likes: 0 })).toBe(false);
    expect(isRepeatedObservation({ views: 10, likes: 3 }, { views: 10 })).toBe(false);
    expect(isRepeatedObservation(undefined, { views: 10 })).toBe(false);
  });
});
