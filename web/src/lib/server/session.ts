import type { Cookies } from '@sveltejs/kit';

// The API key lives only in this httpOnly cookie: the browser never sees it in script.
export const KEY_COOKIE = 'persona_ops_key';
// A one-shot message for the login page (e.g. why the session ended).
const NOTICE_COOKIE = 'persona_ops_login_notice';

const base = (url: URL) => ({ path: '/', httpOnly: true, sameSite: 'lax' as const, secure: url.protocol === 'https:' });

export function saveKey(cookies: Cookies, url: URL, key: string) {
  cookies.set(KEY_COOKIE, key, { ...base(url), maxAge: 60 * 60 * 24 * 30 });
}

export function clearKey(cookies: Cookies, url: URL) {
  cookies.delete(KEY_COOKIE, base(url));
}

export function setLoginNotice(cookies: Cookies, url: URL, message: string) {
  cookies.set(NOTICE_COOKIE, message.slice(0, 500), { ...base(url), maxAge: 120 });
}

export function takeLoginNotice(cookies: Cookies, url: URL): string | null {
  const message = cookies.get(NOTICE_COOKIE) ?? null;
  if (message !== null) cookies.delete(NOTICE_COOKIE, base(url));
  return message;
}
