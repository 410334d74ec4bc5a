import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { isInFuture, isRepeatedObservation, isoDayOf, matchPost, pullWindowStart, trackCampaign, type PostMetricRow } from '@persona-ops/domain/core';
import {
  PlatformAuthError,
  PlatformGrantError,
  PlatformRateLimitError,
  keyIdOf,
  openToken,
  platformClientOf,
  sealToken,
  type CallContext,
  type ConnectorSettings,
  type PlatformAccount,
  type PlatformClient,
  type PlatformPost,
  type TokenKeyring,
} from '@persona-ops/domain/connectors';
import {
  PlatformConnection,
  acceptComments,
  candidatePosts,
  claimConnectionPull,
  commitPostMetricRows,
  keepUnlinkedRows,
  latestSnapshotCounters,
  publishAssetAsPost,
  releaseConnectionPull,
  rememberPlatformPostIds,
  trackedPosts,
  trackingCandidates,
  upsertFollowerSnapshots,
  type IPlatformConnection,
  type IncomingComment,
  type IncomingUnlinkedRow,
  type KnownImportPost,
  type MatchedPostMetricRow,
} from '@persona-ops/domain/store';
import type { JobPayload } from '../contracts.ts';

// One pull of a connected account: the follower count, the posts published since the last pull
// (the whole history on the first ones: the backfill, resumed page by page), fresh counters and new
// comments of the posts it keeps up to date. Everything is stored through the same upserts as the
// bulk endpoints and the imports, so a pull that finds nothing new writes nothing. A new post joins
// a campaign when its caption says so (and is published from the approved asset it names), else
// it waits in the unlinked list with the reason. The platform's 429 delays this job by its
// Retry-After with the cursor kept; a request budget per pull caps what one run may spend.

type Cursor = { newestPublishedAt?: string; backfillPageToken?: string };

// Refresh this long before the access token expires, so no call of the pull meets an expired one.
const refreshMarginMs = 5 * 60_000;
// A pull holds its connection at most this long (a worker that died releases it by expiry).
const leaseMs = 15 * 60_000;

class BudgetSpent extends Error {
  constructor(budget: number) {
    super(`the pull spent its budget of ${budget} requests; the next pull continues where this one stopped`);
    this.name = 'BudgetSpent';
  }
}

export type PullDeps = { orm: MikroORM; connectors: ConnectorSettings | null; now?: () => Date };

export function pullConnectionHandler(deps: PullDeps) {
  const now = () => deps.now?.() ?? new Date();
  return async (payload: JobPayload<'pull-connection'>, job: Job, token?: string) => {
    const settings = deps.connectors;
    if (!settings?.keyring) throw new UnrecoverableError('Connectors are not configured on this worker (CONNECTOR_TOKEN_KEY and the platform apps): it cannot pull.');
    const em = deps.orm.em.fork();
    const started = now();
    if (!(await claimConnectionPull(em, payload.connectionId, started, new Date(started.getTime() + leaseMs)))) return { skipped: 'not connected, or another pull of it is running' };
    try {
      const connection = await em.findOneOrFail(PlatformConnection, { id: payload.connectionId });
      const client = platformClientOf(settings, connection.platform);
      const platform = settings.platforms[connection.platform];
      if (!client || !platform) throw new UnrecoverableError(`No ${connection.platform} app is configured on this worker (${connection.platform.toUpperCase()}_CLIENT_ID and _CLIENT_SECRET).`);
      const pull = new Pull(em, connection, client, settings.keyring, platform.requestBudget, now);
      try {
        const outcome = await pull.run();
        await pull.finish({ nextPullAt: new Date(now().getTime() + platform.pullEveryMs), error: null });
        return outcome;
      } catch (error) {
        if (error instanceof BudgetSpent) {
          await pull.finish({ nextPullAt: new Date(now().getTime() + platform.pullEveryMs), error: null });
          return { stopped: error.message };
        }
        if (error instanceof PlatformRateLimitError) {
          const resumeAt = new Date(now().getTime() + error.retryAfterMs);
          await pull.finish({ nextPullAt: resumeAt, error: `The platform asked to wait (${error.message}); the pull resumes at ${resumeAt.toISOString()} where it stopped.`, pulled: false });
          await releaseConnectionPull(em, connection.id);
          if (!token) throw error;
          // The job waits the Retry-After without spending an attempt, then resumes from the cursor.
          await job.moveToDelayed(resumeAt.getTime(), token);
          throw new DelayedError();
        }
        if (error instanceof PlatformGrantError) {
          connection.state = 'expired';
          await pull.finish({ nextPullAt: null, error: `The platform no longer honours the connection (${error.message}); an admin connects the account again.`, pulled: false });
          return { expired: error.message };
        }
        await pull.finish({ nextPullAt: null, error: (error as Error).message, pulled: false, keepNext: true });
        throw error;
      }
    } finally {
      await releaseConnectionPull(em, payload.connectionId);
    }
  };
}

class Pull {
  private spent = 0;
  private accessToken: string | null = null;
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
    await this.em.flush();
  }

  // ---- the platform's calls: a fresh token, one refresh on a 401, the budget ----

  private async call<T>(fn: (call: CallContext) => Promise<T>): Promise<T> {
    const context = (accessToken: string): CallContext => ({
      accessToken,
      spend: () => {
        this.spent += 1;
        if (this.spent > this.budget) throw new BudgetSpent(this.budget);
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
    const expiresSoon = connection.tokenExpiresAt !== null && connection.tokenExpiresAt !== undefined && connection.tokenExpiresAt.getTime() - this.now().getTime() < margin;
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
    await this.em.flush();
    this.accessToken = tokens.accessToken;
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

  /** Links each post to the workspace's post, publishes it from the asset its caption names, or keeps it unlinked; answers the ids now known. */
  private async takePosts(posts: readonly PlatformPost[]): Promise<string[]> {
    if (posts.length === 0) return [];
    this.counts.posts += posts.length;
    for (const post of posts) {
      if (!this.cursor.newestPublishedAt || post.publishedAt > this.cursor.newestPublishedAt) this.cursor.newestPublishedAt = post.publishedAt;
    }
    const channel = this.client.platform;
    const candidates = await candidatePosts(this.em, this.workspaceId, { channel, sourceId: this.sourceId }, posts.map((post) => post.platformPostId), posts.map((post) => post.url));
    const { campaigns, assets } = await trackingCandidates(this.em, this.workspaceId, this.sourceId);
    const known: string[] = [];
    const unlinked: IncomingUnlinkedRow[] = [];
    const learnt: Array<{ postId: string; platformPostId: string }> = [];
    for (const post of posts) {
      const existing = matchPost({ platformPostId: post.platformPostId, postUrl: post.url }, candidates);
      if (existing) {
        // A post entered by hand (by URL) learns its platform id, as when an import names it.
        if (existing.platformPostId === null) learnt.push({ postId: existing.id, platformPostId: post.platformPostId });
        known.push(post.platformPostId);
        continue;
      }
      const match = trackCampaign({ caption: post.caption, publishedAt: post.publishedAt }, campaigns, assets);
      if ('assetId' in match) {
        const published = await publishAssetAsPost(this.em.fork(), this.workspaceId, null, match.assetId, {
          channel,
          url: post.url,
          publishedAt: post.publishedAt,
          platformPostId: post.platformPostId,
          placement: 'organic',
          spendMinor: 0,
          // The platform does not tell whether its AI-content label was applied: recorded as not applied.
          aiLabelApplied: false,
        }, this.now()).catch((error: unknown) => ({ refused: (error as Error).message }));
        if (published && !('refused' in published)) {
          known.push(post.platformPostId);
          this.counts.linked += 1;
          assets.splice(assets.findIndex((asset) => asset.id === match.assetId), 1);
          continue;
        }
        unlinked.push(this.unlinkedRow(post, `the caption names the approved asset ${match.assetId} of a campaign, but it could not be published: ${published && 'refused' in published ? published.refused : 'the asset is gone'}`));
        continue;
      }
      unlinked.push(this.unlinkedRow(post, match.reason));
    }
    await rememberPlatformPostIds(this.em, this.workspaceId, learnt, this.now());
    this.counts.unlinked += await keepUnlinkedRows(this.em, this.workspaceId, { connectionId: this.connection.id }, unlinked, this.now());
    return known;
  }

  // The row a person links to a post (or dismisses): stable values only, so the same post found
  // again is the same row; linking it teaches the post its platform id, and the next pull tracks it.
  private unlinkedRow(post: PlatformPost, reason: string): IncomingUnlinkedRow {
    const parsed: PostMetricRow & { capturedAt: string } = { platformPostId: post.platformPostId, postUrl: post.url, publishedAt: post.publishedAt, capturedAt: post.publishedAt, counters: {} };
    return { line: 0, kind: 'post-metrics', platform: this.client.platform, matchKey: `url:${post.url}`, raw: { url: post.url, caption: post.caption.slice(0, 2000), publishedAt: post.publishedAt }, parsed, reason: `unlinked: ${reason}` };
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
