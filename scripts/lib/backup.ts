/**
 * Backups of either database (`npm run db:backup`, `npm run db:restore`, docs/operations.md):
 * - PostgreSQL: pg_dump's custom format, restored with pg_restore into an EMPTY database.
 * - PGlite: the data folder as PGlite's own dumpDataDir() archive (.tar.gz), loaded back into an
 *   empty folder with the server stopped (PGlite allows one process at a time, STACK.md trap 5).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import postgres from 'postgres';
import { openPglite } from '../../db/client';
import { pgliteOwner } from '../../lib/server/pglite-owner';

/** An operator's mistake, explained in Spanish; the CLI prints it without a stack trace. */
export class BackupError extends Error {}

/** pg_dump/pg_restore: PG_BIN, else the newest /usr/lib/postgresql/N/bin, else the PATH. */
export function postgresTool(name: 'pg_dump' | 'pg_restore'): string {
  if (process.env.PG_BIN) return path.join(process.env.PG_BIN, name);
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((v) => fs.existsSync(path.join(root, v, 'bin', name)))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return versions.length ? path.join(root, versions[0], 'bin', name) : name;
}

/** The URL without its password, which goes in PGPASSWORD instead of a command line anyone can read with ps. */
function connectionArgs(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { dbname: parsed.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

function runTool(tool: string, args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(tool, args, { env, encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'] });
  if (result.error) throw new BackupError(`No se pudo ejecutar ${tool}: ${result.error.message} (instale postgresql-client o defina PG_BIN).`);
  if (result.status !== 0) throw new BackupError(`${path.basename(tool)} falló:\n${result.stderr.trim()}`);
}

function magicOf(file: string, length: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    fs.readSync(fd, buffer, 0, length, 0);
    return buffer;
  } finally {
    fs.closeSync(fd);
  }
}

export function backupPostgres(url: string, file: string): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const { dbname, env } = connectionArgs(url);
  runTool(postgresTool('pg_dump'), ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, `--dbname=${dbname}`], env);
}

/** Tables outside PostgreSQL's own schemas: a restore goes only into a database without any. */
async function userTableCount(url: string): Promise<number> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await client<{ n: number }[]>`
      select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'`;
    return row.n;
  } finally {
    await client.end({ timeout: 5 });
  }
}

export async function restorePostgres(file: string, url: string): Promise<void> {
  if (!fs.existsSync(file)) throw new BackupError(`No existe el archivo ${file}.`);
  if (magicOf(file, 5).toString('latin1') !== 'PGDMP') {
    throw new BackupError(`${file} no es una copia de PostgreSQL (pg_dump --format=custom). ¿Es una copia de la base embebida?`);
  }
  const tables = await userTableCount(url);
  if (tables > 0) {
    throw new BackupError(
      `La base de destino no está vacía (${tables} tablas). Restaure en una base nueva (createdb) y apunte DATABASE_URL a ella.`,
    );
  }
  const { dbname, env } = connectionArgs(url);
  // One transaction: a failed restore leaves the database as empty as it was.
  runTool(
    postgresTool('pg_restore'),
    ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${dbname}`, file],
    env,
  );
}

function refuseWhileServerRuns(dataDir: string): void {
  const owner = pgliteOwner(dataDir);
  if (owner !== null) {
    throw new BackupError(
      `El servidor (proceso ${owner}) tiene abierta la base embebida en ${dataDir}. Deténgalo antes: PGlite admite un solo proceso a la vez.`,
    );
  }
}

/** `dataDir` is DATA_DIR (the database itself is in <dataDir>/pglite, as db/client.ts opens it). */
export async function backupPglite(dataDir: string, file: string): Promise<void> {
  const folder = path.join(dataDir, 'pglite');
  if (!fs.existsSync(path.join(folder, 'PG_VERSION'))) throw new BackupError(`No hay una base embebida en ${folder}.`);
  refuseWhileServerRuns(dataDir);
  const client = openPglite(folder);
  try {
    // The tar is gzipped with zlib here, and gunzipped the same way on restore: one code path both ways.
    // dumpDataDir() on an instance still starting never settles: wait for it first.
    await client.waitReady;
    const tar = await client.dumpDataDir('none');
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    // Written beside, then renamed: a half-written file never looks like a backup.
    fs.writeFileSync(`${file}.partial`, gzipSync(Buffer.from(await tar.arrayBuffer())));
    fs.renameSync(`${file}.partial`, file);
  } finally {
    await client.close();
  }
}

export async function restorePglite(file: string, dataDir: string): Promise<void> {
  if (!fs.existsSync(file)) throw new BackupError(`No existe el archivo ${file}.`);
  const magic = magicOf(file, 2);
  if (magic[0] !== 0x1f || magic[1] !== 0x8b) {
    throw new BackupError(`${file} no es una copia de la base embebida (.tar.gz). ¿Es una copia de PostgreSQL?`);
  }
  refuseWhileServerRuns(dataDir);
  const folder = path.join(dataDir, 'pglite');
  if (fs.existsSync(folder) && fs.readdirSync(folder).length > 0) {
    throw new BackupError(
      `Ya hay una base en ${folder}. Con el servidor detenido, muévala a otro lado (p. ej. ${folder}.anterior) y vuelva a restaurar.`,
    );
  }
  let tar: Buffer;
  try {
    tar = gunzipSync(fs.readFileSync(file));
  } catch (err) {
    throw new BackupError(`${file} está dañado: ${(err as Error).message}`);
  }
  const client = openPglite(folder, new Blob([new Uint8Array(tar)]));
  try {
    // Opening it for real proves the archive was a whole, usable database.
    await client.query('select 1');
  } catch (err) {
    await client.close().catch(() => {});
    fs.rmSync(folder, { recursive: true, force: true });
    throw new BackupError(`La copia ${file} no se pudo abrir: ${(err as Error).message}`);
  }
  await client.close();
}

/** backups/turnos-<engine>-<YYYYMMDD-HHMMSS>.<dump|tar.gz>, in UTC. */
export function defaultBackupFile(engine: 'pglite' | 'postgres', now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return path.join('backups', `turnos-${engine}-${stamp}.${engine === 'pglite' ? 'tar.gz' : 'dump'}`);
}
