import { defineConfig } from '@playwright/test';

// E2E_PORT: only to run two checkouts' e2e side by side on one machine (tests/e2e/server.ts reads it too).
const PORT = Number(process.env.E2E_PORT) || 3100;
const BASE_URL = `http://127.0.0.1:${PORT}`;
// The same app with the center set to "ESTUDIO o PROFESIONAL", for the specs of that mode.
const STUDY_PORT = PORT + 10;
const STUDY_SPECS = /study-mode\.spec\.ts$/;
// Books and signs in on a database of its own: run by playwright.standalone.config.ts, not here.
const STANDALONE_SPECS = /smoke\.spec\.ts$/;

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  // Not the default `test-results`: Playwright empties its output folder on start, and
  // scripts/test.ts keeps the vitest report there too.
  outputDir: 'test-results/e2e-artifacts',
  // One server and one embedded database for the whole run: specs must not depend on each
  // other's data (each makes its own patient), and two workers is what 2 cores can carry.
  workers: 2,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL: BASE_URL,
    locale: 'es-AR',
    timezoneId: 'America/Argentina/Buenos_Aires',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      // Debian's chromium; Playwright's own browsers are never downloaded here (STACK.md).
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      // STACK.md trap 16: what chromium needs to run headless as root in a container.
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'chromium', use: { browserName: 'chromium' }, testIgnore: [STUDY_SPECS, STANDALONE_SPECS] },
    { name: 'estudio', use: { browserName: 'chromium', baseURL: `http://127.0.0.1:${STUDY_PORT}` }, testMatch: STUDY_SPECS },
  ],
  // Started one after the other: the first builds when sources changed, the second finds it built.
  webServer: [
    {
      command: 'tsx tests/e2e/server.ts',
      url: `${BASE_URL}/api/health`,
      reuseExistingServer: false,
      // Includes a `next build` when the build is stale.
      timeout: 180_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
    {
      command: 'tsx tests/e2e/server.ts',
      url: `http://127.0.0.1:${STUDY_PORT}/api/health`,
      env: { E2E_PORT: String(STUDY_PORT), E2E_SELECTION_MODE: 'study' },
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
  ],
});
