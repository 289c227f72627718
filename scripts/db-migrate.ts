/** `npm run db:migrate`: apply the committed migrations to DATABASE_URL (or the embedded database). */
import { openDatabase } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { EnvError, parseEnv } from '../lib/env';

try {
  parseEnv();
} catch (err) {
  if (!(err instanceof EnvError)) throw err;
  console.error(err.message);
  process.exit(1);
}
const handle = openDatabase();
try {
  await migrateDatabase(handle);
  console.log(`Migraciones aplicadas (${handle.engine}).`);
} catch (err) {
  console.error(`No se pudieron aplicar las migraciones: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
