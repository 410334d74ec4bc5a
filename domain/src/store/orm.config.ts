import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { AuditSubscriber } from './audit/audit.subscriber.ts';
import { entities } from './entities/index.ts';
import { migrationsList } from './migrations/index.ts';

export const migrationsFolder = new URL('./migrations/', import.meta.url).pathname;

export function ormConfig(databaseUrl: string, overrides: Partial<Options> = {}): Options {
  return defineConfig({
    clientUrl: databaseUrl,
    entities,
    // Every flushed write made inside an audit scope (an API request) leaves an AuditEntry.
    subscribers: [new AuditSubscriber()],
    extensions: [Migrator],
    migrations: {
      // An explicit list keeps start-up independent of file globbing and TypeScript loaders.
      migrationsList,
      path: migrationsFolder,
      emit: 'ts',
      snapshot: false,
      silent: true,
    },
    pool: { min: 0, max: 10 },
    ...overrides,
  });
}
