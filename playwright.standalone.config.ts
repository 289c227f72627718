import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/**
 * The smoke spec against the standalone server (`node .next/standalone/server.js`, what the Docker
 * image runs) on a fresh embedded database: `npx playwright test -c playwright.standalone.config.ts`.
 * scripts/test.ts runs it as its own suite after the main e2e run.
 */
const PORT = (Number(process.env.E2E_PORT) || 3100) + 20;
const BASE_URL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  ...base,
  testMatch: 'smoke.spec.ts',
  outputDir: 'test-results/e2e-standalone-artifacts',
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-standalone.json' }]],
  use: { ...base.use, baseURL: BASE_URL },
  projects: [{ name: 'standalone', use: { browserName: 'chromium' } }],
  webServer: {
    command: 'tsx tests/e2e/server.ts',
    // Ready, not just alive: the database is migrated and the outbox worker beats.
    url: `${BASE_URL}/api/ready`,
    env: { E2E_PORT: String(PORT), E2E_STANDALONE: '1' },
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
