// Creates a workspace and its first admin, and prints the admin's API key once.
// Usage: pnpm create-workspace --workspace "Acme" --email admin@acme.test [--name "Ada Admin"] [--currency EUR]
import { parseArgs } from 'node:util';
import { migrate, openOrm } from '@persona-ops/domain/store';
import { loadConfig } from './config.ts';
import { describeDatabase, openDatabase } from './database.ts';
import { createWorkspaceWithAdmin } from './services/workspaces.service.ts';

const { values } = parseArgs({
  options: {
    workspace: { type: 'string' },
    email: { type: 'string' },
    name: { type: 'string', default: 'Admin' },
    currency: { type: 'string', default: 'USD' },
  },
});
if (!values.workspace || !values.email) {
  console.error('Usage: pnpm create-workspace --workspace "<brand name>" --email <admin e-mail> [--name "<admin name>"] [--currency USD]');
  process.exit(2);
}
const config = loadConfig();
const database = await openDatabase(config, { shareRunning: true });
const startedHere = database.embedded?.startedHere ? ', started for this command and stopped after it' : '';
console.log(`${database.embedded ? 'No DATABASE_URL: using' : 'Using'} ${describeDatabase(database)}${startedHere}.`);
const orm = await openOrm(database.url);
try {
  await migrate(orm);
  const created = await createWorkspaceWithAdmin(orm.em.fork(), {
    name: values.workspace,
    currency: values.currency,
    adminEmail: values.email,
    adminName: values.name,
  });
  console.log(`Workspace "${created.workspace.name}" (${created.workspace.id}) created.`);
  console.log(`Admin API key (shown once, store it now):\n${created.key}`);
} finally {
  await orm.close();
  await database.stop();
}
