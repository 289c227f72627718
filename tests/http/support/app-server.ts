/**
 * The production build (`next start`) on a real PostgreSQL, for the HTTP suites. The build itself
 * is made (when stale) by tests/http/support/global-setup.ts before any suite starts a server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';
import { freePort } from '../../support/pg-server';

// Fixed so a failing run can be reproduced; only ever guards throwaway test data.
export const HTTP_AUTH_SECRET = 'http-suite-only-secret-not-for-production-0123456789';

export interface AppServer {
  url: string;
  port: number;
  pid: number;
  /** Everything the server printed so far (stdout and stderr). */
  output(): string;
  /** True while the `next start` process is alive. */
  alive(): boolean;
  stop(): Promise<void>;
}

let nextPort: number | undefined;

/**
 * HTTP_TEST_PORT: the first port the servers may use (one more per server), when several
 * checkouts share a machine and each has its range; otherwise the OS picks free ones.
 */
async function portForServer(): Promise<number> {
  const base = Number(process.env.HTTP_TEST_PORT);
  if (!base) return freePort();
  nextPort ??= base;
  return nextPort++;
}

export async function waitForHealth(url: string, timeoutMs: number, alive: () => boolean = () => true): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (!alive()) throw new Error(`the server at ${url} exited while starting`);
    try {
      const response = await fetch(`${url}/api/health`);
      last = `${response.status} ${await response.text()}`;
      if (response.ok) return;
    } catch (error) {
      last = String(error);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} not healthy after ${timeoutMs} ms (last answer: ${last})`);
}

/**
 * `next start` on `databaseUrl` with SEED_DEMO=1: the server migrates the database and loads the
 * demo center itself on its first start, exactly as a deployment would.
 */
export async function startApp(databaseUrl: string, env: Record<string, string> = {}): Promise<AppServer> {
  const port = await portForServer();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(
    process.execPath,
    ['node_modules/next/dist/bin/next', 'start', '-p', String(port), '-H', '127.0.0.1'],
    {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        DATABASE_URL: databaseUrl,
        SEED_DEMO: '1',
        AUTH_SECRET: HTTP_AUTH_SECRET,
        AUTH_TRUST_HOST: 'true',
        SMTP_URL: '',
        RESEND_API_KEY: '',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  const server: AppServer = {
    url,
    port,
    pid: child.pid!,
    output: () => output,
    alive: () => !exited,
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exit;
      clearTimeout(timer);
    },
  };
  try {
    await waitForHealth(url, 60_000, server.alive);
  } catch (error) {
    await server.stop();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${output}`);
  }
  return server;
}

export interface FreshDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new, empty database on the suite's PostgreSQL server (TEST_DATABASE_URL or a throwaway cluster). */
export async function createEmptyDatabase(adminUrl = inject('httpPostgres').adminUrl): Promise<FreshDatabase> {
  if (!adminUrl) throw new Error('no PostgreSQL for the HTTP suites');
  const name = `turnos_http_${randomBytes(5).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const again = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await again.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await again.end({ timeout: 5 });
      }
    },
  };
}
