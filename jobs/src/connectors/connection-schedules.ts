import type { MikroORM } from '@mikro-orm/postgresql';
import type { Queue } from 'bullmq';
import type { ConnectorSettings } from '@persona-ops/domain/connectors';

// Keeps the connectors queue in step with the connections table: a job scheduler per connected
// account at its platform's interval (created, changed, removed when the connection stops being
// connected), and a one-off pull for each pull asked for (a new connection's backfill, "Pull now").
// The API only writes the table, so it needs no queue and a change survives a queue outage.

export const schedulerIdOf = (connectionId: string) => `pull-connection-${connectionId}`;

type Row = { id: string; platform: string; state: string; scheduled_every_ms: number | null; pull_requested_at: Date | null };

export async function syncConnectionSchedules(orm: MikroORM, queue: Queue, settings: ConnectorSettings): Promise<number> {
  const every = Object.fromEntries(Object.entries(settings.platforms).map(([platform, configured]) => [platform, configured.pullEveryMs]));
  const connection = orm.em.fork().getConnection();
  const rows = await connection.execute<Row[]>(
    `select id, platform, state, scheduled_every_ms, pull_requested_at from platform_connection
     where (state = 'connected' and scheduled_every_ms is distinct from (?::jsonb ->> platform)::int)
        or (state <> 'connected' and scheduled_every_ms is not null)
        or pull_requested_at is not null
     limit 500`,
    [JSON.stringify(every)],
  );
  for (const row of rows) {
    const interval = every[row.platform];
    if (row.state === 'connected' && interval !== undefined && row.scheduled_every_ms !== interval) {
      await queue.upsertJobScheduler(schedulerIdOf(row.id), { every: interval }, { name: 'pull-connection', data: { connectionId: row.id } });
      await connection.execute(`update platform_connection set scheduled_every_ms = ? where id = ?`, [interval, row.id]);
    } else if ((row.state !== 'connected' || interval === undefined) && row.scheduled_every_ms !== null) {
      // Not connected any more, or its platform's app is no longer configured on the workers.
      await queue.removeJobScheduler(schedulerIdOf(row.id));
      await connection.execute(`update platform_connection set scheduled_every_ms = null where id = ?`, [row.id]);
    }
    if (row.pull_requested_at) {
      const runKey = String(new Date(row.pull_requested_at).getTime());
      if (row.state === 'connected') await queue.add('pull-connection', { connectionId: row.id, runKey }, { jobId: `pull-connection-${row.id}-${runKey}` });
      // Cleared only if no newer request came in meanwhile.
      await connection.execute(`update platform_connection set pull_requested_at = null where id = ? and pull_requested_at = ?`, [row.id, row.pull_requested_at]);
    }
  }
  return rows.length;
}

/** Runs the sync every `intervalMs` until stopped; a failed pass (queue or database away) is retried on the next tick. */
export function startConnectionSchedules(orm: MikroORM, queue: Queue, settings: ConnectorSettings, log: (message: string) => void, intervalMs = 2_000) {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    running = syncConnectionSchedules(orm, queue, settings)
      .catch((error: unknown) => log(`connection schedules: ${(error as Error).message}`))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  let timer = setTimeout(tick, 0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
