import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

export type Schema = typeof schema;
/** A Drizzle handle on either engine. Domain functions take one of these (or a transaction). */
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type DbOrTx = Db | Tx;

export type Engine = 'pglite' | 'postgres';

export interface DbHandle {
  db: Db;
  engine: Engine;
  /** The connection string, for PostgreSQL. */
  url?: string;
  close(): Promise<void>;
}

export function dataDir(): string {
  // Runtime data, not a source file: keep the bundler from tracing the whole project (turbopackIgnore).
  return path.resolve(/*turbopackIgnore: true*/ process.env.DATA_DIR || '.data');
}

/** Opens PGlite with the extensions our migrations use. `dir` undefined = in memory. */
export function openPglite(dir?: string, loadDataDir?: Blob): PGlite {
  if (dir) fs.mkdirSync(path.dirname(dir), { recursive: true });
  return new PGlite({ dataDir: dir, loadDataDir, extensions: { btree_gist } });
}

export function pgliteHandle(client: PGlite): DbHandle {
  return {
    db: drizzlePglite(client, { schema }) as unknown as Db,
    engine: 'pglite',
    close: () => client.close(),
  };
}

export function postgresHandle(url: string, options: postgres.Options<{}> = {}): DbHandle {
  const client = postgres(url, {
    max: Number(process.env.DATABASE_POOL_SIZE) || 10,
    onnotice: () => {},
    // postgres.js waits `backoff(retries)` seconds before reconnecting, holding the queries queued
    // meanwhile, and its retry count never resets: by default, after one PostgreSQL restart every
    // request waits up to 20 s, during the outage and after it. Capped, a request during an outage
    // gets its answer ("intente nuevamente") at once, and the app serves again as soon as PostgreSQL does.
    backoff: (retries: number) => Math.min(0.05 * 2 ** Math.min(retries, 4), 0.5),
    // An unreachable host (dropped packets, a failover) answers nothing: give up after 10 s, not 30.
    connect_timeout: 10,
    ...options,
  });
  return {
    db: drizzlePostgres(client, { schema }) as unknown as Db,
    engine: 'postgres',
    url,
    close: () => client.end({ timeout: 5 }),
  };
}

/** Opens the configured database: PostgreSQL when DATABASE_URL is set, else PGlite under DATA_DIR. */
export function openDatabase(): DbHandle {
  const url = process.env.DATABASE_URL;
  if (url) return postgresHandle(url);
  return pgliteHandle(openPglite(path.join(dataDir(), 'pglite')));
}

const globalForDb = globalThis as unknown as { __turnosDb?: DbHandle };

/**
 * The process-wide handle. PGlite must be opened once per process (it has no locking
 * between processes, see STACK.md trap 5), so it is cached on globalThis.
 */
export function getDbHandle(): DbHandle {
  globalForDb.__turnosDb ??= openDatabase();
  return globalForDb.__turnosDb;
}

export function getDb(): Db {
  return getDbHandle().db;
}

/** Rows of a `db.execute(sql...)` result on either driver. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
