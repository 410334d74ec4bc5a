// Where to go after login: only a path of this site. A browser drops tabs and newlines from a URL
// and reads a backslash as a slash, so `/\t/host`, `/\host` and `//host` all lead to another host;
// and a control character in a Location header makes the response itself fail. So the value must
// be a plain relative path (no control character, whitespace other than a space, or backslash; not `//`), and what is
// returned is its parsed, percent-encoded form on this origin. Anything else goes to `/`.

// Control characters (C0, DEL, C1), line and paragraph separators, spaces other than U+0020, the BOM, a backslash.
const unsafe = /[\p{Cc}\p{Zl}\p{Zp}\uFEFF\\]|(?! )\p{Zs}/u;
const base = 'http://persona-ops.invalid';

export function safeNext(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || unsafe.test(value)) return '/';
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return '/';
  }
  if (url.origin !== base) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith('/') && !path.startsWith('//') ? path : '/';
}
