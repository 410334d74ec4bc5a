import { defineConfig } from 'vitest/config';

// One run for the whole monorepo: unit specs next to the code, integration and end-to-end tests in test/.
export default defineConfig({
  test: {
    include: ['domain/src/**/*.spec.ts', 'api/src/**/*.spec.ts', 'jobs/src/**/*.spec.ts', 'web/src/**/*.spec.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/bench/**'],
    globalSetup: ['test/support/global-setup.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
