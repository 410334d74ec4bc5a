// The statement triggers that mark changed groups in rollup_change (functions rollup_mark_posts and
// rollup_mark_snapshots, created by the rollups migration). Declared on the entities so the schema
// diff knows them and never drops them; the raw DDL is the same as the migration's.
type Event = 'insert' | 'update' | 'delete';

const referencing: Record<Event, string> = {
  insert: 'referencing new table as new_rows',
  update: 'referencing old table as old_rows new table as new_rows',
  delete: 'referencing old table as old_rows',
};

export function rollupTriggers(table: 'post' | 'metric_snapshot', fn: 'rollup_mark_posts' | 'rollup_mark_snapshots') {
  return (['insert', 'update', 'delete'] as const).map((event) => {
    // Snapshots are only ever read as new rows on update (their post does not change).
    const rows = table === 'metric_snapshot' && event === 'update' ? 'referencing new table as new_rows' : referencing[event];
    const name = `${table}_rollup_${event}`;
    return {
      name,
      timing: 'after' as const,
      events: [event],
      forEach: 'statement' as const,
      expression: `create trigger ${name} after ${event} on ${table} ${rows} for each statement execute function ${fn}();`,
    };
  });
}
