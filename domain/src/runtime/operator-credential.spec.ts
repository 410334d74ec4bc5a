import { describe, expect, it } from 'vitest';
import { basicPassword, isOperator, passwordMatches } from './operator-credential.ts';

const basic = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;

describe('the operator credential', () => {
  it('reads the password of a Basic header, whatever the user name, colons included', () => {
    expect(basicPassword(basic('operator:s3cret:with:colons'))).toBe('s3cret:with:colons');
    expect(basicPassword(basic(':pw'))).toBe('pw');
    expect(basicPassword(basic('no-colon'))).toBeNull();
    expect(basicPassword('Bearer po_abc')).toBeNull();
    expect(basicPassword(undefined)).toBeNull();
  });

  it('matches only the exact password, never an empty one', () => {
    expect(passwordMatches('correct horse battery', 'correct horse battery')).toBe(true);
    expect(passwordMatches('correct horse batter', 'correct horse battery')).toBe(false);
    expect(passwordMatches('correct horse battery!', 'correct horse battery')).toBe(false);
    expect(passwordMatches('', '')).toBe(false);
  });

  it('opens for a Basic header carrying the password, not for a bearer key or another password', () => {
    expect(isOperator(basic('prometheus:correct horse battery'), 'correct horse battery')).toBe(true);
    expect(isOperator(basic('prometheus:wrong'), 'correct horse battery')).toBe(false);
    expect(isOperator('Bearer correct horse battery', 'correct horse battery')).toBe(false);
    expect(isOperator(undefined, 'correct horse battery')).toBe(false);
  });
});
