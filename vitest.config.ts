import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      // `server-only` throws outside a React Server Component build (STACK.md trap 10).
      { find: /^server-only$/, replacement: `${root}tests/support/empty-module.ts` },
      // A regex, so `@electric-sql/...` and other scoped packages are left alone.
      { find: /^@\//, replacement: root },
    ],
  },
  test: {
    // 2 cores here: more workers only make PGlite (WASM) and PostgreSQL fight for CPU.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/support/global-setup.ts'],
          // Real databases: a fresh PGlite takes ~0.5 s, concurrency tests wait on locks.
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          // The production build over real HTTP under concurrency and faults (tests/http). Needs the
          // build, so `npm test` runs it after `next build`, apart from unit + integration.
          name: 'http',
          include: ['tests/http/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/http/support/global-setup.ts'],
          // Each file starts its own `next start` processes: one file at a time on 2 cores.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
