import type { MikroORM } from '@mikro-orm/postgresql';
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { PlatformGrantError, PlatformRateLimitError, platformClientOf, type ConnectorSettings } from '@persona-ops/domain/connectors';
import { isoDayOf } from '@persona-ops/domain/core';
import { PlatformConnection, addRequestsSpent, claimConnectionPull, releaseConnectionPull, requestsSpent } from '@persona-ops/domain/store';
import type { JobPayload } from '../contracts.ts';
import { BudgetSpent, Pull } from './connection-pull.ts';

// The job of one pull of a connected account (the pull itself: connection-pull.ts). It holds the
// connection while it pulls, so a scheduled and a requested pull never run together, and records
// how the pull ended: done (next pull in one interval), stopped by its request budget (the next one
// goes on from the cursor), delayed by the platform's 429 for its Retry-After without spending an
// attempt, expired when the platform no longer honours the grant, or failed (retried) with the error.

// A pull holds its connection at most this long (a worker that died releases it by expiry).
const leaseMs = 15 * 60_000;

export type PullDeps = { orm: MikroORM; connectors: ConnectorSettings | null; now?: () => Date };

export function pullConnectionHandler(deps: PullDeps) {
  const now = () => deps.now?.() ?? new Date();
  return async (payload: JobPayload<'pull-connection'>, job: Job, token?: string) => {
    const settings = deps.connectors;
    if (!settings?.keyring) throw new UnrecoverableError('Connectors are not configured on this worker (CONNECTOR_TOKEN_KEY and the platform apps): it cannot pull.');
    const em = deps.orm.em.fork();
    const started = now();
    if (!(await claimConnectionPull(em, payload.connectionId, started, new Date(started.getTime() + leaseMs)))) return { skipped: 'not connected, or another pull of it is running' };
    let spentBy: { platform: string; pull: Pull } | null = null;
    try {
      const connection = await em.findOneOrFail(PlatformConnection, { id: payload.connectionId });
      const client = platformClientOf(settings, connection.platform);
      const platform = settings.platforms[connection.platform];
      if (!client || !platform) throw new UnrecoverableError(`No ${connection.platform} app is configured on this worker (${connection.platform.toUpperCase()}_CLIENT_ID and _CLIENT_SECRET).`);
      // The pull may spend its own budget, and no more than what is left of the platform's day.
      const day = isoDayOf(started);
      const leftToday = platform.dailyRequestBudget - (await requestsSpent(em, connection.platform, day));
      if (leftToday <= 0) {
        connection.nextPullAt = new Date(now().getTime() + platform.pullEveryMs);
        connection.lastError = `The ${connection.platform} app spent its ${platform.dailyRequestBudget} requests of ${day} (UTC, every workspace together); pulls resume when the day's budget allows.`;
        connection.lastErrorAt = now();
        await em.flush();
        return { skipped: 'the platform\'s daily budget is spent' };
      }
      const pull = new Pull(em, connection, client, settings.keyring, Math.min(platform.requestBudget, leftToday), now);
      spentBy = { platform: connection.platform, pull };
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
      if (spentBy) await addRequestsSpent(em, spentBy.platform, isoDayOf(started), spentBy.pull.requests, now());
    }
  };
}

