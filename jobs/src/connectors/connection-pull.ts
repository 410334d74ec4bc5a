import type { EntityManager } from '@mikro-orm/postgresql';
import { isInFuture, isRepeatedObservation, isoDayOf, pullWindowStart } from '@persona-ops/domain/core';
import { PlatformAuthError, PlatformGrantError, keyIdOf, openToken, sealToken, type CallContext, type PlatformAccount, type PlatformClient, type PlatformPost, type TokenKeyring } from '@persona-ops/domain/connectors';
import {
  acceptComments,
  commitPostMetricRows,
  latestSnapshotCounters,
  trackedPosts,
  upsertFollowerSnapshots,
  type IPlatformConnection,
  type IncomingComment,
  type KnownImportPost,
  type MatchedPostMetricRow,
} from '@persona-ops/domain/store';
import { trackPosts } from './track-posts.ts';

// One pull of a connected account, through its platform's adapter: a fresh access token (refreshed
// before it expires, once more when refused), the follower count, new posts (then the backfill
// where it stopped), fresh counters and new comments of the posts kept up to date. Every request
// counts against the pull's budget.

type Cursor = { newestPublishedAt?: string; backfillPageToken?: string };

// Refresh this long before the access token expires, so no call of the pull meets an expired one.
const refreshMarginMs = 5 * 60_000;

export class BudgetSpent extends Error {
  constructor(budget: number) {
    super(`the pull spent the ${budget} requests it may; the next pull continues where this one stopped`);
    this.name = 'BudgetSpent';
  }
}

export class Pull {
  private spent = 0;
  private accessToken: string | null = null;
  private refreshed = false;
  private readonly cursor: Cursor;
  private readonly counts = { posts: 0, linked: 0, unlinked: 0, snapshots: 0, followers: 0, comments: 0 };
  private readonly em: EntityManager;
  private readonly connection: IPlatformConnection;
  private readonly client: PlatformClient;
  private readonly keyring: TokenKeyring;
  private readonly budget: number;
  private readonly now: () => Date;

  constructor(em: EntityManager, connection: IPlatformConnection, client: PlatformClient, keyring: TokenKeyring, budget: number, now: () => Date) {
    this.em = em;
    this.connection = connection;
    this.client = client;
    this.keyring = keyring;
    this.budget = budget;
    this.now = now;
    this.cursor = { ...(connection.cursor as Cursor | null) };
  }

  /** Requests this pull sent to the platform (its refreshes included). */
  get requests() {
    return this.spent;
  }

  get workspaceId() {
    return this.connection.workspace.id;
  }

  get sourceId() {
    return this.connection.source.id;
  }

  async run() {
    this.resealAfterRotation();
    const account = await this.call((call) => this.client.account(call));
    await this.storeFollowers(account);
    const found = await this.discover(account);
    const tracked = await trackedPosts(this.em, this.workspaceId, this.sourceId, this.client.platform, pullWindowStart(this.now()), found);
    await this.storeCounters(account, tracked);
    await this.storeComments(tracked);
    return { ...this.counts, requests: this.spent };
  }

  /** Records how the pull ended on the connection: last pull, next pull, last error, cursor. */
  async finish(outcome: { nextPullAt: Date | null; error: string | null; pulled?: boolean; keepNext?: boolean }) {
    const at = this.now();
    const connection = this.connection;
    connection.cursor = { ...this.cursor };
    if (outcome.pulled !== false) connection.lastPulledAt = at;
    if (!outcome.keepNext) connection.nextPullAt = outcome.nextPullAt;
    connection.lastError = outcome.error;
    connection.lastErrorAt = outcome.error ? at : null;
    if (await this.stillConnected()) await this.em.flush();
  }

  /**
   * Whether the connection is still connected as the pull found it: an admin may disconnect it while
   * the pull runs, and nothing the pull learnt (its outcome, a refreshed token) may then be written
   * over the revoked, token-less row.
   */
  private async stillConnected(): Promise<boolean> {
    const [row] = await this.em.getConnection().execute<Array<{ state: string }>>('select state from platform_connection where id = ?', [this.connection.id]);
    return row?.state === 'connected';
  }

  // ---- the platform's calls: a fresh token, one refresh on a 401, the budget ----

  private async call<T>(fn: (call: CallContext) => Promise<T>): Promise<T> {
    const context = (accessToken: string): CallContext => ({
      accessToken,
      // Checked before the request goes out: one the budget refuses is neither sent nor counted.
      spend: () => {
        if (this.spent >= this.budget) throw new BudgetSpent(this.budget);
        this.spent += 1;
      },
    });
    try {
      return await fn(context(await this.freshAccessToken(false)));
    } catch (error) {
      if (!(error instanceof PlatformAuthError)) throw error;
      // The platform refused a token it had not declared expired (revoked early, clock skew): one refresh, one retry.
      return fn(context(await this.freshAccessToken(true)));
    }
  }

  private async freshAccessToken(force: boolean): Promise<string> {
    const connection = this.connection;
    const margin = this.client.refreshWindowMs ?? refreshMarginMs;
    // Once refreshed in this pull, the new token serves it to the end (a platform whose tokens live
    // shorter than the margin would otherwise be asked again before every call).
    const expiresSoon = !this.refreshed && connection.tokenExpiresAt !== null && connection.tokenExpiresAt !== undefined && connection.tokenExpiresAt.getTime() - this.now().getTime() < margin;
    if (this.accessToken && !force && !expiresSoon) return this.accessToken;
    if (!force && !expiresSoon && connection.accessToken) {
      this.accessToken = openToken(this.keyring, connection.accessToken);
      return this.accessToken;
    }
    if (!connection.refreshToken) throw new PlatformGrantError('the access token expired and the platform gave no refresh token');
    this.spent += 1;
    const tokens = await this.client.refresh(openToken(this.keyring, connection.refreshToken));
    connection.accessToken = sealToken(this.keyring, tokens.accessToken);
    if (tokens.refreshToken) connection.refreshToken = sealToken(this.keyring, tokens.refreshToken);
    connection.tokenExpiresAt = tokens.expiresAt;
    if (tokens.scopes.length > 0) connection.scopes = tokens.scopes;
    // Kept at once: a refresh token the platform rotated must not be lost if the pull fails later.
    if (!(await this.stillConnected())) throw new PlatformGrantError('the connection was disconnected during the pull');
    await this.em.flush();
    this.accessToken = tokens.accessToken;
    this.refreshed = true;
    return tokens.accessToken;
  }

  // After a key rotation, tokens sealed with an earlier key are sealed again with the current one,
  // so the earlier key can be retired once every connection has been pulled.
  private resealAfterRotation() {
    const connection = this.connection;
    for (const field of ['accessToken', 'refreshToken'] as const) {
      const sealed = connection[field];
      if (sealed && keyIdOf(sealed) !== this.keyring.current.id) connection[field] = sealToken(this.keyring, openToken(this.keyring, sealed));
    }
  }

  // ---- followers ----

  private async storeFollowers(account: PlatformAccount) {
    if (account.followers === null) return;
    const result = await upsertFollowerSnapshots(this.em, this.workspaceId, [{ sourceId: this.sourceId, date: isoDayOf(this.now()), followers: account.followers }], this.now());
    this.counts.followers += result.inserted + result.updated;
  }

  // ---- posts: new ones since the newest seen, then the backfill where it stopped ----

  private async discover(account: PlatformAccount): Promise<string[]> {
    const found: string[] = [];
    const newest = this.cursor.newestPublishedAt;
    if (newest) {
      let pageToken: string | null = null;
      do {
        const page = await this.call((call) => this.client.posts(call, account, pageToken));
        const fresh = page.items.filter((post) => post.publishedAt > newest);
        found.push(...(await this.takePosts(fresh)));
        pageToken = fresh.length === page.items.length ? page.nextPageToken : null;
      } while (pageToken);
    }
    if (!this.connection.backfilledAt) {
      let pageToken: string | null = this.cursor.backfillPageToken ?? null;
      do {
        const page = await this.call((call) => this.client.posts(call, account, pageToken));
        found.push(...(await this.takePosts(page.items)));
        pageToken = page.nextPageToken;
        // Kept page by page: a 429 or a spent budget resumes the backfill from here.
        if (pageToken) this.cursor.backfillPageToken = pageToken;
        else delete this.cursor.backfillPageToken;
      } while (pageToken);
      this.connection.backfilledAt = this.now();
    }
    return found;
  }

  /** Moves the cursor past the posts and tracks them (trackPosts); answers the platform ids now known. */
  private async takePosts(posts: readonly PlatformPost[]): Promise<string[]> {
    if (posts.length === 0) return [];
    this.counts.posts += posts.length;
    for (const post of posts) {
      if (!this.cursor.newestPublishedAt || post.publishedAt > this.cursor.newestPublishedAt) this.cursor.newestPublishedAt = post.publishedAt;
    }
    const tracked = await trackPosts(this.em, { workspaceId: this.workspaceId, sourceId: this.sourceId, connectionId: this.connection.id, platform: this.client.platform }, posts, this.now());
    this.counts.linked += tracked.linked;
    this.counts.unlinked += tracked.unlinked;
    return tracked.known;
  }

  // ---- counters ----

  private async storeCounters(account: PlatformAccount, posts: readonly KnownImportPost[]) {
    const capturedAt = this.now().toISOString();
    for (let start = 0; start < posts.length; start += 50) {
      const chunk = posts.slice(start, start + 50);
      const observed = await this.call((call) => this.client.counters(call, account, chunk.map((post) => ({ platformPostId: post.platformPostId!, publishedAt: post.publishedAt })), isoDayOf(this.now())));
      const latest = await latestSnapshotCounters(this.em, this.workspaceId, chunk.map((post) => post.id));
      const rows: MatchedPostMetricRow[] = [];
      for (const [index, post] of chunk.entries()) {
        const counters = observed.get(post.platformPostId!);
        if (!counters || Object.keys(counters).length === 0 || isRepeatedObservation(latest.get(post.id), counters)) continue;
        rows.push({ line: index, post, row: { platformPostId: post.platformPostId!, postUrl: post.url, counters }, capturedAt, capturedColumn: null });
      }
      if (rows.length === 0) continue;
      const outcome = await commitPostMetricRows(this.em, this.workspaceId, rows, this.now());
      this.counts.snapshots += outcome.accepted;
    }
  }

  // ---- comments: newest first, until the ones before the last pull ----

  private async storeComments(posts: readonly KnownImportPost[]) {
    // A day of overlap: a comment the platform showed late is still found; a repeat is a no-op.
    const since = this.connection.lastPulledAt ? this.connection.lastPulledAt.getTime() - 86_400_000 : null;
    for (const post of posts) {
      let pageToken: string | null = null;
      do {
        const page = await this.call((call) => this.client.comments(call, post.platformPostId!, pageToken));
        const now = this.now();
        const comments: IncomingComment[] = page.items
          .filter((comment) => Date.parse(comment.postedAt) >= post.publishedAt.getTime() && !isInFuture(new Date(comment.postedAt), now))
          .map((comment) => ({ postId: post.id, platformCommentId: comment.platformCommentId, authorHandle: comment.authorHandle, text: comment.text, postedAt: comment.postedAt }));
        const unique = [...new Map(comments.map((comment) => [comment.platformCommentId, comment])).values()];
        if (unique.length > 0) this.counts.comments += (await acceptComments(this.em, this.workspaceId, unique, now)).accepted;
        // Newest first: the page that reaches the comments of the last pull ends the walk; in any
        // other order every page is read (the upsert keeps each comment once).
        const reachedOld = this.client.commentsNewestFirst && since !== null && page.items.some((comment) => Date.parse(comment.postedAt) < since);
        pageToken = reachedOld ? null : page.nextPageToken;
      } while (pageToken);
    }
  }
}
