import { callPlatform, countOf, form, type Explain } from './platform-http.ts';
import type { CallContext, Page, PlatformClient, PlatformPost, PostCounters, TokenSet } from './platform-client.ts';

// TikTok through Login Kit for Web and the Display API v2: the code flow at
// tiktok.com/v2/auth/authorize (the client secret authenticates the exchange), tokens at
// open.tiktokapis.com/v2/oauth/token (access 24 h, refresh 365 days, the refresh token may change
// on each refresh), /v2/user/info (follower_count), /v2/video/list (newest first, a cursor) and
// /v2/video/query (counts of up to 20 videos). The Display API has no comments endpoint, so a
// TikTok connection collects none (upload them as a CSV). Reference: developers.tiktok.com/doc.

export type TikTokSettings = { clientId: string; clientSecret: string; authUrl: string; apiUrl: string };

export const tiktokDefaults = { authUrl: 'https://www.tiktok.com/v2/auth/authorize/', apiUrl: 'https://open.tiktokapis.com/v2' } as const;

export const tiktokScopes = ['user.info.basic', 'user.info.stats', 'video.list'] as const;

type TikTokError = { error?: { code?: string; message?: string } | string; error_description?: string };

// API errors come as {error: {code, message, log_id}} (code "ok" on success), OAuth errors as
// {error: "invalid_grant", error_description}.
const explain: Explain = (status, body) => {
  const error = (body as TikTokError | null)?.error;
  if (typeof error === 'string') {
    const description = (body as TikTokError).error_description;
    return { message: description ? `${error}: ${description}` : error, ...(error === 'invalid_grant' ? { kind: 'grant' as const } : {}) };
  }
  const code = error?.code ?? 'error';
  const message = `${code}: ${error?.message ?? 'no explanation'}`;
  if (code === 'rate_limit_exceeded') return { message, kind: 'rate' };
  if (code === 'access_token_invalid') return { message, kind: 'auth' };
  return { message, ...(status === 401 ? { kind: 'auth' as const } : {}) };
};

type TikTokToken = { access_token: string; expires_in?: number; refresh_token?: string; scope?: string; open_id?: string };
type Video = { id: string; title?: string; video_description?: string; create_time?: number; share_url?: string; view_count?: number; like_count?: number; comment_count?: number; share_count?: number };
type Answer<T> = { data?: T; error?: { code?: string; message?: string } };

const tokenSetOf = (token: TikTokToken, now = Date.now()): TokenSet => ({
  accessToken: token.access_token,
  refreshToken: token.refresh_token ?? null,
  expiresAt: token.expires_in ? new Date(now + token.expires_in * 1000) : null,
  scopes: token.scope ? token.scope.split(',') : [],
});

function countersOf(video: Video): PostCounters {
  const counters: PostCounters = {};
  const pairs = [['views', video.view_count], ['likes', video.like_count], ['comments', video.comment_count], ['shares', video.share_count]] as const;
  for (const [name, value] of pairs) {
    const count = countOf(value);
    if (count !== undefined) counters[name] = count;
  }
  return counters;
}

const countFields = 'id,view_count,like_count,comment_count,share_count';

export function tiktokClient(settings: TikTokSettings): PlatformClient {
  const api = async <T>(call: CallContext, path: string, fields: string, body?: unknown) => {
    call.spend();
    const init: RequestInit = body === undefined
      ? { headers: { authorization: `Bearer ${call.accessToken}` } }
      : { method: 'POST', headers: { authorization: `Bearer ${call.accessToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) };
    const answer = await callPlatform<Answer<T>>(`${settings.apiUrl}${path}?fields=${fields}`, init, explain);
    return answer.data as T;
  };
  const oauth = (fields: Record<string, string>) => callPlatform<TikTokToken>(`${settings.apiUrl}/oauth/token/`, form({ client_key: settings.clientId, client_secret: settings.clientSecret, ...fields }), explain);

  return {
    platform: 'tiktok',
    scopes: tiktokScopes,
    commentsNewestFirst: true,
    authorizationUrl: ({ state, redirectUri }) => {
      const url = new URL(settings.authUrl);
      url.search = new URLSearchParams({ client_key: settings.clientId, scope: tiktokScopes.join(','), response_type: 'code', redirect_uri: redirectUri, state }).toString();
      return url.toString();
    },
    exchangeCode: async ({ code, redirectUri }) => tokenSetOf(await oauth({ grant_type: 'authorization_code', code, redirect_uri: redirectUri })),
    refresh: async (refreshToken) => tokenSetOf(await oauth({ grant_type: 'refresh_token', refresh_token: refreshToken })),
    revoke: async (token) => {
      await callPlatform(`${settings.apiUrl}/oauth/revoke/`, form({ client_key: settings.clientId, client_secret: settings.clientSecret, token }), explain);
    },
    account: async (call) => {
      const data = await api<{ user?: { open_id: string; username?: string; display_name?: string; follower_count?: number } }>(call, '/user/info/', 'open_id,username,display_name,follower_count');
      const user = data.user;
      if (!user) throw new Error('TikTok answered no user for this token.');
      return { accountId: user.open_id, handle: user.username ? `@${user.username}` : (user.display_name ?? user.open_id), followers: countOf(user.follower_count) ?? null };
    },
    posts: async (call, _account, pageToken): Promise<Page<PlatformPost>> => {
      const data = await api<{ videos?: Video[]; cursor?: number; has_more?: boolean }>(call, '/video/list/', `${countFields},title,video_description,create_time,share_url`, { max_count: 20, ...(pageToken ? { cursor: Number(pageToken) } : {}) });
      const items = (data.videos ?? []).flatMap((video) => {
        if (!video.share_url || video.create_time === undefined) return [];
        return [{ platformPostId: video.id, url: video.share_url, caption: `${video.title ?? ''}\n${video.video_description ?? ''}`, publishedAt: new Date(video.create_time * 1000).toISOString(), counters: countersOf(video) }];
      });
      return { items, nextPageToken: data.has_more && data.cursor !== undefined ? String(data.cursor) : null };
    },
    counters: async (call, _account, posts) => {
      const result = new Map<string, PostCounters>();
      for (let start = 0; start < posts.length; start += 20) {
        const ids = posts.slice(start, start + 20).map((post) => post.platformPostId);
        const data = await api<{ videos?: Video[] }>(call, '/video/query/', countFields, { filters: { video_ids: ids } });
        for (const video of data.videos ?? []) result.set(video.id, countersOf(video));
      }
      return result;
    },
    comments: () => Promise.resolve({ items: [], nextPageToken: null }),
  };
}
