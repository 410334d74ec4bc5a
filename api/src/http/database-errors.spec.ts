import { describe, expect, it } from 'vitest';
import { isDatabaseUnreachable } from './database-errors.ts';

const withFields = (message: string, fields: Record<string, unknown>) => Object.assign(new Error(message), fields);

describe('isDatabaseUnreachable', () => {
  it('knows the connection errors: refused, terminated, shutdown and cannot-connect codes, class 08', () => {
    expect(isDatabaseUnreachable(withFields('connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnreachable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnreachable(withFields('terminating connection due to administrator command', { code: '57P01' }))).toBe(true);
    expect(isDatabaseUnreachable(withFields('the database system is starting up', { code: '57P03' }))).toBe(true);
    expect(isDatabaseUnreachable(withFields('connection failure', { sqlState: '08006' }))).toBe(true);
    expect(isDatabaseUnreachable(new Error('database "x" is not currently accepting connections'))).toBe(true);
  });

  it('finds them wrapped (cause, AggregateError)', () => {
    expect(isDatabaseUnreachable(new Error('query failed', { cause: withFields('', { code: 'ECONNRESET' }) }))).toBe(true);
    expect(isDatabaseUnreachable(new AggregateError([withFields('connect ECONNREFUSED ::1:5432', { code: 'ECONNREFUSED' })], ''))).toBe(true);
  });

  it('leaves every other error alone: a refused query is not an unreachable database', () => {
    expect(isDatabaseUnreachable(withFields('duplicate key value violates unique constraint', { code: '23505' }))).toBe(false);
    expect(isDatabaseUnreachable(withFields('integer out of range', { code: '22003' }))).toBe(false);
    expect(isDatabaseUnreachable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnreachable('ECONNREFUSED')).toBe(false);
    const loop: { cause?: unknown } = new Error('loop');
    loop.cause = loop;
    expect(isDatabaseUnreachable(loop)).toBe(false);
  });
});
