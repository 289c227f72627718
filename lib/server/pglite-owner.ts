import fs from 'node:fs';
import path from 'node:path';

/**
 * PGlite has no locking between processes (STACK.md trap 5): the server records its pid beside the
 * data (<DATA_DIR>/server.pid), so the backup and restore scripts, and a second server, can refuse to
 * open the folder while it runs. PGlite's own postmaster.pid cannot tell: it holds a fake pid and
 * outlives a stopped server.
 */
const FILE = 'server.pid';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, it is just not ours to signal.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid of a live process that has the embedded database in `dataDir` open, other than this one. */
export function pgliteOwner(dataDir: string): number | null {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(path.join(dataDir, FILE), 'utf8').trim());
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return null;
  return isAlive(pid) ? pid : null;
}

/** Marks `dataDir` as opened by this process. Throws with a Spanish message when another live process has it. */
export function claimPglite(dataDir: string): void {
  const owner = pgliteOwner(dataDir);
  if (owner !== null) {
    throw new Error(
      `La base embebida en ${dataDir} ya está abierta por el proceso ${owner}. PGlite admite un solo proceso a la vez: detenga ese proceso primero (si no es Turnos, borre ${path.join(dataDir, FILE)}).`,
    );
  }
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(path.join(dataDir, FILE), `${process.pid}\n`);
}
