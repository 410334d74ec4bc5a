/**
 * A local stand-in for Google's OAuth 2 endpoints, the YouTube Data API v3 and the YouTube
 * Analytics API v2, answering like their published reference (developers.google.com/youtube/v3/docs,
 * /youtube/analytics/reference/reports/query, /identity/protocols/oauth2/web-server):
 *
 * - GET  /o/oauth2/v2/auth: consents at once and redirects (302) to redirect_uri with code and state.
 * - POST /token: authorization_code (PKCE S256 checked) and refresh_token grants; errors as
 *   {error: "invalid_grant", error_description} with 400.
 * - POST /revoke: token=…; 200 {} or 400 invalid_token.
 * - GET  /youtube/v3/channels?mine=true, /playlistItems (the uploads playlist, newest first, 50 a
 *   page with nextPageToken), /videos?id=…, /commentThreads?videoId=… (newest first, pageToken).
 * - GET  /v2/reports: ids=channel==MINE, metrics views,estimatedMinutesWatched,subscribersGained,
 *   dimensions=video, filters=video==a,b: a resultTable.
 *
 * An access token that expired or was revoked answers 401 with Google's error body; scripted
 * faults answer 429 with Retry-After (rateLimitExceeded) for the next API requests. Every request
 * is recorded.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readForm, sendJson } from '../fake-platform-http.ts';

export type FakeVideo = { id: string; title: string; description: string; publishedAt: string; views: number; likes: number | null; comments: number; minutesWatched: number; subscribersGained: number };
export type FakeComment = { id: string; videoId: string; author: string; text: string; publishedAt: string };

export type FakeYouTube = {
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly channel: { id: string; title: string; customUrl: string; subscribers: number };
  readonly videos: FakeVideo[];
  readonly comments: FakeComment[];
  readonly requests: Array<{ method: string; path: string; status: number; authorization: string | undefined; at: number }>;
  /** Every access token issued so far stops working (401 UNAUTHENTICATED), as when they expire. */
  expireAccessTokens(): void;
  /** The next `count` API requests answer 429 with Retry-After: `seconds`. */
  rateLimitNext(count: number, seconds: number): void;
  readonly revoked: string[];
  close(): Promise<void>;
};

const googleError = (code: number, status: string, message: string, reason: string, domain = 'global') => ({ error: { code, message, errors: [{ message, domain, reason }], status } });

export async function startFakeYouTube(options: { accessTokenSeconds?: number } = {}): Promise<FakeYouTube> {
  const clientId = 'fake-client-id.apps.googleusercontent.com';
  const clientSecret = 'fake-client-secret';
  const channel = { id: 'UCfakeChannel000000000001', title: 'Léa Nova', customUrl: '@leanova', subscribers: 12_400 };
  const videos: FakeVideo[] = [];
  const comments: FakeComment[] = [];
  const requests: FakeYouTube['requests'] = [];
  const revoked: string[] = [];
  const codes = new Map<string, { challenge: string; redirectUri: string; scope: string }>();
  const accessTokens = new Map<string, { expiresAt: number }>();
  const refreshTokens = new Set<string>();
  let rateLimited = { count: 0, seconds: 0 };

  const send = sendJson;
  const readBody = readForm;
  const issue = (scope: string, withRefresh: boolean) => {
    const access = `ya29.${randomBytes(24).toString('base64url')}`;
    accessTokens.set(access, { expiresAt: Date.now() + (options.accessTokenSeconds ?? 3599) * 1000 });
    const body: Record<string, unknown> = { access_token: access, expires_in: options.accessTokenSeconds ?? 3599, scope, token_type: 'Bearer' };
    if (withRefresh) {
      const refresh = `1//${randomBytes(24).toString('base64url')}`;
      refreshTokens.add(refresh);
      body.refresh_token = refresh;
    }
    return body;
  };
  const pageOf = <T>(items: T[], token: string | null, size: number) => {
    const offset = token ? Number(Buffer.from(token, 'base64url').toString('utf8').replace('offset:', '')) : 0;
    const slice = items.slice(offset, offset + size);
    const next = offset + size < items.length ? Buffer.from(`offset:${offset + size}`).toString('base64url') : undefined;
    return { slice, next, total: items.length };
  };
  const newestFirst = <T extends { publishedAt: string }>(items: T[]) => [...items].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));

  const api = (url: URL, response: ServerResponse): number => {
    const path = url.pathname;
    const q = (name: string) => url.searchParams.get(name);
    if (path === '/youtube/v3/channels') {
      if (q('mine') !== 'true') return send(response, 400, googleError(400, 'INVALID_ARGUMENT', 'No filter selected.', 'missingRequiredParameter'));
      return send(response, 200, {
        kind: 'youtube#channelListResponse',
        pageInfo: { totalResults: 1, resultsPerPage: 5 },
        items: [{
          kind: 'youtube#channel',
          id: channel.id,
          snippet: { title: channel.title, description: '', customUrl: channel.customUrl, publishedAt: '2025-01-01T00:00:00Z' },
          contentDetails: { relatedPlaylists: { likes: '', uploads: `UU${channel.id.slice(2)}` } },
          statistics: { viewCount: String(videos.reduce((sum, video) => sum + video.views, 0)), subscriberCount: String(channel.subscribers), hiddenSubscriberCount: false, videoCount: String(videos.length) },
        }],
      });
    }
    if (path === '/youtube/v3/playlistItems') {
      if (q('playlistId') !== `UU${channel.id.slice(2)}`) return send(response, 404, googleError(404, 'NOT_FOUND', 'The playlist identified with the request\'s playlistId parameter cannot be found.', 'playlistNotFound', 'youtube.playlistItem'));
      const { slice, next, total } = pageOf(newestFirst(videos), q('pageToken'), Math.min(Number(q('maxResults') ?? 5), 50));
      return send(response, 200, {
        kind: 'youtube#playlistItemListResponse',
        ...(next ? { nextPageToken: next } : {}),
        pageInfo: { totalResults: total, resultsPerPage: slice.length },
        items: slice.map((video) => ({
          kind: 'youtube#playlistItem',
          id: `PLI${video.id}`,
          snippet: { publishedAt: video.publishedAt, channelId: channel.id, title: video.title, description: video.description, resourceId: { kind: 'youtube#video', videoId: video.id } },
          contentDetails: { videoId: video.id, videoPublishedAt: video.publishedAt },
        })),
      });
    }
    if (path === '/youtube/v3/videos') {
      const ids = (q('id') ?? '').split(',').filter(Boolean);
      if (ids.length > 50) return send(response, 400, googleError(400, 'INVALID_ARGUMENT', 'The request specifies an invalid filter parameter.', 'invalidFilters'));
      const items = videos.filter((video) => ids.includes(video.id)).map((video) => ({
        kind: 'youtube#video',
        id: video.id,
        snippet: { publishedAt: video.publishedAt, channelId: channel.id, title: video.title, description: video.description },
        statistics: { viewCount: String(video.views), ...(video.likes === null ? {} : { likeCount: String(video.likes) }), favoriteCount: '0', commentCount: String(video.comments) },
      }));
      return send(response, 200, { kind: 'youtube#videoListResponse', pageInfo: { totalResults: items.length, resultsPerPage: items.length }, items });
    }
    if (path === '/youtube/v3/commentThreads') {
      const videoId = q('videoId');
      if (!videos.some((video) => video.id === videoId)) return send(response, 404, googleError(404, 'NOT_FOUND', 'The video identified by the videoId parameter could not be found.', 'videoNotFound', 'youtube.commentThread'));
      const { slice, next, total } = pageOf(newestFirst(comments.filter((comment) => comment.videoId === videoId)), q('pageToken'), Math.min(Number(q('maxResults') ?? 20), 100));
      return send(response, 200, {
        kind: 'youtube#commentThreadListResponse',
        ...(next ? { nextPageToken: next } : {}),
        pageInfo: { totalResults: total, resultsPerPage: slice.length },
        items: slice.map((comment) => ({
          kind: 'youtube#commentThread',
          id: comment.id,
          snippet: {
            channelId: channel.id,
            videoId: comment.videoId,
            topLevelComment: { kind: 'youtube#comment', id: comment.id, snippet: { videoId: comment.videoId, textDisplay: comment.text, textOriginal: comment.text, authorDisplayName: comment.author, likeCount: 0, publishedAt: comment.publishedAt, updatedAt: comment.publishedAt } },
            canReply: true,
            totalReplyCount: 0,
            isPublic: true,
          },
        })),
      });
    }
    if (path === '/v2/reports') {
      if (q('ids') !== 'channel==MINE' || !q('startDate') || !q('endDate') || !q('metrics')) return send(response, 400, googleError(400, 'INVALID_ARGUMENT', 'Required parameters missing.', 'required'));
      const metrics = q('metrics')!.split(',');
      const ids = (q('filters') ?? '').replace(/^video==/, '').split(',').filter(Boolean);
      const value = (video: FakeVideo, metric: string) => (metric === 'views' ? video.views : metric === 'estimatedMinutesWatched' ? video.minutesWatched : metric === 'subscribersGained' ? video.subscribersGained : 0);
      return send(response, 200, {
        kind: 'youtubeAnalytics#resultTable',
        columnHeaders: [{ name: 'video', columnType: 'DIMENSION', dataType: 'STRING' }, ...metrics.map((name) => ({ name, columnType: 'METRIC', dataType: 'INTEGER' }))],
        rows: videos.filter((video) => ids.includes(video.id)).map((video) => [video.id, ...metrics.map((metric) => value(video, metric))]),
      });
    }
    return send(response, 404, googleError(404, 'NOT_FOUND', 'Not Found', 'notFound'));
  };

  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const record = (status: number) => requests.push({ method: request.method ?? 'GET', path: url.pathname, status, authorization: request.headers.authorization, at: Date.now() });
      const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        record(status);
        send(response, status, body, headers);
      };
      if (url.pathname === '/o/oauth2/v2/auth') {
        const redirect = url.searchParams.get('redirect_uri');
        if (url.searchParams.get('client_id') !== clientId || !redirect || url.searchParams.get('code_challenge_method') !== 'S256' || !url.searchParams.get('code_challenge')) return reply(400, { error: 'invalid_request', error_description: 'client_id, redirect_uri and an S256 code_challenge are required' });
        const code = `4/${randomBytes(16).toString('base64url')}`;
        codes.set(code, { challenge: url.searchParams.get('code_challenge')!, redirectUri: redirect, scope: url.searchParams.get('scope') ?? '' });
        record(302);
        response.writeHead(302, { location: `${redirect}?${new URLSearchParams({ state: url.searchParams.get('state') ?? '', code, scope: url.searchParams.get('scope') ?? '' }).toString()}` });
        return response.end();
      }
      if (url.pathname === '/token' && request.method === 'POST') {
        const form = await readBody(request);
        if (form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret) return reply(401, { error: 'invalid_client', error_description: 'The OAuth client was not found.' });
        if (form.get('grant_type') === 'authorization_code') {
          const granted = codes.get(form.get('code') ?? '');
          codes.delete(form.get('code') ?? '');
          const verifier = form.get('code_verifier') ?? '';
          if (!granted || granted.redirectUri !== form.get('redirect_uri') || createHash('sha256').update(verifier).digest('base64url') !== granted.challenge) return reply(400, { error: 'invalid_grant', error_description: 'Bad Request' });
          return reply(200, issue(granted.scope, true));
        }
        if (form.get('grant_type') === 'refresh_token') {
          if (!refreshTokens.has(form.get('refresh_token') ?? '')) return reply(400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
          return reply(200, issue('https://www.googleapis.com/auth/youtube.readonly https://www.googleapis.com/auth/yt-analytics.readonly', false));
        }
        return reply(400, { error: 'unsupported_grant_type', error_description: `Invalid grant_type: ${form.get('grant_type')}` });
      }
      if (url.pathname === '/revoke' && request.method === 'POST') {
        const token = (await readBody(request)).get('token') ?? url.searchParams.get('token') ?? '';
        if (!refreshTokens.delete(token) && !accessTokens.delete(token)) return reply(400, { error: 'invalid_token', error_description: 'Token expired or revoked' });
        revoked.push(token);
        // Revoking the refresh token ends the access tokens issued from it.
        accessTokens.clear();
        return reply(200, {});
      }
      const bearer = request.headers.authorization?.match(/^Bearer (.+)$/)?.[1] ?? '';
      const grant = accessTokens.get(bearer);
      if (!grant || grant.expiresAt < Date.now()) {
        return reply(401, googleError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.', 'authError'), { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' });
      }
      if (rateLimited.count > 0) {
        rateLimited = { ...rateLimited, count: rateLimited.count - 1 };
        return reply(429, googleError(429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).', 'rateLimitExceeded', 'youtube.quota'), { 'retry-after': String(rateLimited.seconds) });
      }
      record(api(url, response));
    })().catch((error: unknown) => {
      send(response, 500, googleError(500, 'INTERNAL', (error as Error).message, 'backendError'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    clientId,
    clientSecret,
    channel,
    videos,
    comments,
    requests,
    revoked,
    expireAccessTokens: () => {
      for (const grant of accessTokens.values()) grant.expiresAt = 0;
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
