/**
 * `npm run db:restore -- FILE`: loads a copy made by `npm run db:backup` into an EMPTY database:
 * the one in DATABASE_URL (pg_restore), else the embedded one in DATA_DIR (with the server stopped).
 * It never overwrites data. docs/operations.md.
 */
import { dataDir } from '../db/client';
import { BackupError, restorePglite, restorePostgres } from './lib/backup';

const file = process.argv[2];
if (!file) {
  console.error('Uso: npm run db:restore -- ARCHIVO   (una copia hecha con npm run db:backup)');
  process.exit(1);
}
const url = process.env.DATABASE_URL;
try {
  if (url) await restorePostgres(file, url);
  else await restorePglite(file, dataDir());
  console.log(`Base restaurada desde ${file}${url ? '' : ` en ${dataDir()}`}. Ya puede iniciar el servidor.`);
} catch (err) {
  if (!(err instanceof BackupError)) throw err;
  console.error(err.message);
  process.exit(1);
}
