import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlatformGrantError, PlatformRateLimitError, type CallContext } from './platform-client.ts';
import { retryAfterMs } from './platform-http.ts';
import { untilPacificMidnight, youtubeClient } from './youtube.client.ts';

// The adapter's reading of Google's answers, against a loopback server that answers one scripted
// status and body per path.
let server: Server;
let base: string;
const answers = new Map<string, { status: number; body: unknown; headers?: Record<string, string> }>();

beforeAll(async () => {
  server = createServer((request, response) => {
    const answer = answers.get(new URL(request.url ?? '/', 'http://x').pathname) ?? { status: 404, body: {} };
    response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    response.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const client = () => youtubeClient({ clientId: 'id', clientSecret: 'secret', authUrl: `${base}/auth`, tokenUrl: `${base}/token`, revokeUrl: `${base}/revoke`, apiUrl: `${base}/yt`, analyticsUrl: `${base}/ya` });
const call: CallContext = { accessToken: 'ya29.x', spend: () => undefined };
const quotaError = (reason: string) => ({ error: { code: 403, message: 'The request cannot be completed because you have exceeded your quota.', errors: [{ message: 'quota', domain: 'youtube.quota', reason }] } });

describe('the YouTube adapter', () => {
  it('waits for the daily quota to reset at midnight Pacific time, not a minute', async () => {
    answers.set('/yt/channels', { status: 403, body: quotaError('quotaExceeded') });
    const error = await client().account(call).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PlatformRateLimitError);
    const wait = (error as PlatformRateLimitError).retryAfterMs;
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(86_400_000);
    expect(Math.abs(wait - untilPacificMidnight(new Date()))).toBeLessThan(5_000);
  });

  it('reads Retry-After of a 429, in seconds or as a date', async () => {
    answers.set('/yt/channels', { status: 429, body: quotaError('rateLimitExceeded'), headers: { 'retry-after': '7' } });
    expect(((await client().account(call).catch((caught: unknown) => caught)) as PlatformRateLimitError).retryAfterMs).toBe(7_000);
    expect(retryAfterMs(new Date(Date.parse('2026-01-01T00:00:30Z')).toUTCString(), Date.parse('2026-01-01T00:00:00Z'))).toBe(30_000);
    expect(retryAfterMs(null)).toBe(60_000);
  });

  it('tells a refresh token Google no longer honours (invalid_grant) from other failures', async () => {
    answers.set('/token', { status: 400, body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' } });
    await expect(client().refresh('1//old')).rejects.toBeInstanceOf(PlatformGrantError);
  });

  it('leaves a hidden subscriber count unknown, never 0', async () => {
    answers.set('/yt/channels', { status: 200, body: { items: [{ id: 'UCx', snippet: { title: 'Léa' }, statistics: { subscriberCount: '0', hiddenSubscriberCount: true } }] } });
    expect(await client().account(call)).toMatchObject({ accountId: 'UCx', followers: null });
  });

  it('midnight in Los Angeles is 08:00 UTC in winter and 07:00 UTC in summer', () => {
    expect(untilPacificMidnight(new Date('2026-01-15T07:00:00Z'))).toBe(3_600_000);
    expect(untilPacificMidnight(new Date('2026-07-15T06:00:00Z'))).toBe(3_600_000);
  });
});
