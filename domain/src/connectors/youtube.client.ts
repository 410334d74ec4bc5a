import { callPlatform, countOf, form, type Explain } from './platform-http.ts';
import { PlatformError, type CallContext, type Page, type PlatformAccount, type PlatformClient, type PlatformComment, type PlatformPost, type PostCounters, type TokenSet } from './platform-client.ts';

// YouTube through Google's OAuth 2 (authorization code with PKCE, offline access for a refresh
// token), the Data API v3 (channels, playlistItems of the uploads playlist, videos, commentThreads)
// and the Analytics API v2 (watch time and subscribers gained per video). Reference:
// developers.google.com/youtube/v3/docs, /youtube/analytics/reference, /identity/protocols/oauth2/web-server.

export type YouTubeSettings = {
  clientId: string;
  clientSecret: string;
  authUrl: string;
  tokenUrl: string;
  revokeUrl: string;
  apiUrl: string;
  analyticsUrl: string;
};

export const youtubeDefaults = {
  authUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
  tokenUrl: 'https://oauth2.googleapis.com/token',
  revokeUrl: 'https://oauth2.googleapis.com/revoke',
  apiUrl: 'https://www.googleapis.com/youtube/v3',
  analyticsUrl: 'https://youtubeanalytics.googleapis.com/v2',
} as const;

// Read-only: the channel, its videos and their comments, and the channel's analytics.
export const youtubeScopes = ['https://www.googleapis.com/auth/youtube.readonly', 'https://www.googleapis.com/auth/yt-analytics.readonly'] as const;

type GoogleError = { error?: { code?: number; message?: string; errors?: Array<{ reason?: string }> } | string; error_description?: string };

// Google answers API errors as {error: {code, message, errors: [{reason}]}} and OAuth errors as
// {error: "invalid_grant", error_description}. Quota and rate reasons come as 403 as well as 429.
const explain: Explain = (status, body) => {
  const error = (body as GoogleError | null)?.error;
  if (typeof error === 'string') {
    const description = (body as GoogleError).error_description;
    return { message: description ? `${error}: ${description}` : error, ...(error === 'invalid_grant' ? { kind: 'grant' as const } : {}) };
  }
  const reason = error?.errors?.[0]?.reason;
  const message = error?.message ?? (typeof body === 'string' && body ? body.slice(0, 200) : 'no explanation');
  // The daily quota resets at midnight Pacific time: waiting a minute would only spend requests.
  if (reason === 'quotaExceeded' || reason === 'dailyLimitExceeded') return { message: `${reason}: ${message}`, kind: 'rate', waitMs: untilPacificMidnight(new Date()) };
  if (reason === 'rateLimitExceeded' || reason === 'userRateLimitExceeded') return { message: `${reason}: ${message}`, kind: 'rate' };
  return { message: reason ? `${reason}: ${message}` : message, ...(status === 401 ? { kind: 'auth' as const } : {}) };
};

/** Milliseconds from `now` to the next midnight in America/Los_Angeles, when the Data API's daily quota resets. */
export function untilPacificMidnight(now: Date): number {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: 'America/Los_Angeles', hourCycle: 'h23', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(now).map((part) => [part.type, Number(part.value)]));
  const elapsed = ((parts.hour ?? 0) * 3600 + (parts.minute ?? 0) * 60 + (parts.second ?? 0)) * 1000 + now.getUTCMilliseconds();
  return 86_400_000 - elapsed;
}

type GoogleToken = { access_token: string; expires_in?: number; refresh_token?: string; scope?: string };

const tokenSetOf = (token: GoogleToken, now = Date.now()): TokenSet => ({
  accessToken: token.access_token,
  refreshToken: token.refresh_token ?? null,
  expiresAt: token.expires_in ? new Date(now + token.expires_in * 1000) : null,
  scopes: token.scope ? token.scope.split(' ') : [],
});

type Channel = { id: string; snippet?: { title?: string; customUrl?: string }; statistics?: { subscriberCount?: string; hiddenSubscriberCount?: boolean }; contentDetails?: { relatedPlaylists?: { uploads?: string } } };
type PlaylistItem = { snippet?: { title?: string; description?: string; publishedAt?: string }; contentDetails?: { videoId?: string; videoPublishedAt?: string } };
type Video = { id: string; snippet?: { publishedAt?: string; title?: string; description?: string }; statistics?: { viewCount?: string; likeCount?: string; commentCount?: string } };
type CommentThread = { id: string; snippet?: { topLevelComment?: { id?: string; snippet?: { textOriginal?: string; textDisplay?: string; authorDisplayName?: string; publishedAt?: string } } } };
type List<T> = { items?: T[]; nextPageToken?: string };
type ResultTable = { columnHeaders?: Array<{ name: string }>; rows?: unknown[][] };

export const youtubeVideoUrl = (videoId: string) => `https://www.youtube.com/watch?v=${videoId}`;

function statisticsOf(video: Video): PostCounters {
  const counters: PostCounters = {};
  const views = countOf(video.statistics?.viewCount);
  const likes = countOf(video.statistics?.likeCount);
  const comments = countOf(video.statistics?.commentCount);
  // A hidden like count or disabled comments are left out: unknown, never 0.
  if (views !== undefined) counters.views = views;
  if (likes !== undefined) counters.likes = likes;
  if (comments !== undefined) counters.comments = comments;
  return counters;
}

export function youtubeClient(settings: YouTubeSettings): PlatformClient {
  const api = async <T>(call: CallContext, base: string, path: string, query: Record<string, string>) => {
    call.spend();
    return callPlatform<T>(`${base}${path}?${new URLSearchParams(query).toString()}`, { headers: { authorization: `Bearer ${call.accessToken}`, accept: 'application/json' } }, explain);
  };
  // A channel's uploads playlist is its id with UC turned into UU when channels.list did not say.
  const uploadsOf = (account: PlatformAccount) => account.postsListId ?? `UU${account.accountId.slice(2)}`;

  return {
    platform: 'youtube',
    scopes: youtubeScopes,
    commentsNewestFirst: true,
    authorizationUrl: ({ state, codeChallenge, redirectUri }) => {
      const url = new URL(settings.authUrl);
      url.search = new URLSearchParams({
        client_id: settings.clientId,
        redirect_uri: redirectUri,
        response_type: 'code',
        scope: youtubeScopes.join(' '),
        // offline + consent: Google sends a refresh token, also to an account that granted before.
        access_type: 'offline',
        prompt: 'consent',
        include_granted_scopes: 'true',
        state,
        code_challenge: codeChallenge,
        code_challenge_method: 'S256',
      }).toString();
      return url.toString();
    },
    exchangeCode: async ({ code, codeVerifier, redirectUri }) =>
      tokenSetOf(await callPlatform<GoogleToken>(settings.tokenUrl, form({ grant_type: 'authorization_code', code, code_verifier: codeVerifier, redirect_uri: redirectUri, client_id: settings.clientId, client_secret: settings.clientSecret }), explain)),
    refresh: async (refreshToken) =>
      tokenSetOf(await callPlatform<GoogleToken>(settings.tokenUrl, form({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: settings.clientId, client_secret: settings.clientSecret }), explain)),
    revoke: async (token) => {
      await callPlatform(settings.revokeUrl, form({ token }), explain);
    },
    account: async (call) => {
      const list = await api<List<Channel>>(call, settings.apiUrl, '/channels', { part: 'snippet,statistics,contentDetails', mine: 'true' });
      const channel = list.items?.[0];
      if (!channel) throw new Error('The Google account has no YouTube channel: connect the account that owns the channel.');
      const hidden = channel.statistics?.hiddenSubscriberCount === true;
      const uploads = channel.contentDetails?.relatedPlaylists?.uploads;
      return {
        accountId: channel.id,
        handle: channel.snippet?.customUrl ?? channel.snippet?.title ?? channel.id,
        followers: hidden ? null : (countOf(channel.statistics?.subscriberCount) ?? null),
        ...(uploads ? { postsListId: uploads } : {}),
      };
    },
    posts: async (call, account, pageToken): Promise<Page<PlatformPost>> => {
      // The uploads playlist lists the channel's videos newest first (1 quota unit a page, where
      // search.list costs 100); the statistics come from videos.list for the page's ids.
      const page = await api<List<PlaylistItem>>(call, settings.apiUrl, '/playlistItems', { part: 'snippet,contentDetails', playlistId: uploadsOf(account), maxResults: '50', ...(pageToken ? { pageToken } : {}) });
      const ids = (page.items ?? []).flatMap((item) => (item.contentDetails?.videoId ? [item.contentDetails.videoId] : []));
      const videos = ids.length === 0 ? [] : ((await api<List<Video>>(call, settings.apiUrl, '/videos', { part: 'snippet,statistics', id: ids.join(','), maxResults: '50' })).items ?? []);
      const byId = new Map(videos.map((video) => [video.id, video]));
      const items = ids.flatMap((id) => {
        const video = byId.get(id);
        const publishedAt = video?.snippet?.publishedAt;
        // A private or deleted upload answers no video: nothing to track.
        if (!video || !publishedAt) return [];
        return [{ platformPostId: id, url: youtubeVideoUrl(id), caption: `${video.snippet?.title ?? ''}\n${video.snippet?.description ?? ''}`, publishedAt, counters: statisticsOf(video) }];
      });
      return { items, nextPageToken: page.nextPageToken ?? null };
    },
    counters: async (call, _account, posts, today) => {
      const result = new Map<string, PostCounters>();
      if (posts.length === 0) return result;
      const ids = posts.map((post) => post.platformPostId);
      const videos = (await api<List<Video>>(call, settings.apiUrl, '/videos', { part: 'statistics', id: ids.join(','), maxResults: '50' })).items ?? [];
      for (const video of videos) result.set(video.id, statisticsOf(video));
      // Watch time and subscribers gained since each video went live (Analytics reports by day, in the channel's days).
      const startDate = new Date(Math.min(...posts.map((post) => post.publishedAt.getTime()))).toISOString().slice(0, 10);
      const table = await api<ResultTable>(call, settings.analyticsUrl, '/reports', {
        ids: 'channel==MINE',
        startDate,
        endDate: today,
        metrics: 'views,estimatedMinutesWatched,subscribersGained',
        dimensions: 'video',
        filters: `video==${ids.join(',')}`,
        sort: '-views',
        maxResults: String(ids.length),
      });
      const column = (name: string) => (table.columnHeaders ?? []).findIndex((header) => header.name === name);
      const [video, minutes, gained] = [column('video'), column('estimatedMinutesWatched'), column('subscribersGained')];
      for (const row of table.rows ?? []) {
        const id = row[video];
        const counters = typeof id === 'string' ? result.get(id) : undefined;
        if (!counters) continue;
        const watched = countOf(row[minutes]);
        const follows = countOf(row[gained]);
        if (watched !== undefined) counters.watchTimeSeconds = watched * 60;
        if (follows !== undefined) counters.follows = follows;
      }
      return result;
    },
    comments: async (call, platformPostId, pageToken): Promise<Page<PlatformComment>> => {
      let page: List<CommentThread>;
      try {
        page = await api<List<CommentThread>>(call, settings.apiUrl, '/commentThreads', { part: 'snippet', videoId: platformPostId, order: 'time', textFormat: 'plainText', maxResults: '100', ...(pageToken ? { pageToken } : {}) });
      } catch (error) {
        // A video with comments turned off has none to collect; that is no failure of the pull.
        if (error instanceof PlatformError && error.status === 403 && error.message.includes('commentsDisabled')) return { items: [], nextPageToken: null };
        throw error;
      }
      const items = (page.items ?? []).flatMap((thread) => {
        const top = thread.snippet?.topLevelComment;
        const text = top?.snippet?.textOriginal ?? top?.snippet?.textDisplay;
        if (!top?.id || text === undefined || !top.snippet?.publishedAt) return [];
        return [{ platformCommentId: top.id, authorHandle: top.snippet.authorDisplayName ?? '', text, postedAt: top.snippet.publishedAt }];
      });
      return { items, nextPageToken: page.nextPageToken ?? null };
    },
  };
}
