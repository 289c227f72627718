/**
 * `npm run db:seed [-- --demo]`: load the first data into an empty database.
 * Embedded database, or --demo: the demo center. PostgreSQL: an empty center whose first admin is
 * SEED_ADMIN_USERNAME / SEED_ADMIN_PASSWORD. Never touches a database that already has a center.
 * Stop the server first when using the embedded database: PGlite allows one process at a time.
 */
import { openDatabase } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { seedDemoCenter, seedEmptyCenter } from '../db/seed';
import { EnvError, parseEnv } from '../lib/env';

let env;
try {
  env = parseEnv();
} catch (err) {
  if (!(err instanceof EnvError)) throw err;
  console.error(err.message);
  process.exit(1);
}
const handle = openDatabase();
try {
  await migrateDatabase(handle);
  const demo = handle.engine === 'pglite' || process.argv.includes('--demo');
  let seeded: boolean;
  if (demo) {
    seeded = await seedDemoCenter(handle.db, { adminUsername: env.SEED_ADMIN_USERNAME, adminPassword: env.SEED_ADMIN_PASSWORD });
  } else if (env.SEED_ADMIN_USERNAME && env.SEED_ADMIN_PASSWORD) {
    seeded = await seedEmptyCenter(handle.db, { adminUsername: env.SEED_ADMIN_USERNAME, adminPassword: env.SEED_ADMIN_PASSWORD });
  } else {
    console.error('Defina SEED_ADMIN_USERNAME y SEED_ADMIN_PASSWORD (o use --demo para el centro de demostración).');
    process.exit(1);
  }
  console.log(seeded ? `Datos iniciales cargados (${demo ? 'centro de demostración' : 'centro vacío'}).` : 'La base ya tenía un centro: no se cambió nada.');
} finally {
  await handle.close();
}
