export * from './entities/index.ts';
export { ormConfig } from './orm.config.ts';
export { openOrm, migrate, pendingMigrations } from './migrate.ts';
export { createDatabase, dropDatabase, databaseExists, isReachable, withDatabase } from './database-admin.ts';
export { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres.ts';
export * from './repositories/comments.repository.ts';
export * from './repositories/brand-safety.repository.ts';
export * from './repositories/alerts.repository.ts';
export * from './repositories/backfills.repository.ts';
