// The port every platform adapter implements: the OAuth 2 code flow, and the reads a pull needs.
// Adapters translate the platform's shapes into these plain ones; what a platform does not report
// is absent (unknown), never 0.

export const connectorPlatforms = ['youtube', 'instagram', 'tiktok'] as const;
export type ConnectorPlatform = (typeof connectorPlatforms)[number];

export type TokenSet = {
  accessToken: string;
  /** Absent when the platform keeps the earlier one valid (Google's refresh answers carry none). */
  refreshToken: string | null;
  expiresAt: Date | null;
  scopes: string[];
};

// `postsListId`: where the platform lists the account's posts when that is not the account itself
// (a YouTube channel's uploads playlist).
export type PlatformAccount = { accountId: string; handle: string; followers: number | null; postsListId?: string };

// The counters a post may carry, named like the metric snapshot's columns.
export type PostCounters = Partial<Record<'views' | 'reach' | 'impressions' | 'likes' | 'comments' | 'shares' | 'saves' | 'follows' | 'watchTimeSeconds', number>>;

export type PlatformPost = { platformPostId: string; url: string; caption: string; publishedAt: string; counters: PostCounters };
export type PlatformComment = { platformCommentId: string; authorHandle: string; text: string; postedAt: string };
export type Page<T> = { items: T[]; nextPageToken: string | null };

/** What a caller of the platform needs: the access token, and a count of the requests it spends. */
export type CallContext = { accessToken: string; spend: () => void };

export interface PlatformClient {
  readonly platform: ConnectorPlatform;
  readonly scopes: readonly string[];
  /** How long before expiry the access token is refreshed (Instagram's 60-day tokens: days before). */
  readonly refreshWindowMs?: number;
  /** Whether comments come newest first, so a pull may stop at the ones it saw before. */
  readonly commentsNewestFirst: boolean;
  authorizationUrl(input: { state: string; codeChallenge: string; redirectUri: string }): string;
  exchangeCode(input: { code: string; codeVerifier: string; redirectUri: string }): Promise<TokenSet>;
  refresh(refreshToken: string): Promise<TokenSet>;
  revoke(token: string): Promise<void>;
  account(call: CallContext): Promise<PlatformAccount>;
  /** The account's posts, newest first, a page at a time. */
  posts(call: CallContext, account: PlatformAccount, pageToken: string | null): Promise<Page<PlatformPost>>;
  /** Fresh counters of posts already known (at most 50 ids a call). */
  counters(call: CallContext, account: PlatformAccount, posts: ReadonlyArray<{ platformPostId: string; publishedAt: Date }>, today: string): Promise<Map<string, PostCounters>>;
  /** A post's comments, newest first, a page at a time. */
  comments(call: CallContext, platformPostId: string, pageToken: string | null): Promise<Page<PlatformComment>>;
}

// The failures a pull tells apart: the access token no longer works (refresh, then retry), the
// grant itself is gone (the user must reconnect), the platform asks to wait, anything else.
export class PlatformAuthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlatformAuthError';
  }
}

export class PlatformGrantError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlatformGrantError';
  }
}

export class PlatformRateLimitError extends Error {
  readonly retryAfterMs: number;
  constructor(message: string, retryAfterMs: number) {
    super(message);
    this.retryAfterMs = retryAfterMs;
    this.name = 'PlatformRateLimitError';
  }
}

export class PlatformError extends Error {
  readonly status: number;
  constructor(message: string, status: number) {
    super(message);
    this.status = status;
    this.name = 'PlatformError';
  }
}
