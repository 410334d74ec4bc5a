import { describe, expect, it } from 'vitest';
import { fieldErrors, toProblem } from './client.ts';

describe('problem+json helpers', () => {
  it('keys field errors by input name', () => {
    const problem = {
      type: 'x', title: 'Invalid input', status: 400, detail: 'd', code: 'invalid_input',
      errors: [{ field: 'body.reason', message: 'is too long' }, { field: 'reason', message: 'is required' }, { field: 'querystring.from', message: 'bad' }],
    };
    expect(fieldErrors(problem)).toEqual({ reason: 'is too long is required', from: 'bad' });
    expect(fieldErrors(null)).toEqual({});
  });
  it('keeps the API problem, or makes one from the status', () => {
    const body = { type: 'x', title: 'Unauthorized', status: 401, detail: 'unknown key', code: 'unknown_api_key' };
    expect(toProblem(body, new Response(null, { status: 401 }))).toBe(body);
    expect(toProblem('<html>', new Response(null, { status: 502, statusText: 'Bad Gateway' })).detail).toBe('The API answered 502 Bad Gateway.');
  });
});
