/**
 * A local stand-in for TikTok's Login Kit for Web and Display API v2, answering like their reference
 * (developers.tiktok.com/doc): GET /v2/auth/authorize/ consents at once and redirects with code and
 * state; POST /v2/oauth/token/ (authorization_code, refresh_token: a new refresh token each time,
 * the old one spent), POST /v2/oauth/revoke/; GET /v2/user/info/, POST /v2/video/list/ (newest
 * first, max_count up to 20, cursor and has_more) and POST /v2/video/query/ (filters.video_ids, up
 * to 20). API answers carry error {code: "ok"}; an invalid token answers 401 access_token_invalid,
 * scripted faults 429 rate_limit_exceeded with Retry-After.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeTikTokVideo = { id: string; title: string; description: string; createTime: number; views: number; likes: number; comments: number; shares: number };

export type FakeTikTok = {
  readonly url: string;
  readonly clientKey: string;
  readonly clientSecret: string;
  readonly user: { openId: string; username: string; followers: number };
  readonly videos: FakeTikTokVideo[];
  readonly requests: Array<{ path: string; status: number; at: number }>;
  readonly revoked: string[];
  expireAccessTokens(): void;
  rateLimitNext(count: number, seconds: number): void;
  close(): Promise<void>;
};

const logId = () => randomBytes(8).toString('hex').toUpperCase();
const ok = (data: unknown) => ({ data, error: { code: 'ok', message: '', log_id: logId() } });
const apiError = (code: string, message: string) => ({ error: { code, message, log_id: logId() } });

export async function startFakeTikTok(): Promise<FakeTikTok> {
  const clientKey = 'awfaketiktokkey01';
  const clientSecret = 'fake-tiktok-secret';
  const user = { openId: '-000fakeOpenId0001', username: 'lea.nova', followers: 91_000 };
  const videos: FakeTikTokVideo[] = [];
  const requests: FakeTikTok['requests'] = [];
  const revoked: string[] = [];
  const codes = new Map<string, string>();
  const access = new Map<string, number>();
  const refresh = new Set<string>();
  let rateLimited = { count: 0, seconds: 0 };

  const send = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): number => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
    return status;
  };
  const readBody = async (request: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };
  const issue = () => {
    const accessToken = `act.${randomBytes(24).toString('hex')}`;
    const refreshToken = `rft.${randomBytes(24).toString('hex')}`;
    access.set(accessToken, Date.now() + 86_400_000);
    refresh.add(refreshToken);
    return { access_token: accessToken, expires_in: 86_400, open_id: user.openId, refresh_expires_in: 31_536_000, refresh_token: refreshToken, scope: 'user.info.basic,user.info.stats,video.list', token_type: 'Bearer' };
  };
  const videoJson = (video: FakeTikTokVideo, fields: string[]) => {
    const all: Record<string, unknown> = { id: video.id, title: video.title, video_description: video.description, create_time: video.createTime, share_url: `https://www.tiktok.com/@${user.username}/video/${video.id}`, view_count: video.views, like_count: video.likes, comment_count: video.comments, share_count: video.shares };
    return Object.fromEntries(fields.filter((field) => field in all).map((field) => [field, all[field]]));
  };

  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const record = (status: number) => requests.push({ path: url.pathname, status, at: Date.now() });
      if (url.pathname === '/v2/auth/authorize/') {
        const redirect = url.searchParams.get('redirect_uri');
        if (url.searchParams.get('client_key') !== clientKey || !redirect) return record(send(response, 400, { error: 'invalid_request', error_description: 'client_key' }));
        const code = randomBytes(16).toString('hex');
        codes.set(code, redirect);
        record(302);
        response.writeHead(302, { location: `${redirect}?${new URLSearchParams({ code, scopes: url.searchParams.get('scope') ?? '', state: url.searchParams.get('state') ?? '' }).toString()}` });
        return response.end();
      }
      if (url.pathname === '/v2/oauth/token/') {
        const form = new URLSearchParams(await readBody(request));
        if (form.get('client_key') !== clientKey || form.get('client_secret') !== clientSecret) return record(send(response, 401, { error: 'invalid_client', error_description: 'Client key or secret is incorrect.', log_id: logId() }));
        if (form.get('grant_type') === 'authorization_code') {
          const redirect = codes.get(form.get('code') ?? '');
          codes.delete(form.get('code') ?? '');
          if (!redirect || redirect !== form.get('redirect_uri')) return record(send(response, 400, { error: 'invalid_grant', error_description: 'Authorization code is expired.', log_id: logId() }));
          return record(send(response, 200, issue()));
        }
        if (form.get('grant_type') === 'refresh_token') {
          if (!refresh.delete(form.get('refresh_token') ?? '')) return record(send(response, 400, { error: 'invalid_grant', error_description: 'Refresh token is invalid or expired.', log_id: logId() }));
          return record(send(response, 200, issue()));
        }
        return record(send(response, 400, { error: 'unsupported_grant_type', error_description: 'grant_type', log_id: logId() }));
      }
      if (url.pathname === '/v2/oauth/revoke/') {
        const token = new URLSearchParams(await readBody(request)).get('token') ?? '';
        if (access.delete(token) || refresh.delete(token)) revoked.push(token);
        return record(send(response, 200, {}));
      }
      const bearer = request.headers.authorization?.match(/^Bearer (.+)$/)?.[1] ?? '';
      if ((access.get(bearer) ?? 0) < Date.now()) return record(send(response, 401, apiError('access_token_invalid', 'The access token is invalid or not found in the request.')));
      if (rateLimited.count > 0) {
        rateLimited = { ...rateLimited, count: rateLimited.count - 1 };
        return record(send(response, 429, apiError('rate_limit_exceeded', 'The API rate limit was exceeded. Please try again later.'), { 'retry-after': String(rateLimited.seconds) }));
      }
      const fields = (url.searchParams.get('fields') ?? '').split(',');
      if (url.pathname === '/v2/user/info/') {
        const all: Record<string, unknown> = { open_id: user.openId, username: user.username, display_name: 'Léa Nova', follower_count: user.followers };
        return record(send(response, 200, ok({ user: Object.fromEntries(fields.filter((f) => f in all).map((f) => [f, all[f]])) })));
      }
      const body = JSON.parse((await readBody(request)) || '{}') as { max_count?: number; cursor?: number; filters?: { video_ids?: string[] } };
      if (url.pathname === '/v2/video/list/' && request.method === 'POST') {
        const max = body.max_count ?? 10;
        if (max > 20) return record(send(response, 400, apiError('invalid_params', 'max_count must be at most 20')));
        // The cursor is the create time (ms) of the last video answered: the next page is older.
        const older = [...videos].sort((a, b) => b.createTime - a.createTime).filter((video) => body.cursor === undefined || video.createTime * 1000 < body.cursor);
        const page = older.slice(0, max);
        const last = page.at(-1);
        return record(send(response, 200, ok({ videos: page.map((video) => videoJson(video, fields)), cursor: last ? last.createTime * 1000 : body.cursor ?? 0, has_more: older.length > max })));
      }
      if (url.pathname === '/v2/video/query/' && request.method === 'POST') {
        const ids = body.filters?.video_ids ?? [];
        if (ids.length > 20) return record(send(response, 400, apiError('invalid_params', 'video_ids must have at most 20 ids')));
        return record(send(response, 200, ok({ videos: videos.filter((video) => ids.includes(video.id)).map((video) => videoJson(video, fields)), cursor: 0, has_more: false })));
      }
      return record(send(response, 404, apiError('invalid_params', 'Unknown endpoint')));
    })().catch((error: unknown) => send(response, 500, apiError('internal_error', (error as Error).message)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    clientKey,
    clientSecret,
    user,
    videos,
    requests,
    revoked,
    expireAccessTokens: () => {
      for (const token of access.keys()) access.set(token, 0);
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
