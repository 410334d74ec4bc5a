import { describe, expect, it } from 'vitest';
import { breakdownSharesProblem, dayProblem, isInFuture } from './ingest-rules.ts';

describe('ingest rules', () => {
  it('lets the shares of one breakdown reach 100 % plus the platform rounding, not more', () => {
    expect(breakdownSharesProblem([60, 40])).toBeNull();
    expect(breakdownSharesProblem([60.3, 40.2])).toBeNull();
    expect(breakdownSharesProblem([60.3, 40.21])).toBe('add up to 100.51 %; at most 100 (+0.5 for rounding)');
    expect(breakdownSharesProblem([])).toBeNull();
  });

  it('allows a minute of clock skew, and a day that has begun somewhere on Earth', () => {
    const now = new Date('2026-03-01T12:00:00Z');
    expect(isInFuture(new Date('2026-03-01T12:01:00Z'), now)).toBe(false);
    expect(isInFuture(new Date('2026-03-01T12:01:00.001Z'), now)).toBe(true);
    expect(dayProblem('2026-03-02', now)).toBeNull();
    expect(dayProblem('2026-03-03', now)).toBe('is in the future');
  });
});
