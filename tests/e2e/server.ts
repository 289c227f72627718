/**
 * Playwright's web server (playwright.config.ts): a production build on a FRESH embedded database.
 * Every e2e run starts from the same demo center, with the idle lock shortened to 1 minute
 * so the suite can test it. Prepared here, before `next start`, because PGlite must never be
 * opened by two processes at once (STACK.md trap 5).
 *
 * Mail is real SMTP to a catcher in this process (tests/e2e/mail-catcher.ts); specs read it with
 * tests/e2e/mail.ts. The catcher lives and dies with this process, so its ports free with it.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { buildIfNeeded } from '../../scripts/lib/build-if-needed';
import { prepareStandalone } from '../../scripts/lib/standalone';
import { openPglite, pgliteHandle } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { centerSettings } from '../../db/schema';
import { seedDemoCenter } from '../../db/seed';
import { startMailCatcher } from './mail-catcher';

const E2E_PORT = Number(process.env.E2E_PORT) || 3100;
/** The center-wide "Forma de Seleccionar Profesional": a second server runs the study mode. */
const SELECTION_MODE = process.env.E2E_SELECTION_MODE === 'study' ? 'study' : 'specialty';
const STANDALONE = process.env.E2E_STANDALONE === '1';
const SUFFIX = `${SELECTION_MODE === 'study' ? `-${SELECTION_MODE}` : ''}${STANDALONE ? '-standalone' : ''}`;
const DATA_DIR = path.resolve(`.test-data/e2e${SUFFIX}`);
const MAIL_CERT_DIR = path.resolve(`.test-data/e2e-mail${SUFFIX}`);
const MAIL_FROM = 'CENTRO MEDICO DEMO <turnos@centromedicodemo.com.ar>';
// Fixed so a failing run can be reproduced; only ever guards throwaway test data.
const AUTH_SECRET = 'e2e-only-secret-not-for-production-0123456789';

async function prepareDatabase(): Promise<void> {
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
  fs.mkdirSync(DATA_DIR, { recursive: true });
  // Same folder layout as db/client.ts openDatabase(): <DATA_DIR>/pglite.
  const handle = pgliteHandle(openPglite(path.join(DATA_DIR, 'pglite')));
  try {
    await migrateDatabase(handle);
    if (!(await seedDemoCenter(handle.db))) throw new Error('seedDemoCenter did nothing on a fresh database');
    const updated = await handle.db
      .update(centerSettings)
      // The web address is where mail links point: this server, so specs can follow them.
      .set({ patientIdleMinutes: 1, staffIdleMinutes: 1, webAddress: `http://127.0.0.1:${E2E_PORT}`, selectionMode: SELECTION_MODE })
      .where(eq(centerSettings.id, 1))
      .returning({ id: centerSettings.id });
    if (updated.length !== 1) throw new Error('the demo center has no center_settings row');
  } finally {
    // Closed before the server opens the same folder.
    await handle.close();
  }
}

async function main(): Promise<void> {
  // First: its ports double as a lock, so a second e2e server fails here, before it rebuilds
  // or wipes the database folder under a running one.
  const mail = await startMailCatcher({ certDir: MAIL_CERT_DIR, log: (line) => console.log(line) });
  buildIfNeeded();
  await prepareDatabase();

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    DATA_DIR,
    AUTH_SECRET,
    AUTH_TRUST_HOST: 'true',
    SMTP_URL: mail.smtpUrl,
    MAIL_FROM,
    // smtp:// requires STARTTLS (lib/messaging/transports/smtp.ts): trust the catcher's certificate.
    NODE_EXTRA_CA_CERTS: mail.certFile,
  };
  // The e2e server always runs on its own embedded database, even when CI exports a PostgreSQL URL.
  delete env.DATABASE_URL;

  let args = ['node_modules/next/dist/bin/next', 'start', '-p', String(E2E_PORT), '-H', '127.0.0.1'];
  if (STANDALONE) {
    // Again, in case the build came from a bare `next build` that skipped the copy.
    const folder = prepareStandalone();
    if (!folder) throw new Error(".next/standalone/server.js is missing: is output 'standalone' still in next.config.ts?");
    args = [path.join(folder, 'server.js')];
    Object.assign(env, { PORT: String(E2E_PORT), HOSTNAME: '127.0.0.1' });
    delete env.AUTH_SECRET;
  }
  const child = spawn(process.execPath, args, { stdio: 'inherit', env });
  // The server must die with us, or it keeps the port and the PGlite folder for the next run.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => child.kill(signal));
  }
  process.on('exit', () => child.kill('SIGTERM'));
  child.on('exit', (code, signal) => {
    void mail.stop().finally(() => process.exit(code ?? (signal ? 1 : 0)));
  });
}

main().catch((error) => {
  console.error('e2e server failed to start:', error);
  process.exit(1);
});
