/**
 * `npm run db:backup [-- FILE]`: a copy of the database in use (DATABASE_URL, else the embedded one in
 * DATA_DIR) to FILE, by default backups/turnos-<engine>-<date>.<dump|tar.gz>. docs/operations.md.
 */
import path from 'node:path';
import { dataDir } from '../db/client';
import { backupPglite, backupPostgres, BackupError, defaultBackupFile } from './lib/backup';

const url = process.env.DATABASE_URL;
const file = process.argv[2] ?? defaultBackupFile(url ? 'postgres' : 'pglite');
try {
  if (url) backupPostgres(url, file);
  else await backupPglite(dataDir(), file);
  console.log(`Copia de seguridad guardada en ${path.resolve(file)}`);
} catch (err) {
  if (!(err instanceof BackupError)) throw err;
  console.error(err.message);
  process.exit(1);
}
