/**
 * Databases for benchmarks: an in-memory PGlite, and a fresh database on a real PostgreSQL
 * (BENCH_DATABASE_URL or TEST_DATABASE_URL pointing at a server we may create databases on, else a
 * throwaway cluster when PostgreSQL binaries are installed).
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openPglite, pgliteHandle, postgresHandle, type DbHandle } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { postgresBinariesExist, startThrowawayPostgres } from '../support/pg-server';

export interface BenchDatabase {
  engine: 'pglite' | 'postgres';
  handle: DbHandle;
  /** Runs one SQL statement on the bare driver, no ORM in between. */
  raw(query: string, params: unknown[]): Promise<unknown[]>;
  close(): Promise<void>;
}

export async function openPgliteBench(): Promise<BenchDatabase> {
  const client = openPglite();
  const handle = pgliteHandle(client);
  await migrateDatabase(handle);
  return {
    engine: 'pglite',
    handle,
    raw: async (query, params) => (await client.query(query, params)).rows,
    close: () => handle.close(),
  };
}

export async function openPostgresBench(): Promise<BenchDatabase | { skipped: string }> {
  let adminUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  let stopCluster: (() => void) | undefined;
  if (!adminUrl) {
    if (!postgresBinariesExist()) return { skipped: 'no PostgreSQL: set BENCH_DATABASE_URL or apt-get install postgresql' };
    const cluster = await startThrowawayPostgres();
    adminUrl = cluster.url;
    stopCluster = cluster.stop;
  }
  const name = `turnos_bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = postgresHandle(url.toString(), { max: 10 });
  await migrateDatabase(handle);
  const bare = postgres(url.toString(), { max: 1, onnotice: () => {} });
  return {
    engine: 'postgres',
    handle,
    // Prepared, like the app's own statements.
    raw: async (query, params) => [...(await bare.unsafe(query, params as never[], { prepare: true }))],
    close: async () => {
      await handle.close();
      await bare.end({ timeout: 5 });
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end({ timeout: 5 });
      stopCluster?.();
    },
  };
}
