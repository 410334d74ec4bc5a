/**
 * A local stand-in for the Instagram API with Instagram Login, answering like its reference
 * (developers.facebook.com/docs/instagram-platform): GET /oauth/authorize consents at once and
 * redirects with code and state; POST /oauth/access_token answers a short-lived token;
 * GET /access_token?grant_type=ig_exchange_token a long-lived one (expires_in 60 days);
 * GET /refresh_access_token?grant_type=ig_refresh_token a new long-lived one; and the Graph API
 * under /v23.0: /me, /me/media (cursor paging), /{media} (like_count, comments_count),
 * /{media}/insights (lifetime reach, saved, shares, views) and /{media}/comments (cursor paging).
 * An invalid or expired token answers 400 with {error: {type: OAuthException, code: 190}}; scripted
 * faults answer 429 with code 4 ("Application request limit reached") and Retry-After.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readForm, sendJson } from '../fake-platform-http.ts';

export type FakeMedia = { id: string; caption: string; timestamp: string; likes: number; comments: number; reach: number; saved: number; shares: number; views: number };
export type FakeIgComment = { id: string; mediaId: string; username: string; text: string; timestamp: string };

export type FakeInstagram = {
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly account: { userId: string; username: string; followers: number };
  readonly media: FakeMedia[];
  readonly comments: FakeIgComment[];
  readonly requests: Array<{ path: string; status: number; at: number }>;
  expireTokens(): void;
  rateLimitNext(count: number, seconds: number): void;
  close(): Promise<void>;
};

const oauthError = (code: number, message: string, subcode?: number) => ({ error: { message, type: 'OAuthException', code, ...(subcode ? { error_subcode: subcode } : {}), fbtrace_id: 'AbCdEf' } });
// Graph timestamps look like 2026-12-01T10:00:00+0000.
const graphTime = (iso: string) => new Date(iso).toISOString().replace(/\.\d{3}Z$/, '+0000');

export async function startFakeInstagram(): Promise<FakeInstagram> {
  const clientId = '990001112223334';
  const clientSecret = 'fake-instagram-secret';
  const account = { userId: '17841400000000001', username: 'lea.nova', followers: 48_200 };
  const media: FakeMedia[] = [];
  const comments: FakeIgComment[] = [];
  const requests: FakeInstagram['requests'] = [];
  const codes = new Map<string, string>();
  const tokens = new Map<string, { expiresAt: number; long: boolean }>();
  let rateLimited = { count: 0, seconds: 0 };

  const send = sendJson;
  const issue = (long: boolean) => {
    const token = `IG${long ? 'AA' : 'QV'}${randomBytes(24).toString('base64url')}`;
    tokens.set(token, { expiresAt: Date.now() + (long ? 5_184_000 : 3_600) * 1000, long });
    return token;
  };
  const valid = (token: string | null, long = false) => {
    const grant = token ? tokens.get(token) : undefined;
    return grant !== undefined && grant.expiresAt > Date.now() && (!long || grant.long);
  };
  const paged = <T>(items: T[], after: string | null, limit: number, url: URL) => {
    const offset = after ? Number(Buffer.from(after, 'base64url').toString('utf8')) : 0;
    const data = items.slice(offset, offset + limit);
    const end = offset + limit;
    const cursors = { before: Buffer.from(String(offset)).toString('base64url'), after: Buffer.from(String(end)).toString('base64url') };
    const next = new URL(url);
    next.searchParams.set('after', cursors.after);
    return { data, paging: { cursors, ...(end < items.length ? { next: next.toString() } : {}) } };
  };

  const graph = (url: URL, response: ServerResponse): number => {
    const parts = url.pathname.replace(/^\/v[\d.]+/, '').split('/').filter(Boolean);
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 25), 100);
    const after = url.searchParams.get('after');
    if (parts.length === 1 && parts[0] === 'me') {
      return send(response, 200, { user_id: account.userId, username: account.username, followers_count: account.followers, media_count: media.length, id: account.userId });
    }
    if (parts[0] === 'me' && parts[1] === 'media') {
      const newest = [...media].sort((a, b) => b.timestamp.localeCompare(a.timestamp));
      const page = paged(newest, after, limit, url);
      return send(response, 200, { ...page, data: page.data.map((m) => ({ id: m.id, caption: m.caption, permalink: `https://www.instagram.com/p/${m.id}/`, timestamp: graphTime(m.timestamp), like_count: m.likes, comments_count: m.comments, media_type: 'VIDEO' })) });
    }
    const item = media.find((m) => m.id === parts[0]);
    if (!item) return send(response, 400, oauthError(100, `Unsupported get request. Object with ID '${parts[0]}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`, 33));
    if (parts.length === 1) return send(response, 200, { id: item.id, like_count: item.likes, comments_count: item.comments });
    if (parts[1] === 'insights') {
      const metrics = (url.searchParams.get('metric') ?? '').split(',');
      const value = (name: string) => (name === 'reach' ? item.reach : name === 'saved' ? item.saved : name === 'shares' ? item.shares : name === 'views' ? item.views : null);
      if (metrics.some((name) => value(name) === null)) return send(response, 400, oauthError(100, '(#100) metric[0] must be one of the following values: reach, saved, shares, views, likes, comments, total_interactions'));
      return send(response, 200, { data: metrics.map((name) => ({ name, period: 'lifetime', values: [{ value: value(name) }], title: name, id: `${item.id}/insights/${name}/lifetime` })) });
    }
    if (parts[1] === 'comments') {
      // Oldest first, as the edge answers them.
      const list = comments.filter((c) => c.mediaId === item.id).sort((a, b) => a.timestamp.localeCompare(b.timestamp));
      const page = paged(list, after, limit, url);
      return send(response, 200, { ...page, data: page.data.map((c) => ({ id: c.id, text: c.text, timestamp: graphTime(c.timestamp), username: c.username })) });
    }
    return send(response, 400, oauthError(100, 'Unknown path'));
  };

  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const record = (status: number) => requests.push({ path: url.pathname, status, at: Date.now() });
      const q = (name: string) => url.searchParams.get(name);
      if (url.pathname === '/oauth/authorize') {
        const redirect = q('redirect_uri');
        if (q('client_id') !== clientId || !redirect || q('response_type') !== 'code') return record(send(response, 400, { error_type: 'OAuthException', code: 400, error_message: 'Invalid platform app' }));
        const code = `AQ${randomBytes(16).toString('base64url')}`;
        codes.set(code, redirect);
        record(302);
        response.writeHead(302, { location: `${redirect}?${new URLSearchParams({ code, state: q('state') ?? '' }).toString()}#_` });
        return response.end();
      }
      if (url.pathname === '/oauth/access_token' && request.method === 'POST') {
        const form = await readForm(request);
        const redirect = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        if (form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret || !redirect || redirect !== form.get('redirect_uri')) {
          return record(send(response, 400, { error_type: 'OAuthException', code: 400, error_message: 'This authorization code has been used.' }));
        }
        return record(send(response, 200, { access_token: issue(false), user_id: Number(account.userId), permissions: 'instagram_business_basic,instagram_business_manage_insights,instagram_business_manage_comments' }));
      }
      if (url.pathname === '/access_token') {
        if (q('grant_type') !== 'ig_exchange_token' || q('client_secret') !== clientSecret || !valid(q('access_token'))) return record(send(response, 400, oauthError(190, 'Invalid OAuth access token - Cannot parse access token')));
        return record(send(response, 200, { access_token: issue(true), token_type: 'bearer', expires_in: 5_184_000 }));
      }
      if (url.pathname === '/refresh_access_token') {
        if (q('grant_type') !== 'ig_refresh_token' || !valid(q('access_token'), true)) return record(send(response, 400, oauthError(190, 'Error validating access token: Session has expired.', 463)));
        return record(send(response, 200, { access_token: issue(true), token_type: 'bearer', expires_in: 5_184_000 }));
      }
      if (!valid(q('access_token'))) return record(send(response, 400, oauthError(190, 'Error validating access token: Session has expired.', 463)));
      if (rateLimited.count > 0) {
        rateLimited = { ...rateLimited, count: rateLimited.count - 1 };
        return record(send(response, 429, oauthError(4, 'Application request limit reached'), { 'retry-after': String(rateLimited.seconds) }));
      }
      record(graph(url, response));
    })().catch((error: unknown) => send(response, 500, oauthError(1, (error as Error).message)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    clientId,
    clientSecret,
    account,
    media,
    comments,
    requests,
    // Every long-lived token runs out, as one left unrefreshed for 60 days: the API and the refresh both answer code 190.
    expireTokens: () => {
      for (const [token, grant] of tokens) if (grant.long) tokens.set(token, { ...grant, expiresAt: Date.now() - 1 });
    },
    rateLimitNext: (count, seconds) => {
      rateLimited = { count, seconds };
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
