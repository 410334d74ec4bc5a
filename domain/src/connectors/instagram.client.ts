import { callPlatform, countOf, form, type Explain } from './platform-http.ts';
import { PlatformAuthError, PlatformGrantError, type CallContext, type Page, type PlatformClient, type PlatformComment, type PlatformPost, type PostCounters, type TokenSet } from './platform-client.ts';

// Instagram professional accounts through the Instagram API with Instagram Login: the code flow at
// instagram.com/oauth/authorize, a short-lived token (1 h) exchanged at once for a long-lived one
// (60 days) that refreshes itself (ig_refresh_token; there is no separate refresh token, and no
// PKCE), then the Graph API at graph.instagram.com: /me (followers_count), /me/media (paged with
// cursors), /{media}/insights (lifetime reach, saved, shares, views) and /{media}/comments.
// Reference: developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login.

export type InstagramSettings = { clientId: string; clientSecret: string; authUrl: string; tokenUrl: string; graphUrl: string };

export const instagramDefaults = {
  authUrl: 'https://www.instagram.com/oauth/authorize',
  tokenUrl: 'https://api.instagram.com/oauth/access_token',
  graphUrl: 'https://graph.instagram.com/v23.0',
} as const;

export const instagramScopes = ['instagram_business_basic', 'instagram_business_manage_insights', 'instagram_business_manage_comments'] as const;

type GraphError = { error?: { message?: string; type?: string; code?: number; error_subcode?: number } | string; error_message?: string; error_type?: string };

// Graph errors: code 190 an invalid or expired token; 4, 17, 32 and 613 request limits (answered
// as 400 or 403 as often as 429). The token endpoint answers {error_type, code, error_message}.
const explain: Explain = (status, body) => {
  const payload = body as GraphError | null;
  const error = typeof payload?.error === 'object' ? payload.error : undefined;
  const message = error?.message ?? payload?.error_message ?? (typeof payload?.error === 'string' ? payload.error : 'no explanation');
  const code = error?.code;
  if (code !== undefined && [4, 17, 32, 613].includes(code)) return { message: `code ${code}: ${message}`, kind: 'rate' };
  if (code === 190) return { message: `code 190: ${message}`, kind: 'auth' };
  return { message: code !== undefined ? `code ${code}: ${message}` : message, ...(status === 401 ? { kind: 'auth' as const } : {}) };
};

type GraphToken = { access_token: string; expires_in?: number; permissions?: string[] | string };
type Media = { id: string; caption?: string; permalink?: string; timestamp?: string; like_count?: number; comments_count?: number };
type Paged<T> = { data?: T[]; paging?: { cursors?: { after?: string }; next?: string } };
type Insight = { name: string; values?: Array<{ value?: unknown }>; total_value?: { value?: unknown } };

const expiryOf = (token: GraphToken, now = Date.now()) => (token.expires_in ? new Date(now + token.expires_in * 1000) : null);

export function instagramClient(settings: InstagramSettings): PlatformClient {
  const graph = async <T>(call: CallContext, path: string, query: Record<string, string>) => {
    call.spend();
    return callPlatform<T>(`${settings.graphUrl}${path}?${new URLSearchParams({ ...query, access_token: call.accessToken }).toString()}`, { headers: { accept: 'application/json' } }, explain);
  };
  const nextCursor = (page: Paged<unknown>) => (page.paging?.next ? (page.paging.cursors?.after ?? null) : null);
  const longLived = (token: string): TokenSet => ({ accessToken: token, refreshToken: token, expiresAt: null, scopes: [] });

  return {
    platform: 'instagram',
    scopes: instagramScopes,
    // Long-lived tokens last 60 days and may be refreshed once a day old: a week ahead is plenty.
    refreshWindowMs: 7 * 86_400_000,
    commentsNewestFirst: false,
    authorizationUrl: ({ state, redirectUri }) => {
      const url = new URL(settings.authUrl);
      url.search = new URLSearchParams({ client_id: settings.clientId, redirect_uri: redirectUri, response_type: 'code', scope: instagramScopes.join(','), state }).toString();
      return url.toString();
    },
    exchangeCode: async ({ code, redirectUri }) => {
      const short = await callPlatform<GraphToken>(settings.tokenUrl, form({ client_id: settings.clientId, client_secret: settings.clientSecret, grant_type: 'authorization_code', redirect_uri: redirectUri, code }), explain);
      const query = new URLSearchParams({ grant_type: 'ig_exchange_token', client_secret: settings.clientSecret, access_token: short.access_token });
      const long = await callPlatform<GraphToken>(`${settings.graphUrl.replace(/\/v[\d.]+$/, '')}/access_token?${query.toString()}`, { headers: { accept: 'application/json' } }, explain);
      const permissions = Array.isArray(short.permissions) ? short.permissions : (short.permissions ?? '').split(',').filter(Boolean);
      return { ...longLived(long.access_token), expiresAt: expiryOf(long), scopes: permissions };
    },
    refresh: async (token) => {
      const query = new URLSearchParams({ grant_type: 'ig_refresh_token', access_token: token });
      try {
        const refreshed = await callPlatform<GraphToken>(`${settings.graphUrl.replace(/\/v[\d.]+$/, '')}/refresh_access_token?${query.toString()}`, { headers: { accept: 'application/json' } }, explain);
        return { ...longLived(refreshed.access_token), expiresAt: expiryOf(refreshed) };
      } catch (error) {
        // An expired long-lived token cannot refresh itself: the account must be connected again.
        if (error instanceof PlatformAuthError) throw new PlatformGrantError(error.message);
        throw error;
      }
    },
    // Instagram Login offers no revocation endpoint: the tokens are erased here, and the user
    // removes the app under Settings > Apps and websites.
    revoke: () => Promise.resolve(),
    account: async (call) => {
      const me = await graph<{ id: string; user_id?: string; username?: string; followers_count?: number }>(call, '/me', { fields: 'user_id,username,followers_count,media_count' });
      return { accountId: me.user_id ?? me.id, handle: me.username ? `@${me.username}` : me.id, followers: countOf(me.followers_count) ?? null };
    },
    posts: async (call, _account, pageToken): Promise<Page<PlatformPost>> => {
      const page = await graph<Paged<Media>>(call, '/me/media', { fields: 'id,caption,permalink,timestamp,like_count,comments_count', limit: '50', ...(pageToken ? { after: pageToken } : {}) });
      const items = (page.data ?? []).flatMap((media) => {
        if (!media.permalink || !media.timestamp) return [];
        const counters: PostCounters = {};
        const likes = countOf(media.like_count);
        const comments = countOf(media.comments_count);
        if (likes !== undefined) counters.likes = likes;
        if (comments !== undefined) counters.comments = comments;
        return [{ platformPostId: media.id, url: media.permalink, caption: media.caption ?? '', publishedAt: new Date(media.timestamp).toISOString(), counters }];
      });
      return { items, nextPageToken: nextCursor(page) };
    },
    counters: async (call, _account, posts) => {
      const result = new Map<string, PostCounters>();
      for (const post of posts) {
        const media = await graph<Media>(call, `/${post.platformPostId}`, { fields: 'like_count,comments_count' });
        const insights = await graph<Paged<Insight>>(call, `/${post.platformPostId}/insights`, { metric: 'reach,saved,shares,views' });
        const counters: PostCounters = {};
        const likes = countOf(media.like_count);
        const comments = countOf(media.comments_count);
        if (likes !== undefined) counters.likes = likes;
        if (comments !== undefined) counters.comments = comments;
        for (const insight of insights.data ?? []) {
          const value = countOf(insight.total_value?.value ?? insight.values?.[0]?.value);
          if (value === undefined) continue;
          if (insight.name === 'reach') counters.reach = value;
          if (insight.name === 'saved') counters.saves = value;
          if (insight.name === 'shares') counters.shares = value;
          if (insight.name === 'views') counters.views = value;
        }
        result.set(post.platformPostId, counters);
      }
      return result;
    },
    comments: async (call, platformPostId, pageToken): Promise<Page<PlatformComment>> => {
      const page = await graph<Paged<{ id: string; text?: string; timestamp?: string; username?: string }>>(call, `/${platformPostId}/comments`, { fields: 'id,text,timestamp,username', limit: '50', ...(pageToken ? { after: pageToken } : {}) });
      const items = (page.data ?? []).flatMap((comment) => (comment.text === undefined || !comment.timestamp ? [] : [{ platformCommentId: comment.id, authorHandle: comment.username ? `@${comment.username}` : '', text: comment.text, postedAt: new Date(comment.timestamp).toISOString() }]));
      return { items, nextPageToken: nextCursor(page) };
    },
  };
}
