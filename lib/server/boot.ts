import { dataDir, getDbHandle } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { isSeeded, seedDemoCenter, seedEmptyCenter } from '@/db/seed';
import { EnvError, parseEnv } from '@/lib/env';
import { embeddedAuthSecret } from './embedded-auth-secret';
import { log } from './log';
import { claimPglite } from './pglite-owner';

/**
 * Runs once per server process, before the first request: validates the environment,
 * migrates the database, and seeds it on first start (the demo center on the embedded
 * database; an empty center with the first admin on PostgreSQL).
 */
export async function boot(): Promise<void> {
  let env;
  try {
    env = parseEnv();
  } catch (err) {
    if (err instanceof EnvError) {
      log.error('Configuración inválida: revise las variables de entorno (docs/operations.md).', { problems: err.problems });
      process.exit(1);
    }
    throw err;
  }
  // `npm start` sets it already; `node .next/standalone/server.js` (Docker) on the embedded database does not.
  if (!env.AUTH_SECRET && !env.DATABASE_URL) process.env.AUTH_SECRET = embeddedAuthSecret();
  if (!env.DATABASE_URL) {
    try {
      // Before PGlite opens the folder: a second server on it would silently lose writes.
      claimPglite(dataDir());
    } catch (err) {
      log.error((err as Error).message);
      process.exit(1);
    }
  }
  const handle = getDbHandle();
  const started = performance.now();
  try {
    await migrateDatabase(handle);
  } catch (err) {
    log.error(`No se pudo preparar la base de datos (${handle.engine}): ${describe(err)}`, { engine: handle.engine });
    process.exit(1);
  }
  log.info('Migraciones aplicadas.', { engine: handle.engine, ms: Math.round(performance.now() - started) });
  const seedDemo = handle.engine === 'pglite' || process.env.SEED_DEMO === '1';
  if (seedDemo) {
    const seeded = await seedDemoCenter(handle.db, {
      adminUsername: env.SEED_ADMIN_USERNAME,
      adminPassword: env.SEED_ADMIN_PASSWORD,
    });
    if (seeded) log.info('Base de datos nueva: se cargó el centro de demostración (CENTRO MEDICO DEMO).');
  } else if (!(await isSeeded(handle.db))) {
    if (env.SEED_ADMIN_USERNAME && env.SEED_ADMIN_PASSWORD) {
      await seedEmptyCenter(handle.db, { adminUsername: env.SEED_ADMIN_USERNAME, adminPassword: env.SEED_ADMIN_PASSWORD });
      log.info('Base de datos nueva: se creó el usuario administrador.', { username: env.SEED_ADMIN_USERNAME });
    } else {
      log.error(
        'La base de datos está vacía: defina SEED_ADMIN_USERNAME y SEED_ADMIN_PASSWORD para crear el primer administrador, o ejecute "npm run db:seed".',
      );
      process.exit(1);
    }
  }
}

function describe(err: unknown): string {
  const cause = (err as { cause?: { message?: string } })?.cause;
  return cause?.message ?? (err instanceof Error ? err.message : String(err));
}
