import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The shell script is the single way we start a cluster, so tests and CI behave the same.
const SCRIPT = fileURLToPath(new URL('../../scripts/pg-throwaway.sh', import.meta.url));

export interface ThrowawayPostgres {
  url: string;
  stop(): void;
  /** Kills the server as a crash would (immediate shutdown); the data stays. */
  crash(): void;
  /** Starts it again after crash(): same port, same data, after crash recovery. */
  resume(): void;
}

/** True when PostgreSQL server binaries are installed (PG_BIN, or Debian's /usr/lib/postgresql/N/bin). */
export function postgresBinariesExist(): boolean {
  if (process.env.PG_BIN) return fs.existsSync(path.join(process.env.PG_BIN, 'initdb'));
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return false;
  return fs.readdirSync(root).some((version) => fs.existsSync(path.join(root, version, 'bin', 'initdb')));
}

/** A port nobody listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Starts a throwaway cluster in a fresh temp folder; `stop()` shuts it down and deletes the folder. */
export async function startThrowawayPostgres(port?: number, options: { durable?: boolean } = {}): Promise<ThrowawayPostgres> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'turnos-pg-'));
  const chosenPort = port ?? (await freePort());
  let url: string;
  try {
    url = execFileSync('bash', [SCRIPT, 'start', dir, String(chosenPort), ...(options.durable ? ['--durable'] : [])], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`Could not start a throwaway PostgreSQL:\n${stderr}`);
  }
  const run = (command: string) => execFileSync('bash', [SCRIPT, command, dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  return {
    url,
    stop: () => run('stop'),
    crash: () => run('crash'),
    resume: () => run('resume'),
  };
}

export interface TestPostgres {
  /** Maintenance connection (CREATE/DROP DATABASE); null when PostgreSQL is skipped. */
  adminUrl: string | null;
  /** Human description of where PostgreSQL comes from, for the log. */
  source: string;
  /** Why the PostgreSQL suites are skipped; null when they run. */
  skipReason: string | null;
  /** The cluster we started, to stop at teardown. */
  server?: ThrowawayPostgres;
}

const isCi = () => process.env.CI === 'true' || process.env.CI === '1';

/** Where test PostgreSQL comes from: TEST_DATABASE_URL, a throwaway cluster, or nowhere (skip; fail under CI). */
export async function findTestPostgres(): Promise<TestPostgres> {
  if (process.env.TEST_DATABASE_URL) {
    return { adminUrl: process.env.TEST_DATABASE_URL, source: 'TEST_DATABASE_URL', skipReason: null };
  }
  if (postgresBinariesExist()) {
    const server = await startThrowawayPostgres();
    return { adminUrl: server.url, source: `throwaway cluster at ${server.url}`, skipReason: null, server };
  }
  if (isCi()) throw new Error('CI=true but no PostgreSQL: set TEST_DATABASE_URL or install postgresql.');
  return { adminUrl: null, source: '', skipReason: 'no TEST_DATABASE_URL and no PostgreSQL binaries (apt-get install postgresql)' };
}
