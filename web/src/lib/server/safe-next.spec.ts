import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next.ts';

describe('safeNext: where to go after login', () => {
  it('follows a same-origin relative path, with its query and fragment', () => {
    expect(safeNext('/assets?state=in_review&sort=createdAt')).toBe('/assets?state=in_review&sort=createdAt');
    expect(safeNext('/campaigns/abc#funnel')).toBe('/campaigns/abc#funnel');
    expect(safeNext('/')).toBe('/');
    expect(safeNext('/a//b')).toBe('/a//b');
  });

  it('returns a value a Location header can carry: non-ASCII percent-encoded', () => {
    expect(safeNext('/sources?name=Léa Nova')).toBe('/sources?name=L%C3%A9a%20Nova');
  });

  it('goes to / for nothing, another origin, a scheme, or a path a browser reads as another host', () => {
    const refused = [
      null,
      '',
      'assets',
      '//evil.example/x',
      '/\\evil.example',
      '\\\\evil.example',
      '/\t/127.0.0.1/x', // the probe's: a browser drops the tab and reads //127.0.0.1/x (and a tab in a header is a 500)
      '/\n/evil.example',
      '/\r\nSet-Cookie: a=b',
      '\t//evil.example',
      '/\u0000/evil.example',
      '/x\u007f',
      ' /x',
      'https://evil.example/',
      'javascript:alert(1)',
      'data:text/html,hi',
      '/\u000b/evil.example',
      '/\u00a0/evil.example',
      '/\u2028/evil.example',
      '/\u0085/evil.example',
    ];
    for (const value of refused) expect(safeNext(value), JSON.stringify(value)).toBe('/');
  });

  it('keeps an encoded character encoded: /%2F%2Fevil stays a path of this site', () => {
    expect(safeNext('/%2F%2Fevil.example')).toBe('/%2F%2Fevil.example');
    expect(safeNext('/%09/127.0.0.1/x')).toBe('/%09/127.0.0.1/x');
  });
});
